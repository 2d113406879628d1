export * from './request-context';
export * from './logging';
export * from './metrics';
export * from './readiness';
export * from './observability.module';
