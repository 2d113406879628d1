import type { DigestItemRow } from '@causeway/feed';
import { digestGroups } from './digest-groups';

const item = (over: Partial<DigestItemRow>): DigestItemRow => ({
  update_id: 'u1',
  body: 'Hello',
  created_at: new Date('2026-01-01T00:00:00Z'),
  author_name: 'Ada',
  organization_name: null,
  cause_name: null,
  ...over,
});

describe(digestGroups.name, () => {
  it('groups by cause, then organization, the ungrouped last, keeping the items in order', () => {
    const groups = digestGroups('https://app.test', [
      item({ update_id: 'a', cause_name: 'Water', organization_name: 'Wells' }),
      item({ update_id: 'b' }),
      item({ update_id: 'c', cause_name: 'Climate' }),
      item({ update_id: 'd', cause_name: 'Water', organization_name: 'Wells' }),
      item({ update_id: 'e', organization_name: 'Trees' }),
    ]);
    expect(groups.map((g) => g.title)).toEqual(['Climate', 'Water · Wells', 'Trees', null]);
    expect(groups[1].updates.map((u) => u.url)).toEqual([
      'https://app.test/updates/a',
      'https://app.test/updates/d',
    ]);
  });

  it('shows an excerpt of at most 280 characters, whitespace collapsed, by the organization or the author', () => {
    const [personal, org] = digestGroups('https://app.test', [
      item({ body: `  many\n\n  words ${'x'.repeat(400)}` }),
      item({ organization_name: 'Wells', cause_name: 'Water' }),
    ]).reverse();
    expect(personal.updates[0].excerpt).toHaveLength(280);
    expect(personal.updates[0].excerpt.startsWith('many words x')).toBe(true);
    expect(personal.updates[0].excerpt.endsWith('…')).toBe(true);
    expect(personal.updates[0].by).toBe('Ada');
    expect(org.updates[0].by).toBe('Wells');
  });
});
