export * from './update.entity';
export * from './updates.service';
export * from './updates.module';
