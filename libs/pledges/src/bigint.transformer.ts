import { ValueTransformer } from 'typeorm';

/** PostgreSQL bigint <-> JS bigint: amounts and totals never pass through a float. */
export const bigintColumn: ValueTransformer = {
  from: (v: string | null) => (v === null || v === undefined ? v : BigInt(v)),
  to: (v: bigint | null | undefined) => (v === null || v === undefined ? v : v.toString()),
};
