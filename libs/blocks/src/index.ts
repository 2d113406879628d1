export * from './user-block.entity';
export * from './blocks.sql';
export * from './blocks.repository';
export * from './blocks.module';
