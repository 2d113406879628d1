import { OrganizationRole } from './membership.entity';

const { OWNER, ADMIN, EDITOR } = OrganizationRole;

/** What each role may do. Platform admins verify organizations but hold no role in them. */
export const Can = {
  /** updateOrganization, add and remove members (an ADMIN never touches an OWNER). */
  manage: (role: OrganizationRole | null) => role === OWNER || role === ADMIN,
  /** post updates and create campaigns on the organization's behalf. */
  publish: (role: OrganizationRole | null) => role === OWNER || role === ADMIN || role === EDITOR,
  /** confirm kept pledges, delete others' updates and comments on the organization's updates. */
  moderate: (role: OrganizationRole | null) => role === OWNER || role === ADMIN,
  /** grant OWNER, or change or remove an OWNER. */
  touchOwners: (role: OrganizationRole | null) => role === OWNER,
  seeMembersOnly: (role: OrganizationRole | null) => role !== null,
};

export const ROLE_ORDER: Record<OrganizationRole, number> = { [OWNER]: 0, [ADMIN]: 1, [EDITOR]: 2 };
