import { Global, Module } from '@nestjs/common';
import { ConfigModule as NestConfigModule } from '@nestjs/config';
import {
  apiConfig,
  appConfig,
  authConfig,
  databaseConfig,
  mailConfig,
  integrationsConfig,
  queueConfig,
} from './configuration';

/** Validated configuration for every app; read when the app starts, never at import. */
@Global()
@Module({
  imports: [
    NestConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      load: [
        appConfig,
        databaseConfig,
        queueConfig,
        authConfig,
        apiConfig,
        mailConfig,
        integrationsConfig,
      ],
    }),
  ],
  exports: [NestConfigModule],
})
export class ConfigModule {}
