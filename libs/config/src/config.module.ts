import { Module } from '@nestjs/common';
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

/**
 * Validated configuration for every app; read when the app starts, never at import. Not global:
 * each module whose providers inject a config group imports this module, so its needs show.
 */
@Module({
  imports: [
    NestConfigModule.forRoot({
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
