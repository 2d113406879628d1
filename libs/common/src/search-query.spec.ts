import { prefixTsQuery } from './search-query';

describe(prefixTsQuery.name, () => {
  it('makes every word a prefix and joins them with AND', () => {
    expect(prefixTsQuery('Clean  wat')).toBe('clean:* & wat:*');
  });
  it('drops tsquery syntax and punctuation', () => {
    expect(prefixTsQuery("a|b & !c:* ' (d)")).toBe('a:* & b:* & c:* & d:*');
  });
  it('is null without a word', () => {
    expect(prefixTsQuery(' !? ')).toBeNull();
    expect(prefixTsQuery(undefined)).toBeNull();
  });
});
