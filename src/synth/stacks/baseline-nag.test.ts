import { describe, expect, it } from 'vitest';
import { nag } from '../../../test/helpers/nag.js';
import { exampleContext } from '../../../test/helpers/synth.js';
import type { SynthContext } from '../context.js';
import { contextFor, orgBlueprint } from './__fixtures__/baseline.js';
import { baselineBuilder } from './baseline.js';

/** cdk-nag (AwsSolutions) over every baseline template: no findings, every suppression argued. */
async function expectClean(ctx: SynthContext): Promise<void> {
  const units = baselineBuilder.build(ctx);
  expect(units.length).toBeGreaterThan(0);
  for (const u of units)
    expect({ unit: u.id, ...(await nag(u.template)) }).toEqual({
      unit: u.id,
      findings: [],
      unjustified: [],
    });
}

describe('cdk-nag over the baseline templates', () => {
  it.each(['minimal', 'standard', 'regulated'] as const)(
    '%s example',
    async (name) => {
      await expectClean(await exampleContext(name));
    },
    180_000,
  );

  it('flow logs to CloudWatch Logs, an EBS key and a password policy', async () => {
    const bp = orgBlueprint();
    await expectClean(
      await contextFor({
        ...bp,
        keys: [
          ...(bp.keys ?? []),
          {
            id: 'ebs',
            alias: 'alias/org-ebs',
            account: 'log-archive',
            regions: 'governed',
            usage: ['ebs'],
          },
        ],
        identity: {
          roles: [],
          passwordPolicy: {
            minimumLength: 14,
            requireSymbols: true,
            requireNumbers: true,
            requireUppercase: true,
            requireLowercase: true,
            reusePrevention: 24,
          },
        },
        security: {
          accountBaseline: { ebsDefaultEncryption: { kmsKey: 'ebs' }, deleteDefaultVpcs: true },
        },
        network: { flowLogs: { destination: 'cloudwatch-logs' } },
      }),
    );
  }, 180_000);
});
