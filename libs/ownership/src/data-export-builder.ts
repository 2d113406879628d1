import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountsRetention } from '@causeway/accounts/retention.repository';
import { ChunkWriter, EXPORT_TTL_MS } from './data-export-rules';
import { DataExportsRepository } from './data-exports.repository';
import { EXPORT_SECTIONS } from './export-sections';

/** Rows read per statement: every section is read in keyset batches, never whole. */
const BATCH = 500;

/** Builds archives in the worker and deletes them when they expire. */
@Injectable()
export class DataExportBuilder {
  private readonly logger = new Logger(DataExportBuilder.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly exports: DataExportsRepository,
  ) {}

  /**
   * Builds the archive of a PENDING export in one transaction (a retried job starts again from an
   * empty archive) and marks it READY for 24 hours. Idempotent: anything but PENDING is left alone.
   */
  async build(exportId: string): Promise<void> {
    const started = Date.now();
    const bytes = await this.db.transaction(async (em) => {
      const userId = await this.exports.claimPending(em, exportId);
      if (!userId) return null;
      const out = new ChunkWriter((seq, data) => this.exports.addChunk(em, exportId, seq, data));
      const profile = await AccountsRetention.profileFor(em, userId);
      await out.write(
        `{"format":"causeway-export/1","exportedAt":${JSON.stringify(new Date().toISOString())},"profile":${JSON.stringify(profile)}`,
      );
      for (const section of EXPORT_SECTIONS) {
        await out.write(`,${JSON.stringify(section.name)}:[`);
        let after: string | null = null;
        let first = true;
        for (;;) {
          const rows = await section.read(em, userId, after, BATCH);
          for (const { k, ...row } of rows) {
            await out.write(`${first ? '' : ','}${JSON.stringify(row)}`);
            first = false;
            after = String(k);
          }
          if (rows.length < BATCH) break;
        }
        await out.write(']');
      }
      await out.write('}\n');
      await out.flush();
      await this.exports.markReady(em, exportId, out.total, EXPORT_TTL_MS);
      return out.total;
    });
    if (bytes !== null)
      this.logger.log(
        `data export ${exportId} ready: ${bytes} bytes in ${Date.now() - started} ms`,
      );
  }

  /** Deletes the archives of exports past their 24 hours and marks them EXPIRED; returns how many. */
  expire(): Promise<number> {
    return this.exports.expireDue();
  }
}
