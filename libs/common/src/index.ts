export * from './domain-error';
export * from './ids';
export * from './pagination';
export * from './search-query';
export * from './text';
