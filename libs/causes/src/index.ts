export * from './cause.entity';
export * from './causes.service';
export * from './causes.module';
export * from './causes.sql';
export * from './causes.repository';
