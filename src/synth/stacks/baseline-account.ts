/**
 * `baseline-account`: account-level hardening in every target account and Region. Global
 * settings (IAM password policy, S3 account Block Public Access) are applied once, in the
 * home Region (condition `IsHomeRegion`); EBS encryption by default, IMDS defaults,
 * snapshot Block Public Access and default-VPC removal are per Region. Only snapshot
 * Block Public Access has a CloudFormation type; the rest go through `account-gaps`.
 */
import { join, ref, type CfnResource, type CfnValue } from '../cfn.js';
import type { SynthContext, TemplateBuilder } from '../context.js';
import { accountGapsHandler, type AccountSetting } from '../custom/account-gaps.js';
import type { Unit } from '../types.js';
import { addBaselineFunction } from './baseline-lambda.js';
import {
  baselineAccounts,
  baselineRegions,
  baselineUnits,
  homeRegionCondition,
} from './baseline-targets.js';

/** Unit id. */
export const ACCOUNT_UNIT = 'baseline-account';

/** Snapshot Block Public Access mode the baseline sets (CIS-aligned: nothing stays public). */
const SNAPSHOT_BPA_STATE = 'block-all-sharing';

/** Units of the account baseline (none when neither the baseline nor a password policy is set). */
export function accountUnits(ctx: SynthContext): Unit[] {
  const baseline = ctx.bp.security?.accountBaseline;
  const password = ctx.bp.identity.passwordPolicy;
  if (!baseline && !password) return [];
  const targets = baseline?.targets ?? { all: true, includeManagement: true };
  return baselineUnits(ctx, {
    id: ACCOUNT_UNIT,
    title: 'Account baseline: password policy, S3 Block Public Access, EBS and IMDS defaults',
    description:
      'orgward account baseline: IAM password policy, S3 account Block Public Access, EBS encryption by default, IMDSv2 defaults, snapshot Block Public Access, default-VPC removal',
    accounts: baselineAccounts(ctx, targets),
    regions: baselineRegions(ctx, targets),
    build: (t, accounts) => {
      buildAccount(t, accounts);
    },
  });
}

/** The custom resources of a template, by setting (added once the handler is known). */
type Pending = [string, AccountSetting, Record<string, CfnValue>, string | undefined][];

function buildAccount(t: TemplateBuilder, accounts: readonly string[]): void {
  const { ctx } = t;
  const baseline = ctx.bp.security?.accountBaseline;
  const password = ctx.bp.identity.passwordPolicy;
  const pending: Pending = [];
  if (password)
    pending.push([
      'PasswordPolicy',
      'password-policy',
      {
        Policy: JSON.stringify({
          MinimumPasswordLength: password.minimumLength,
          RequireSymbols: password.requireSymbols,
          RequireNumbers: password.requireNumbers,
          RequireUppercaseCharacters: password.requireUppercase,
          RequireLowercaseCharacters: password.requireLowercase,
          AllowUsersToChangePassword: true,
          PasswordReusePrevention: password.reusePrevention,
          ...(password.maxAgeDays ? { MaxPasswordAge: password.maxAgeDays } : {}),
        }),
      },
      homeRegionCondition(t),
    ]);
  if (baseline?.s3BlockPublicAccess)
    pending.push([
      'S3AccountPublicAccessBlock',
      's3-block-public-access',
      { AccountId: ref('AWS::AccountId') },
      homeRegionCondition(t),
    ]);
  if (baseline?.ebsDefaultEncryption.enabled) {
    const keyId = baseline.ebsDefaultEncryption.kmsKey;
    pending.push([
      'EbsEncryptionByDefault',
      'ebs-encryption',
      keyId ? { KmsKeyId: kmsAliasArn(t, keyId) } : {},
      undefined,
    ]);
  }
  if (baseline)
    pending.push([
      'InstanceMetadataDefaults',
      'imds-defaults',
      // `optional` clears the account default (no preference) rather than forcing IMDSv1.
      { HttpTokens: baseline.imdsV2 === 'required' ? 'required' : 'no-preference' },
      undefined,
    ]);
  if (baseline?.snapshotBlockPublicAccess) {
    if (accounts.some((a) => declarativeGoverns(ctx, a, 'snapshot_block_public_access')))
      // The native type fails where a declarative policy owns the setting; the handler
      // skips those accounts and sets it in the others.
      pending.push([
        'SnapshotBlockPublicAccess',
        'snapshot-block-public-access',
        { State: SNAPSHOT_BPA_STATE },
        undefined,
      ]);
    else
      t.add(
        'SnapshotBlockPublicAccess',
        {
          Type: 'AWS::EC2::SnapshotBlockPublicAccess',
          // Deleting the resource would unblock public sharing: keep the setting instead.
          DeletionPolicy: 'Retain',
          UpdateReplacePolicy: 'Retain',
          Properties: { State: SNAPSHOT_BPA_STATE },
        },
        'account-baseline',
      );
  }
  if (baseline?.deleteDefaultVpcs)
    pending.push(['DefaultVpcRemoval', 'default-vpc', {}, undefined]);
  if (!pending.length) return;
  // A named role (`<prefix>-baseline-account-gaps-<region>`), so the guardrail SCPs that
  // protect these settings (S3 Block Public Access, IMDS defaults, the EBS default key)
  // can exempt it by name, as they exempt the pipeline.
  const token = addBaselineFunction(t, {
    id: 'AccountGaps',
    handler: accountGapsHandler(
      pending.map((p) => p[1]),
      { ebsKmsKey: Boolean(baseline?.ebsDefaultEncryption.kmsKey) },
    ),
    entry: 'handler',
    name: 'account-gaps',
    namedRole: true,
    description: 'orgward: account settings with no CloudFormation type',
  });
  for (const [id, setting, props, condition] of pending) {
    const resource: CfnResource = {
      Type: `Custom::${id}`,
      Properties: { ServiceToken: token, Setting: setting, ...props },
      ...(condition ? { Condition: condition } : {}),
    };
    t.add(id, resource, setting === 'password-policy' ? 'password-policy' : 'account-baseline');
  }
}

/** Alias ARN of a blueprint KMS key in the Region of the stack (the key's own account). */
function kmsAliasArn(t: TemplateBuilder, keyId: string): CfnValue {
  const key = t.ctx.bp.keys.find((k) => k.id === keyId);
  if (!key)
    throw new Error(
      `bug: security.accountBaseline.ebsDefaultEncryption.kmsKey ${keyId} is not a key`,
    );
  return join('', [
    `arn:${t.ctx.partition}:kms:`,
    ref('AWS::Region'),
    ':',
    t.accountId(key.account),
    `:${key.alias}`,
  ]);
}

/**
 * Whether an EC2 declarative policy attached on the account's path (root, OUs, the
 * account) sets the attribute (e.g. `snapshot_block_public_access`); the account can then
 * no longer change it itself.
 */
export function declarativeGoverns(ctx: SynthContext, account: string, attribute: string): boolean {
  const nodes = [...ctx.idx.pathOf(account), account];
  return nodes.some((n) =>
    (ctx.idx.attached.get(n) ?? []).some((p) => {
      if (p.type !== 'declarative-ec2') return false;
      const attrs = ctx.policyDocument(p.id)?.ec2_attributes;
      return typeof attrs === 'object' && attrs !== null && attribute in attrs;
    }),
  );
}
