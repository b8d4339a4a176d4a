/**
 * Drift and misconfiguration injection: named, pure snapshot -> snapshot functions. Each
 * entry of {@link DRIFTS} says what it changes and the finding it should later cause in
 * `verify` / `access`. Targets default deterministically (a workload account, the home
 * Region, the first matching resource), so `injectDrift(s, [{ id: 'trail-stopped' }])` works
 * on any simulated organization. The input snapshot is never modified.
 */
import type { Snapshot } from '../snapshot/types.js';
import { driftIam } from './drift-iam.js';
import { driftNetwork } from './drift-network.js';
import { driftOrg } from './drift-org.js';

/** One injection to apply, with its optional target parameters. */
export type DriftSpec =
  | { id: 'scp-detached'; policyId?: string; targetId?: string }
  | { id: 'account-wrong-ou'; account?: string; ouId?: string }
  | { id: 'trail-stopped'; trailName?: string }
  | { id: 'guardduty-off'; account?: string; region?: string }
  | {
      id: 'role-trusts-outside-account';
      account?: string;
      roleName?: string;
      externalAccountId?: string;
    }
  | { id: 'public-bucket'; account?: string; bucket?: string }
  | { id: 'admin-user-without-mfa'; account?: string; userName?: string }
  | { id: 'config-recorder-off'; account?: string; region?: string }
  | {
      id: 'securityhub-standard-disabled';
      account?: string;
      region?: string;
      standardsArn?: string;
    }
  | { id: 'kms-rotation-off'; account?: string; region?: string; keyId?: string }
  | { id: 'open-ssh-security-group'; account?: string; region?: string }
  | { id: 'default-vpc-present'; account?: string; region?: string }
  | { id: 'imdsv1-allowed'; account?: string; region?: string }
  | { id: 'root-access-key'; account?: string }
  | { id: 'password-policy-weak'; account?: string }
  | { id: 'backdoor'; account?: string; externalAccountId?: string };

/** Every injection id. */
export type DriftId = DriftSpec['id'];

/** What an injection does and what it should later be found as. */
export interface DriftInfo {
  id: DriftId;
  /** The change, in snapshot terms. */
  changes: string;
  /** The finding `verify` or `access` should report for it. */
  finding: string;
}

/** The catalogue of injections, in documentation order. */
export const DRIFTS: readonly DriftInfo[] = [
  {
    id: 'scp-detached',
    changes:
      'removes one target of a customer SCP (default: the first SCP attached to the root, detached from the root)',
    finding:
      'drift: organization policy not attached where the blueprint attaches it (guardrails missing for every account below the target)',
  },
  {
    id: 'account-wrong-ou',
    changes:
      "moves an account's parentId to another OU (default: a workload account into the OU named Sandbox, else the first other OU)",
    finding: "drift: account in the wrong OU (it inherits the other OU's guardrails)",
  },
  {
    id: 'trail-stopped',
    changes:
      'sets status.isLogging=false on the organization trail (management account, home Region)',
    finding:
      'CIS 4.1 / CloudTrail.1: organization trail not logging; drift against logging.organizationTrail',
  },
  {
    id: 'guardduty-off',
    changes:
      'removes the GuardDuty detector (detectors: [], administrator and members gone) in one account and Region (default: a workload account, home Region)',
    finding:
      'GuardDuty.1: GuardDuty not enabled in a governed Region; drift against security.guardDuty',
  },
  {
    id: 'role-trusts-outside-account',
    changes:
      'adds a trust statement for arn:aws:iam::<external>:root with no conditions to a role (default: the first role tagged orgward:role in a workload account)',
    finding:
      'access external: a principal outside the organization can assume the role; invariant no-external-access fails',
  },
  {
    id: 'public-bucket',
    changes:
      'adds Allow Principal:* s3:GetObject to a bucket policy and turns bucket and account Block Public Access off (default: the first workload bucket)',
    finding: 'CIS 3.1.4 / S3.1, S3.2, S3.8: public bucket; access external: anonymous read',
  },
  {
    id: 'admin-user-without-mfa',
    changes:
      'adds an IAM user with AdministratorAccess, a console password and no MFA device (summary Users +1)',
    finding:
      'CIS 2.x: console user without MFA (hasConsolePassword/mfaDevices: not collectable by the current catalogue), access admins: direct administrator user',
  },
  {
    id: 'config-recorder-off',
    changes:
      'sets recording=false and lastStatus=FAILURE on the Config recorder of one account and Region',
    finding: 'CIS 4.3 / Config.1: AWS Config not recording',
  },
  {
    id: 'securityhub-standard-disabled',
    changes:
      'removes one enabled standard (default: the last) from Security Hub in one account and Region',
    finding: 'drift: Security Hub standard of the blueprint not enabled',
  },
  {
    id: 'kms-rotation-off',
    changes:
      'sets rotationEnabled=false (and drops rotationPeriodInDays) on a customer-managed key (default: the first customer key of a workload account, home Region)',
    finding: 'CIS 4.6 / KMS.4: key rotation disabled',
  },
  {
    id: 'open-ssh-security-group',
    changes:
      'adds security group open-ssh allowing tcp/22 from 0.0.0.0/0 and ::/0 in the first VPC of one account and Region',
    finding: 'CIS 6.3/6.4 / EC2.13, EC2.53: administration port open to the internet',
  },
  {
    id: 'default-vpc-present',
    changes:
      'adds a default VPC 172.31.0.0/16 with its default security group and NACL (no flow log) in one account and Region',
    finding:
      'drift: default VPC present although accountBaseline.deleteDefaultVpcs; CIS 4.7 / EC2.6: VPC without flow logs',
  },
  {
    id: 'imdsv1-allowed',
    changes: 'sets imdsDefaults.httpTokens=optional in one account and Region',
    finding:
      'CIS 6.7 / EC2.8: IMDSv1 allowed by the account default; drift against accountBaseline.imdsV2',
  },
  {
    id: 'root-access-key',
    changes: 'sets accountSummary.AccountAccessKeysPresent=1',
    finding: 'CIS 2.3 / IAM.4: root user has an access key',
  },
  {
    id: 'password-policy-weak',
    changes:
      'replaces the password policy with length 8, no symbols/numbers/upper-case, no reuse prevention',
    finding:
      'CIS 2.8/2.9 / IAM.7, IAM.15, IAM.16: weak password policy; drift against identity.passwordPolicy',
  },
  {
    id: 'backdoor',
    changes:
      'in a workload account: IAM user svc-backup with AdministratorAccess and an active, recently used access key, plus role support-access (AdministratorAccess) trusting an external account root with no conditions',
    finding:
      'access admins: direct administrator user and role; access external: external account can assume an administrator role; CIS 2.x IAM users/keys; detection D07',
  },
];

/** Apply drift injections in order; each is a pure function of the snapshot and its spec. */
export function injectDrift(snapshot: Snapshot, specs: readonly DriftSpec[]): Snapshot {
  let s = snapshot;
  for (const spec of specs) s = applyOne(s, spec);
  return s;
}

function applyOne(s: Snapshot, spec: DriftSpec): Snapshot {
  return driftOrg(s, spec) ?? driftIam(s, spec) ?? driftNetwork(s, spec) ?? unknown(spec);
}

function unknown(spec: { id: string }): never {
  throw new Error(`unknown drift injection '${spec.id}'`);
}
