export * from './user.entity';
export * from './refresh-token.entity';
export * from './accounts.service';
export * from './sessions.service';
export * from './password-hasher';
export * from './platform-roles';
export * from './accounts.module';
export * from './email-tokens.service';
