import { ChildProcess, spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { once } from 'node:events';
import net from 'node:net';
import { join } from 'node:path';
import { eventually } from './drain';

const root = join(__dirname, '..', '..', '..');

/** A free TCP port on loopback. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => (s.destroy(), resolve(true)));
    s.on('error', () => resolve(false));
  });

/** A redis-server of the test's own (nothing saved), so stopping it disturbs no shared service. */
export async function startRedisServer(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  await eventually(() => listening(port), 10_000, 'redis-server listening');
  return child;
}

export interface BuiltProcess {
  child: ChildProcess;
  output(): string;
  /** SIGKILL, and wait until it is gone. */
  kill(): Promise<void>;
}

/** Starts a built app (`npm run start:api` / `start:worker`) with the test's environment plus `env`. */
export function startBuiltProcess(
  app: 'api' | 'worker',
  env: Record<string, string>,
): BuiltProcess {
  let out = '';
  const child = spawn(process.execPath, [join(root, `dist/apps/${app}/src/main.js`)], {
    env: { ...process.env, LOG_LEVEL: 'log', LOG_FILE: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Its lines are kept for the test and also appended to this worker's log file (scanned for secrets).
  const keep = (d: Buffer) => {
    out += d.toString();
    if (process.env.LOG_FILE) appendFileSync(process.env.LOG_FILE, d);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return {
    child,
    output: () => out,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await once(child, 'exit');
    },
  };
}
