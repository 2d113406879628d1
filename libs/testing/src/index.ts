export * from './test-env';
export * from './graphql-client';
export * from './drain';
export * from './test-stack';
export * from './people';
export * from './processes';
export * from './smtp';
