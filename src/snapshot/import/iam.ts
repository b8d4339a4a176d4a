/**
 * One account's IAM from `aws iam get-account-authorization-details` output. The mapping
 * itself is the collector's (`authorizationDetailsToIam`), so an imported account and a
 * collected one are the same snapshot; this module reads the file, merges its pages and
 * checks that the file belongs to the account it was given for.
 */
import type { GetAccountAuthorizationDetailsResponse } from '@aws-sdk/client-iam';
import { authorizationDetailsToIam } from '../../collect/collectors/iam-authorization-details.js';
import { InputError } from '../../core/errors.js';
import type { IamSnapshot } from '../types.js';
import { diag } from '../json.js';
import {
  AUTHORIZATION_DETAILS_LISTS,
  AuthorizationDetailsPage,
  type AuthorizationDetailsPage as Page,
} from './cli-shapes.js';
import { pagePath, readCliOutput, SHAPE_CODE, type CliOutput } from './read.js';

/** The AWS CLI command whose output `--account <id>=<file>` takes. */
export const AUTHORIZATION_DETAILS_COMMAND = 'aws iam get-account-authorization-details';

/** One account's imported IAM. */
export interface ImportedIam {
  iam: IamSnapshot;
  /** The output was cut short (IsTruncated or NextToken on the last page). */
  truncated: boolean;
  /** Items listed on more than one page, kept once. */
  duplicates: number;
  /** The partition of the account's ARNs, when it has any. */
  partition?: string;
  mtime: string;
}

const ARN = /^arn:([^:]+):iam::([^:]*):/;

type ListKey = (typeof AUTHORIZATION_DETAILS_LISTS)[number];

/**
 * Check that every principal and customer managed policy ARN is in `accountId` and one
 * partition; AWS managed policies (`iam::aws:`) belong to no account.
 */
function checkOwnership(out: CliOutput<Page>, accountId: string): string | undefined {
  let partition: string | undefined;
  for (const [i, page] of out.pages.entries()) {
    for (const key of AUTHORIZATION_DETAILS_LISTS) {
      for (const [j, item] of (page[key] ?? []).entries()) {
        const m = ARN.exec(item.Arn);
        const at = pagePath(out, i, key, j, 'Arn');
        const ctx = { code: SHAPE_CODE, locate: out.locate };
        if (!m) {
          throw new InputError('', [diag(ctx, at, `not an IAM ARN: '${item.Arn}'`)]);
        }
        const [, part = '', owner = ''] = m;
        if (owner === 'aws') continue;
        if (owner !== accountId) {
          throw new InputError('', [
            {
              ...diag(
                ctx,
                at,
                `belongs to account ${owner}, but the file was given for --account ${accountId}`,
              ),
              hint: `this is account ${owner}'s IAM: check the --account <id>=<file> pairing`,
            },
          ]);
        }
        if (partition !== undefined && part !== partition) {
          throw new InputError('', [
            diag(ctx, at, `partition '${part}' differs from '${partition}' earlier in the file`),
          ]);
        }
        partition = part;
      }
    }
  }
  return partition;
}

/** Concatenate the pages' lists, keeping the first of any ARN listed twice. */
function mergePages(pages: readonly Page[]): { merged: Page; duplicates: number } {
  const merged: Required<Pick<Page, ListKey>> = {
    UserDetailList: [],
    GroupDetailList: [],
    RoleDetailList: [],
    Policies: [],
  };
  let duplicates = 0;
  for (const key of AUTHORIZATION_DETAILS_LISTS) {
    const seen = new Set<string>();
    const into = merged[key] as { Arn: string }[];
    for (const page of pages) {
      for (const item of page[key] ?? []) {
        if (seen.has(item.Arn)) duplicates++;
        else {
          seen.add(item.Arn);
          into.push(item);
        }
      }
    }
  }
  return { merged, duplicates };
}

/** Read one account's authorization details file and map it to the snapshot's IAM. */
export async function importIam(file: string, accountId: string): Promise<ImportedIam> {
  const out = await readCliOutput(file, {
    command: AUTHORIZATION_DETAILS_COMMAND,
    schema: AuthorizationDetailsPage,
    keys: AUTHORIZATION_DETAILS_LISTS,
  });
  const partition = checkOwnership(out, accountId);
  const { merged, duplicates } = mergePages(out.pages);
  const last = out.pages.at(-1);
  const truncated = last?.IsTruncated === true || last?.NextToken !== undefined;
  // The shapes checked above are the SDK's (dates as Date, documents decoded), restricted
  // to the fields the mapping reads; the rest of the SDK type is optional metadata.
  const page = merged as unknown as GetAccountAuthorizationDetailsResponse;
  const iam = authorizationDetailsToIam([page], (what) => {
    // Documents were decoded while checking the file, so this cannot happen.
    throw new Error(`${file}: policy document not decoded after validation (${what})`);
  });
  return { iam, truncated, duplicates, mtime: out.mtime, ...(partition ? { partition } : {}) };
}
