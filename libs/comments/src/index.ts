export * from './comment.entity';
export * from './reaction.entity';
export * from './comments.service';
export * from './reactions.service';
export * from './comments.module';
