import { DomainError } from '@causeway/common';
import { Can, OrganizationRole } from '@causeway/organizations';
import { PledgeKind } from './campaign.entity';

/** A pledge's amount: a whole number from 1 to 10^12 (CONTRACT.md, Input rules). */
export const PLEDGE_AMOUNT_MAX = 10n ** 12n;
/** A campaign's goal may be larger than any one pledge: up to 10^15 (minor units, minutes, actions). */
export const GOAL_AMOUNT_MAX = 10n ** 15n;
/** The ISO-4217 currency codes in use (the runtime's ICU data), upper case: `ZZZ` or `ABC` are not currencies. */
export const ISO_4217_CODES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));
export const isIso4217 = (code: unknown): boolean =>
  typeof code === 'string' && ISO_4217_CODES.has(code);

/** The currency rule shared by campaigns and pledges: MONEY needs one, TIME and ACTION must not have one. */
export function checkCurrency(kind: PledgeKind, currency: string | null | undefined): void {
  if (kind === PledgeKind.MONEY && !currency) {
    throw DomainError.badInput({
      currency: 'is required for MONEY (an ISO-4217 code such as USD)',
    });
  }
  if (kind !== PledgeKind.MONEY && currency) {
    throw DomainError.badInput({
      currency: `must be omitted for ${kind} (only MONEY has a currency)`,
    });
  }
}

/** Who may do what with pledges, on top of the organization roles. */
export const PledgePermissions = {
  /** Campaign.pledges: the organization's members only. */
  assertCanListPledges(role: OrganizationRole | null): void {
    if (!Can.seeMembersOnly(role))
      throw DomainError.forbidden("Only the organization's members may list a campaign's pledges.");
  },
};
