export * from './cause.entity';
export * from './causes.service';
export * from './causes.module';
