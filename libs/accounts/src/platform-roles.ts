import { DataSource } from 'typeorm';
import { normalizeEmail } from '@causeway/common';
import { PlatformRole } from './user.entity';

/** Sets a user's platform role by email (the CLI's grant-admin / revoke-admin). Returns the user id, or null. */
export async function setPlatformRole(
  dataSource: DataSource,
  email: string,
  role: PlatformRole,
): Promise<string | null> {
  const rows: { id: string }[] = await dataSource.query(
    `WITH changed AS (UPDATE users SET platform_role = $2, updated_at = now() WHERE email = $1 RETURNING id) SELECT id FROM changed`,
    [normalizeEmail(email), role], // the same form sign-up stores
  );
  return rows[0]?.id ?? null;
}
