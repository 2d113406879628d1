import { NotificationType } from './notification.entity';
import { groupKeyOf } from './notification-grouping';

const UPDATE = '01a2004f-9ebf-7730-9e4c-846d174c4baa';
const ORG = '01a2004f-9ebf-7730-9e4c-846d174c4bab';

describe('groupKeyOf', () => {
  it('folds bursts about one subject: the same key whatever the event', () => {
    for (const type of [
      NotificationType.NEW_FOLLOWER,
      NotificationType.UPDATE_COMMENTED,
      NotificationType.UPDATE_REACTED,
      NotificationType.PLEDGE_RECEIVED,
    ]) {
      const a = groupKeyOf({ eventId: 'e1', type, updateId: UPDATE });
      expect(groupKeyOf({ eventId: 'e2', type, updateId: UPDATE })).toBe(a);
      expect(groupKeyOf({ eventId: 'e2', type, organizationId: ORG })).not.toBe(a);
    }
  });

  it('keys a missing subject as "-", so a person followed twice folds too', () => {
    expect(groupKeyOf({ eventId: 'e', type: NotificationType.NEW_FOLLOWER })).toBe('-|-|-');
    expect(
      groupKeyOf({ eventId: 'e', type: NotificationType.PLEDGE_RECEIVED, organizationId: ORG }),
    ).toBe(`-|-|${ORG}`);
  });

  it('keeps each rare notification its own row (keyed by its event)', () => {
    for (const type of Object.values(NotificationType).filter(
      (t) =>
        ![
          NotificationType.NEW_FOLLOWER,
          NotificationType.UPDATE_COMMENTED,
          NotificationType.UPDATE_REACTED,
          NotificationType.PLEDGE_RECEIVED,
        ].includes(t),
    ))
      expect(groupKeyOf({ eventId: 'e9', type, updateId: UPDATE })).toBe('event|e9');
  });
});
