import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@causeway/testing';

const root = join(__dirname, '..');

// A clone in a folder the postgres user cannot enter (a checkout under /root, any 0700 folder):
// the embedded PostgreSQL must still start. The scripts and the packages they need are copied
// (hard links) into a fresh 0700 folder and started from there.
describe('embedded PostgreSQL from a 0700 folder', () => {
  it('starts, says where it runs from in one line, and stops', async () => {
    const closed = mkdtempSync(join(tmpdir(), 'causeway-0700-'));
    chmodSync(closed, 0o700);
    const clone = join(closed, 'clone');
    let home: string | undefined;
    try {
      mkdirSync(clone);
      cpSync(join(root, 'scripts'), join(clone, 'scripts'), { recursive: true });
      cpSync(join(root, 'package.json'), join(clone, 'package.json'));
      // Everything the launcher imports, as hard links where the file system allows.
      const r = spawnSync('cp', ['-al', join(root, 'node_modules'), clone]);
      if (r.status !== 0)
        cpSync(join(root, 'node_modules'), join(clone, 'node_modules'), {
          recursive: true,
          verbatimSymlinks: true,
        });
      const port = await freePort();
      const script = `
        import { startEmbeddedPostgres } from ${JSON.stringify(join(clone, 'scripts', 'embedded-postgres.mjs'))};
        const pg = await startEmbeddedPostgres({ databaseDir: ${JSON.stringify(join(clone, '.data', 'pg'))}, port: ${port}, database: 'causeway', persistent: false, log: (m) => console.log('NOTE ' + m) });
        console.log('URL ' + pg.url);
        await pg.stop();
        console.log('STOPPED');`;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: clone,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain(`URL postgres://postgres:postgres@127.0.0.1:${port}/causeway`);
      expect(run.stdout).toContain('STOPPED');
      if (process.getuid?.() === 0) {
        // As root the postgres user cannot enter the clone: it runs from a copy, and says so.
        const note = run.stdout.split('\n').find((l) => l.startsWith('NOTE '));
        expect(note).toMatch(
          /^NOTE running as root where the postgres user cannot enter .*: PostgreSQL runs from \/var\/tmp\/causeway-pg-[0-9a-f]{12} \(data in .*\)$/,
        );
        home = /runs from (\/var\/tmp\/causeway-pg-[0-9a-f]{12})/.exec(note!)![1];
      } else {
        expect(run.stdout).not.toContain('NOTE ');
      }
    } finally {
      rmSync(closed, { recursive: true, force: true });
      if (home) rmSync(home, { recursive: true, force: true });
    }
  }, 90_000);
});
