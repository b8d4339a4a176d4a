import { GetPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import type { PublicAccessBlock } from '../../snapshot/types.js';
import { fromCatalogue } from '../catalogue.js';
import type { Collector } from '../types.js';
import { hasErrorCode } from './errors.js';

/** The four Block Public Access flags (absent flags are false, as S3 treats them). */
export function publicAccessBlock(c: {
  BlockPublicAcls?: boolean | undefined;
  IgnorePublicAcls?: boolean | undefined;
  BlockPublicPolicy?: boolean | undefined;
  RestrictPublicBuckets?: boolean | undefined;
}): PublicAccessBlock {
  return {
    blockPublicAcls: c.BlockPublicAcls ?? false,
    ignorePublicAcls: c.IgnorePublicAcls ?? false,
    blockPublicPolicy: c.BlockPublicPolicy ?? false,
    restrictPublicBuckets: c.RestrictPublicBuckets ?? false,
  };
}

/**
 * `s3.account-public-access-block`: the account-level S3 Block Public Access (S3 Control
 * GetPublicAccessBlock, IAM action s3:GetAccountPublicAccessBlock); null when not set.
 */
export const s3AccountPublicAccessBlockCollector: Collector = {
  ...fromCatalogue('s3.account-public-access-block'),
  service: 's3',
  async run(ctx) {
    const client = ctx.client(S3ControlClient);
    try {
      const r = await client.send(new GetPublicAccessBlockCommand({ AccountId: ctx.accountId }), {
        abortSignal: ctx.signal,
      });
      const config = r.PublicAccessBlockConfiguration;
      return {
        kind: 'account',
        account: {
          s3AccountPublicAccessBlock: config === undefined ? null : publicAccessBlock(config),
        },
      };
    } catch (error) {
      if (!hasErrorCode(error, ['NoSuchPublicAccessBlockConfiguration'])) throw error;
      return { kind: 'account', account: { s3AccountPublicAccessBlock: null } };
    }
  },
};
