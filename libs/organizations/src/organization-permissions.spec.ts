import { OrganizationRole } from './membership.entity';
import { Can, ROLE_ORDER } from './organization-permissions';

const { OWNER, ADMIN, EDITOR } = OrganizationRole;
const ROLES = [OWNER, ADMIN, EDITOR, null] as const;

/** Who may do what, role by role (null: not a member). */
const TABLE: Record<keyof typeof Can, (OrganizationRole | null)[]> = {
  manage: [OWNER, ADMIN],
  publish: [OWNER, ADMIN, EDITOR],
  moderate: [OWNER, ADMIN],
  touchOwners: [OWNER],
  seeMembersOnly: [OWNER, ADMIN, EDITOR],
};

describe('Can', () => {
  it.each(Object.entries(TABLE))('%s is allowed to exactly %p', (rule, allowed) => {
    for (const role of ROLES)
      expect(Can[rule as keyof typeof Can](role)).toBe(allowed.includes(role));
  });

  it('orders OWNERs before ADMINs before EDITORs', () => {
    expect([EDITOR, OWNER, ADMIN].sort((a, b) => ROLE_ORDER[a] - ROLE_ORDER[b])).toEqual([
      OWNER,
      ADMIN,
      EDITOR,
    ]);
  });
});
