export * from './follow.entity';
export * from './follows.service';
export * from './follows.module';
