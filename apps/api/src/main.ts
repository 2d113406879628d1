import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appConfig, env, exitOnStartFailure, exitWithin, stopWithParent } from '@causeway/config';
import { assertDatabaseReachable } from '@causeway/database';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const { PORT, DATABASE_URL } = env();
  const { host } = appConfig();
  await assertDatabaseReachable(DATABASE_URL);
  const app = await createApiApp();
  stopWithParent();
  exitWithin(25_000);
  await app.listen(PORT, host);
  const bound = (app.getHttpServer() as Server).address() as AddressInfo;
  const shown = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  new Logger('Api').log(
    `GraphQL API listening on http://${shown}:${bound.port}/graphql (bound to ${bound.address}, HOST)`,
  );
}

main().catch(exitOnStartFailure('API'));
