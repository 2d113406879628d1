import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { env, exitOnStartFailure } from '@causeway/config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const { PORT } = env();
  const app = await createApiApp();
  await app.listen(PORT);
  new Logger('Api').log(`GraphQL API listening on http://127.0.0.1:${PORT}/graphql`);
}

main().catch(exitOnStartFailure('API'));
