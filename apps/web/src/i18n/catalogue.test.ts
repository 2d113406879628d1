import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { de } from './de';
import { en } from './en';

const argsOf = (message: string) =>
  new Set([...message.matchAll(/\{(\w+)(?=[,}])/g)].map((m) => m[1]));

describe('the message catalogues', () => {
  it('German has exactly the English keys, each a valid ICU message with the same arguments', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    for (const [id, message] of Object.entries(en)) {
      expect(() => new IntlMessageFormat(message, 'en')).not.toThrow();
      expect(() => new IntlMessageFormat(de[id as keyof typeof en], 'de')).not.toThrow();
      expect([id, argsOf(de[id as keyof typeof en])]).toEqual([id, argsOf(message)]);
      expect(de[id as keyof typeof en].trim()).not.toBe('');
    }
  });

  it('says the accessible names the web app promises', () => {
    const f = (id: keyof typeof en, values?: Record<string, unknown>) =>
      new IntlMessageFormat(en[id], 'en').format(values) as string;
    expect(f('nav.notificationsUnread', { count: 2 })).toBe('Notifications, 2 unread');
    expect(f('feed.newUpdates', { count: 1 })).toBe('1 new update');
    expect(f('feed.newUpdates', { count: 3 })).toBe('3 new updates');
    expect(f('follow.name', { name: 'Water' })).toBe('Follow Water');
    expect(f('campaign.progressText', { pledged: '$25.00', goal: '$1,000.00' })).toBe(
      '$25.00 of $1,000.00',
    );
    expect(f('manage.markFulfilled')).toBe('Mark fulfilled');
    expect(f('composer.post')).toBe('Post update');
  });
});
