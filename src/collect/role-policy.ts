/**
 * The least-privilege, read-only IAM policy of the role `orgward collect` assumes: exactly
 * the operations of the collector catalogue (and the permissions AWS documents they also
 * need), nothing else. It deliberately leaves out every action that reads data or secret
 * values (secretsmanager:GetSecretValue, ssm:GetParameter*, s3:GetObject, kms:Decrypt,
 * iam:GenerateCredentialReport / GetCredentialReport, lambda:GetFunction, which returns
 * environment variables and a code link, cloudformation:GetTemplate, ...), so no secret can
 * reach a snapshot even by mistake.
 */
import { COLLECTOR_CATALOGUE, type CatalogueEntry } from './catalogue.js';

/** One Allow statement. */
export interface CollectorPolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: '*';
}

/** An IAM policy document (identity-based). */
export interface CollectorPolicyDocument {
  Version: '2012-10-17';
  Statement: CollectorPolicyStatement[];
}

/** Which parts of the policy to include. */
export interface CollectorPolicyOptions {
  /**
   * Include the organization-scope reads (AWS Organizations, IAM Identity Center), needed
   * only in the management or delegated administrator account. Default true.
   */
  organization?: boolean;
}

function actions(entries: readonly CatalogueEntry[]): string[] {
  return [...new Set(entries.flatMap((e) => [...e.apis, ...(e.permissions ?? [])]))].sort((a, b) =>
    a.localeCompare(b),
  );
}

/**
 * The collection role's policy, derived from the catalogue: one statement for the reads
 * made in every account and Region, one for the organization reads (unless left out).
 * Resource is `*`: these are list and describe operations across every resource of the
 * account, most of which support no narrower resource.
 */
export function collectorPolicyDocument(
  opts: CollectorPolicyOptions = {},
): CollectorPolicyDocument {
  const statements: CollectorPolicyStatement[] = [
    {
      Sid: 'OrgwardCollectAccountReadOnly',
      Effect: 'Allow',
      Action: actions(COLLECTOR_CATALOGUE.filter((e) => e.scope !== 'organization')),
      Resource: '*',
    },
  ];
  if (opts.organization ?? true) {
    statements.push({
      Sid: 'OrgwardCollectOrganizationReadOnly',
      Effect: 'Allow',
      Action: actions(COLLECTOR_CATALOGUE.filter((e) => e.scope === 'organization')),
      Resource: '*',
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}
