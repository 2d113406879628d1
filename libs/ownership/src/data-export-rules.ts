export enum DataExportStatus {
  PENDING = 'PENDING',
  READY = 'READY',
  EXPIRED = 'EXPIRED',
}

export interface DataExportRow {
  id: string;
  userId: string;
  status: DataExportStatus;
  createdAt: Date;
  expiresAt: Date | null;
}

/** How long a ready archive can be downloaded. */
export const EXPORT_TTL_MS = 24 * 3600 * 1000;
/** Bytes per stored chunk of an archive. */
export const EXPORT_CHUNK_BYTES = 256 * 1024;
/** The window of DATA_EXPORT_RATE_LIMIT_PER_HOUR. */
const RATE_WINDOW_MS = 3600_000;

/** The status the API shows: READY past its expiry reads EXPIRED at once (the worker deletes the archive soon after). */
export function shownStatus(row: DataExportRow, now: number): DataExportStatus {
  return row.status === DataExportStatus.READY && !isDownloadable(row, now)
    ? DataExportStatus.EXPIRED
    : row.status;
}

export function isDownloadable(row: DataExportRow, now: number): boolean {
  return (
    row.status === DataExportStatus.READY && row.expiresAt !== null && row.expiresAt.getTime() > now
  );
}

/** Seconds until the oldest request of the window leaves it (at least 1). */
export function retryAfterSeconds(oldest: Date, now: number): number {
  return Math.max(1, Math.ceil((oldest.getTime() + RATE_WINDOW_MS - now) / 1000));
}

/**
 * Appends text and hands it to `store` in chunks of at least EXPORT_CHUNK_BYTES (the last one may
 * be smaller), numbered from 0, so an archive is never held whole in memory.
 */
export class ChunkWriter {
  private parts: Buffer[] = [];
  private size = 0;
  private seq = 0;
  /** Bytes written so far. */
  total = 0;

  constructor(private readonly store: (seq: number, data: Buffer) => Promise<void>) {}

  async write(text: string): Promise<void> {
    const b = Buffer.from(text);
    this.parts.push(b);
    this.size += b.length;
    this.total += b.length;
    if (this.size >= EXPORT_CHUNK_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const data = Buffer.concat(this.parts);
    this.parts = [];
    this.size = 0;
    await this.store(this.seq++, data);
  }
}
