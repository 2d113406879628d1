export * from './base.entity';
export * from './database.module';
export * from './migration-runner';
export * from './data-source-options';
export * from './snake-naming.strategy';
export * from './postgres-errors';
export * from './database-preflight';
export * from './table-owners';
