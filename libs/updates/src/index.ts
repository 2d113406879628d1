export * from './update.entity';
export * from './updates.sql';
export * from './updates.repository';
export * from './updates.service';
export * from './updates.module';
