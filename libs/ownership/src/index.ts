export * from './data-exports.service';
export * from './data-export-builder';
export * from './account-deletion.service';
export * from './ownership.module';
export * from './retention.service';
export { DataExportStatus, EXPORT_CHUNK_BYTES, EXPORT_TTL_MS } from './data-export-rules';
export type { DataExportRow } from './data-export-rules';
export { PERSONAL_COLUMNS } from './personal-data';
