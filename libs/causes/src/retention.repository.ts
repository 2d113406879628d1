import { EntityManager } from 'typeorm';

/** The causes' part in a person's data export: how a followed cause is named. */
export const CausesRetention = {
  async labelsOf(
    em: EntityManager,
    ids: readonly string[],
  ): Promise<Map<string, { slug: string; name: string }>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; slug: string; name: string }[] = await em.query(
      'SELECT id, slug, name FROM causes WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map(({ id, slug, name }) => [id, { slug, name }]));
  },
};
