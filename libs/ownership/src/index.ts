export * from './data-exports.service';
export * from './data-export-builder';
export * from './account-deletion.service';
export * from './ownership.module';
