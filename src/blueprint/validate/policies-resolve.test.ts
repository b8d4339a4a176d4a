import { describe, expect, it } from 'vitest';
import { validFixture } from '../../../test/helpers/blueprint.js';
import { indexBlueprint } from '../model.js';
import { BlueprintSchema } from '../schema/blueprint.js';
import { guardrailContext } from './policies-resolve.js';

function contextFor(mutate: (bp: Record<string, any>) => void) {
  const raw = validFixture();
  mutate(raw);
  return guardrailContext(indexBlueprint(BlueprintSchema.parse(raw)));
}

describe('guardrailContext', () => {
  it.each<[string, (bp: Record<string, any>) => void, string, boolean]>([
    ['pipeline roles by purpose', () => undefined, 'arn:aws:iam::*:role/orgward-pipeline', true],
    [
      'the StackSets execution role with the stacksets strategy (default)',
      () => undefined,
      'arn:aws:iam::*:role/stacksets-exec-*',
      true,
    ],
    [
      'no StackSets role with per-account stacks',
      (bp) => (bp.deployment = { strategy: 'stacks' }),
      'arn:aws:iam::*:role/stacksets-exec-*',
      false,
    ],
    [
      'no Control Tower role without Control Tower',
      () => undefined,
      'arn:aws:iam::*:role/AWSControlTowerExecution',
      false,
    ],
    [
      'the Control Tower role when Control Tower is adopted',
      (bp) => (bp.organization.controlTower = { mode: 'adopt' }),
      'arn:aws:iam::*:role/AWSControlTowerExecution',
      true,
    ],
  ])('exempts %s', (_name, mutate, arn, expected) => {
    expect(contextFor(mutate).pipelineRoleArnPatterns.includes(arn)).toBe(expected);
  });

  it('names the Control Tower role for guardrails that exempt it (region-deny)', () => {
    expect(contextFor(() => undefined).controlTowerRoleArnPatterns).toEqual([]);
    expect(
      contextFor((bp) => (bp.organization.controlTower = { mode: 'manage' }))
        .controlTowerRoleArnPatterns,
    ).toEqual(['arn:aws:iam::*:role/AWSControlTowerExecution']);
  });

  it('uses the partition of the organization', () => {
    const ctx = contextFor((bp) => {
      bp.organization.partition = 'aws-us-gov';
      bp.organization.homeRegion = 'us-gov-west-1';
      bp.organization.governedRegions = ['us-gov-west-1'];
    });
    expect(ctx.partition).toBe('aws-us-gov');
    expect(ctx.pipelineRoleArnPatterns).toContain('arn:aws-us-gov:iam::*:role/orgward-pipeline');
  });
});
