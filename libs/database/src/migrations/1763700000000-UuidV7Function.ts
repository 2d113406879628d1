import { MigrationInterface, QueryRunner } from 'typeorm';

/** uuid_generate_v7(): time-ordered ids for rows inserted by set-based SQL (PostgreSQL 15 has no uuidv7()). */
export class UuidV7Function1763700000000 implements MigrationInterface {
  name = 'UuidV7Function1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION uuid_generate_v7() RETURNS uuid LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        ms bigint := floor(extract(epoch FROM clock_timestamp()) * 1000);
        b bytea := uuid_send(gen_random_uuid());
      BEGIN
        b := overlay(b PLACING substring(int8send(ms) FROM 3 FOR 6) FROM 1 FOR 6);
        b := set_byte(b, 6, (get_byte(b, 6) & 15) | 112);
        b := set_byte(b, 8, (get_byte(b, 8) & 63) | 128);
        RETURN encode(b, 'hex')::uuid;
      END $$;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION IF EXISTS uuid_generate_v7()');
  }
}
