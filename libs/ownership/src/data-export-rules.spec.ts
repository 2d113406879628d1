import {
  ChunkWriter,
  DataExportRow,
  DataExportStatus,
  EXPORT_CHUNK_BYTES,
  isDownloadable,
  retryAfterSeconds,
  shownStatus,
} from './data-export-rules';

describe(ChunkWriter.name, () => {
  async function writeAll(texts: string[]) {
    const stored: { seq: number; data: Buffer }[] = [];
    const sut = new ChunkWriter((seq, data) => {
      stored.push({ seq, data });
      return Promise.resolve();
    });
    for (const t of texts) await sut.write(t);
    await sut.flush();
    return { stored, total: sut.total };
  }

  it('stores chunks of at least EXPORT_CHUNK_BYTES, numbered from 0, that together are the text', async () => {
    const texts = Array.from({ length: 3000 }, (_, i) => `{"n":${i},"s":"${'é'.repeat(i % 97)}"},`);
    const { stored, total } = await writeAll(texts);
    const whole = Buffer.from(texts.join(''));
    expect(stored.map((c) => c.seq)).toEqual(stored.map((_, i) => i));
    expect(stored.length).toBeGreaterThan(1);
    for (const c of stored.slice(0, -1))
      expect(c.data.length).toBeGreaterThanOrEqual(EXPORT_CHUNK_BYTES);
    expect(Buffer.concat(stored.map((c) => c.data)).equals(whole)).toBe(true);
    expect(total).toBe(whole.length);
  });

  it('stores one chunk for a small archive and nothing more on a second flush', async () => {
    const { stored, total } = await writeAll(['{', '}\n']);
    expect(stored.map((c) => [c.seq, c.data.toString()])).toEqual([[0, '{}\n']]);
    expect(total).toBe(3);
  });

  it('never splits inside a write: a chunk ends where a write ended', async () => {
    const big = 'x'.repeat(EXPORT_CHUNK_BYTES + 10);
    const { stored } = await writeAll(['a', big, 'b']);
    expect(stored.map((c) => c.data.length)).toEqual([EXPORT_CHUNK_BYTES + 11, 1]);
  });
});

describe('data export status', () => {
  const now = Date.parse('2026-01-02T00:00:00Z');
  const row = (status: DataExportStatus, expiresAt: Date | null): DataExportRow => ({
    id: 'e',
    userId: 'u',
    status,
    createdAt: new Date(now - 3600_000),
    expiresAt,
  });

  it('shows a READY export past its expiry as EXPIRED at once, and no link to it', () => {
    const past = row(DataExportStatus.READY, new Date(now));
    expect(shownStatus(past, now)).toBe(DataExportStatus.EXPIRED);
    expect(isDownloadable(past, now)).toBe(false);
    const live = row(DataExportStatus.READY, new Date(now + 1));
    expect(shownStatus(live, now)).toBe(DataExportStatus.READY);
    expect(isDownloadable(live, now)).toBe(true);
  });

  it('shows PENDING and EXPIRED as they are, never downloadable', () => {
    for (const status of [DataExportStatus.PENDING, DataExportStatus.EXPIRED]) {
      const r = row(status, new Date(now + 3600_000));
      expect(shownStatus(r, now)).toBe(status);
      expect(isDownloadable(r, now)).toBe(false);
    }
  });

  it('asks to retry when the oldest request of the hour leaves the window, at least 1 second', () => {
    expect(retryAfterSeconds(new Date(now - 3599_500), now)).toBe(1);
    expect(retryAfterSeconds(new Date(now - 3600_000), now)).toBe(1);
    expect(retryAfterSeconds(new Date(now - 600_000), now)).toBe(3000);
  });
});
