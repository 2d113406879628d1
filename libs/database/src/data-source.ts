/**
 * The DataSource of the TypeORM CLI (npm run migration:generate|run|revert).
 * Entities are found by file name so new domain libs need no registration here.
 */
import { DataSource } from 'typeorm';
import { env } from '@causeway/config';
import { baseDataSourceOptions } from './data-source-options';

export default new DataSource({
  ...baseDataSourceOptions(env().DATABASE_URL),
  entities: [`${__dirname}/../../*/src/**/*.entity.{ts,js}`],
});
