import { Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConfigModule, databaseConfig } from '@causeway/config';
import { baseDataSourceOptions } from './data-source-options';
import { runMigrationsLocked } from './migration-runner';

/** TypeORM on PostgreSQL for every app; entities come from each domain lib's forFeature. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      imports: [ConfigModule],
      inject: [databaseConfig.KEY],
      useFactory: (db: ConfigType<typeof databaseConfig>) => ({
        ...baseDataSourceOptions(db.url),
        autoLoadEntities: true,
        retryAttempts: 3,
        retryDelay: 1000,
      }),
    }),
  ],
})
export class DatabaseModule {}

/**
 * The API's start-up step: apply pending migrations under the advisory lock unless
 * MIGRATIONS_RUN=false. Workers and the CLI do not import it.
 */
@Module({ imports: [DatabaseModule] })
export class MigrateOnStartModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('Migrations');
  constructor(private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!databaseConfig().migrationsRun) {
      this.logger.log('MIGRATIONS_RUN=false: not applying migrations');
      return;
    }
    await runMigrationsLocked(this.dataSource, this.logger);
  }
}
