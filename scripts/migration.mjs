#!/usr/bin/env node
// npm run migration:generate -- <PascalCaseName> | migration:run | migration:revert
// Runs the TypeORM CLI on the TypeScript sources against DATABASE_URL. A generated migration must
// then be added to libs/database/src/migrations/index.ts (the list the apps run).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [action, name] = process.argv.slice(2);
const cli = join(root, 'node_modules/typeorm/cli.js');
const dataSource = join(root, 'libs/database/src/data-source.ts');
const args = {
  generate: [
    'migration:generate',
    '-p',
    '-d',
    dataSource,
    join(root, 'libs/database/src/migrations', name ?? ''),
  ],
  run: ['migration:run', '-d', dataSource],
  revert: ['migration:revert', '-d', dataSource],
}[action];
if (!args || (action === 'generate' && !/^[A-Z][A-Za-z0-9]+$/.test(name ?? ''))) {
  console.error(
    'usage: npm run migration:generate -- <PascalCaseName> | npm run migration:run | npm run migration:revert',
  );
  process.exit(2);
}
if (!process.env.DATABASE_URL) {
  console.error('DATABASE_URL is required (a database with every migration so far applied)');
  process.exit(2);
}
const r = spawnSync(
  process.execPath,
  ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', cli, ...args],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TS_NODE_PROJECT: join(root, 'tsconfig.json') },
  },
);
if (action === 'generate' && r.status === 0)
  console.log('now add the new class to libs/database/src/migrations/index.ts');
process.exit(r.status ?? 1);
