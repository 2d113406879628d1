import { MigrationInterface, QueryRunner } from 'typeorm';

type Seed = [slug: string, name: string, description: string, parent?: string];

/** The starter taxonomy: the slugs CONTRACT.md promises, and natural children under them. */
const CAUSES: Seed[] = [
  ['education', 'Education', 'Schools, teachers and learning for every child and adult.'],
  [
    'girls-education',
    "Girls' education",
    'Getting girls into school and keeping them there.',
    'education',
  ],
  ['literacy', 'Literacy', 'Reading and writing for children and adults.', 'education'],
  ['climate', 'Climate', 'Cutting emissions and adapting to a warming world.'],
  [
    'renewable-energy',
    'Renewable energy',
    'Solar, wind and clean power for communities.',
    'climate',
  ],
  ['reforestation', 'Reforestation', 'Planting and protecting forests and mangroves.', 'climate'],
  ['health', 'Health', 'Care, medicine and prevention for everyone.'],
  ['mental-health', 'Mental health', 'Support, counselling and care for the mind.', 'health'],
  [
    'maternal-health',
    'Maternal health',
    'Safe pregnancies and births for mothers and babies.',
    'health',
  ],
  ['hunger', 'Hunger', 'Food banks, school meals and food security.'],
  ['poverty', 'Poverty', 'Income, housing and opportunity for people living in poverty.'],
  ['homelessness', 'Homelessness', 'Shelter, housing and a way back home.', 'poverty'],
  ['human-rights', 'Human rights', 'Dignity, justice and freedom for all people.'],
  ['animals', 'Animals', 'Welfare and protection of animals, wild and domestic.'],
  ['wildlife', 'Wildlife', 'Protecting endangered species and their habitats.', 'animals'],
  ['environment', 'Environment', 'Clean air, land and oceans.'],
  ['oceans', 'Oceans', 'Healthy seas, coasts and marine life.', 'environment'],
  ['water', 'Water', 'Clean drinking water and sanitation.'],
  ['refugees', 'Refugees', 'Safety, shelter and a new start for people forced from home.'],
  ['gender-equality', 'Gender equality', 'Equal rights and opportunities for women and girls.'],
  ['disaster-relief', 'Disaster relief', 'Emergency help after earthquakes, floods and storms.'],
];

export class SeedCauses1795400000001 implements MigrationInterface {
  name = 'SeedCauses1795400000001';

  async up(q: QueryRunner): Promise<void> {
    for (const [slug, name, description] of CAUSES) {
      await q.query(
        'INSERT INTO causes (slug, name, description) VALUES ($1, $2, $3) ON CONFLICT (slug) DO NOTHING',
        [slug, name, description],
      );
    }
    for (const [slug, , , parent] of CAUSES) {
      if (parent)
        await q.query(
          'UPDATE causes SET parent_id = (SELECT id FROM causes WHERE slug = $2) WHERE slug = $1',
          [slug, parent],
        );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DELETE FROM causes WHERE slug = ANY($1)', [CAUSES.map(([slug]) => slug)]);
  }
}
