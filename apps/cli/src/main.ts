import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigValidationError, env, useLocalDatabaseUrl } from '@causeway/config';
import { assertDatabaseReachable, baseDataSourceOptions } from '@causeway/database';
import { CliError, COMMANDS } from './commands';

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length), 10);
  return [
    'Causeway admin commands, run against DATABASE_URL (unset: the database of a running `npm start`).',
    'Changes apply at once, also to people signed in now.',
    '  npm run cli -- <command> [arguments]',
    '',
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.description}`),
    `  ${'--help'.padEnd(width)}  show this help`,
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    console.error(`unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  const local = useLocalDatabaseUrl();
  await assertDatabaseReachable(env().DATABASE_URL, 0).catch((err: Error) => {
    throw new CliError(
      local
        ? `${err.message.split(' Is PostgreSQL running?')[0]}. Is npm start still running?`
        : err.message,
    );
  });
  const dataSource = new DataSource({ ...baseDataSourceOptions(env().DATABASE_URL), entities: [] });
  await dataSource.initialize();
  try {
    console.log(await command.run(args, dataSource));
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(
      err instanceof ConfigValidationError || err instanceof CliError
        ? err.message
        : `error: ${(err as Error).message}`,
    );
    process.exit(1);
  },
);
