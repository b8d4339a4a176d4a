/**
 * What the snapshot could not read, asked the way the diff needs it: "may I compare the
 * organization's policies?", "was IAM read in account X?", "were the stacks of account X
 * in Region Y read?". Absent data never means "nothing there".
 */
import type { CoverageGap, Snapshot } from '../../snapshot/types.js';

/** Parts of the organization section the diff compares separately. */
export type OrgPart = 'structure' | 'policies' | 'delegatedAdministrators' | 'trustedServices';

/** Coverage questions over one snapshot. */
export interface Coverage {
  /** Why a part of the organization could not be compared, or undefined when it can. */
  organization: (part: OrgPart) => string | undefined;
  /** Why Identity Center could not be compared (assignments: its sub-section). */
  identityCenter: (part: 'permissionSets' | 'assignments') => string | undefined;
  /** Why IAM of an account could not be compared. */
  iam: (accountId: string) => string | undefined;
  /** Whether CloudFormation stacks were read in the account and Region. */
  stacksRead: (accountId: string, region: string) => boolean;
}

/** Whether a gap's section covers `section` (equal, a parent, or a part of it). */
function touches(gapSection: string, section: string): boolean {
  return (
    gapSection === section ||
    section.startsWith(`${gapSection}.`) ||
    gapSection.startsWith(`${section}.`)
  );
}

function describe(gap: CoverageGap): string {
  return `${gap.api}: ${gap.code}${gap.message ? ` (${gap.message})` : ''}`;
}

/** Build the coverage questions for a snapshot. */
export function coverageOf(snapshot: Snapshot): Coverage {
  const orgGaps = snapshot.coverage.filter((g) => touches(g.section, 'organization'));
  const icGaps = snapshot.coverage.filter((g) => touches(g.section, 'identityCenter'));
  // Gaps per account, for the account-level questions (a whole-account gap included).
  const byAccount = new Map<string, CoverageGap[]>();
  for (const g of snapshot.coverage) {
    if (g.accountId === undefined) continue;
    byAccount.set(g.accountId, [...(byAccount.get(g.accountId) ?? []), g]);
  }
  const orgSection: Record<OrgPart, string> = {
    structure: 'organization',
    policies: 'organization.policies',
    delegatedAdministrators: 'organization.delegatedAdministrators',
    trustedServices: 'organization.trustedServices',
  };
  return {
    organization: (part) => {
      if (!snapshot.organization) {
        const gap = orgGaps[0];
        return gap ? describe(gap) : 'the snapshot has no organization section';
      }
      const want = orgSection[part];
      // A gap in a part leaves that part empty; the structure is whole unless the gap
      // names the organization itself.
      const gap = orgGaps.find((g) =>
        part === 'structure' ? g.section === 'organization' : touches(g.section, want),
      );
      return gap ? describe(gap) : undefined;
    },
    identityCenter: (part) => {
      const gap = icGaps.find(
        (g) =>
          // No instance is not a gap in what was read: there is nothing to read.
          g.code !== 'NoIdentityCenterInstance' &&
          (g.section === 'identityCenter' || touches(g.section, `identityCenter.${part}`)),
      );
      if (gap) return describe(gap);
      if (!snapshot.identityCenter && !icGaps.some((g) => g.code === 'NoIdentityCenterInstance'))
        return 'the snapshot has no Identity Center section';
      return undefined;
    },
    iam: (accountId) => {
      const account = snapshot.accounts[accountId];
      if (account?.iam) return undefined;
      const gap = byAccount
        .get(accountId)
        ?.find((g) => g.section === 'iam' || g.section === 'account');
      if (gap) return describe(gap);
      return account ? 'IAM was not read' : 'the account is not in the snapshot';
    },
    stacksRead: (accountId, region) =>
      snapshot.accounts[accountId]?.regions[region]?.cloudFormation !== undefined,
  };
}
