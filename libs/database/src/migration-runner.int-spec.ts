import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { baseDataSourceOptions } from './data-source-options';
import { runMigrationsLocked } from './migration-runner';
import { MIGRATIONS } from './migrations';

describe(runMigrationsLocked.name, () => {
  const name = `causeway_test_${process.env.JEST_WORKER_ID ?? '1'}_migrations`;
  const adminUrl = new URL(process.env.DATABASE_URL!);
  adminUrl.pathname = '/postgres';
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;

  const admin = async (sql: string) => {
    const c = new Client({ connectionString: adminUrl.toString() });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  beforeAll(() =>
    admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() =>
      admin(`CREATE DATABASE ${name}`),
    ),
  );
  afterAll(() => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

  it('applies each migration once when several processes start together', async () => {
    const sources = Array.from(
      { length: 3 },
      () => new DataSource({ ...baseDataSourceOptions(url.toString()), entities: [] }),
    );
    await Promise.all(sources.map((s) => s.initialize()));
    try {
      const applied = await Promise.all(sources.map((s) => runMigrationsLocked(s)));
      expect(applied.reduce((a, b) => a + b, 0)).toBe(MIGRATIONS.length);
      const rows: { name: string }[] = await sources[0].query('SELECT name FROM migrations');
      expect(rows.map((r) => r.name).sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
      expect(await runMigrationsLocked(sources[1])).toBe(0);
      const [{ v }] = await sources[0].query('SELECT uuid_generate_v7()::text AS v');
      expect(v).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    } finally {
      await Promise.all(sources.map((s) => s.destroy()));
    }
  });
});
