export * from './follow.entity';
export * from './follows.service';
export * from './follows.module';
export * from './follows.sql';
export * from './follows.repository';
