export * from './mailer';
export * from './mail.module';
export * from './templates';
export * from './unsubscribe-link';
