import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SECURITY_HUB_STANDARDS } from '../../blueprint/schema/security.js';
import {
  atLeast,
  GUARDDUTY_SEVERITY_FLOOR,
  HEALTH_CATEGORIES,
  INSPECTOR_SCAN_TYPES,
  ROUTE_SEVERITIES,
  SECURITY_HUB_LABELS,
  securityHubStandardArn,
} from './standards.js';

describe('Security Hub standard ARNs', () => {
  it.each([
    [
      'aws-foundational-security-best-practices',
      'arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0',
    ],
    [
      'cis-aws-foundations-benchmark-v3.0.0',
      'arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/3.0.0',
    ],
    [
      'cis-aws-foundations-benchmark-v5.0.0',
      'arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/5.0.0',
    ],
    ['nist-800-53-r5', 'arn:aws:securityhub:eu-west-1::standards/nist-800-53/v/5.0.0'],
    ['pci-dss-v4.0.1', 'arn:aws:securityhub:eu-west-1::standards/pci-dss/v/4.0.1'],
    [
      'aws-resource-tagging-standard',
      'arn:aws:securityhub:eu-west-1::standards/aws-resource-tagging-standard/v/1.0.0',
    ],
  ] as const)('%s', (standard, arn) => {
    expect(securityHubStandardArn(standard, 'aws', 'eu-west-1')).toBe(arn);
  });

  it('covers every standard the schema accepts, in the partition and Region asked', () => {
    for (const s of SECURITY_HUB_STANDARDS)
      expect(securityHubStandardArn(s, 'aws-us-gov', 'us-gov-west-1')).toMatch(
        /^arn:aws-us-gov:securityhub:us-gov-west-1::standards\/[a-z0-9-]+\/v\/\d+\.\d+\.\d+$/,
      );
  });
});

describe('severity scales', () => {
  it('GuardDuty floors rise with the route severity', () => {
    const floors = ROUTE_SEVERITIES.map((s) => GUARDDUTY_SEVERITY_FLOOR[s]);
    expect(floors).toEqual([1, 4, 7, 9]);
  });

  it('atLeast keeps the labels from the minimum up', () => {
    expect(atLeast(SECURITY_HUB_LABELS, 'HIGH')).toEqual(['HIGH', 'CRITICAL']);
    fc.assert(
      fc.property(fc.constantFrom(...SECURITY_HUB_LABELS), (min) => {
        const kept = atLeast(SECURITY_HUB_LABELS, min);
        expect(kept[0]).toBe(min);
        expect(kept.at(-1)).toBe('CRITICAL');
      }),
    );
  });

  it('Health categories narrow as the severity rises', () => {
    for (let i = 1; i < ROUTE_SEVERITIES.length; i++) {
      const lower = HEALTH_CATEGORIES[ROUTE_SEVERITIES[i - 1] ?? 'LOW'];
      const higher = HEALTH_CATEGORIES[ROUTE_SEVERITIES[i] ?? 'LOW'];
      for (const c of higher) expect(lower).toContain(c);
      expect(higher.length).toBeLessThan(lower.length);
    }
  });

  it('Inspector scan types map to the API names', () => {
    expect(Object.values(INSPECTOR_SCAN_TYPES).map((v) => v.resourceType)).toEqual([
      'EC2',
      'ECR',
      'LAMBDA',
      'LAMBDA_CODE',
    ]);
    expect(INSPECTOR_SCAN_TYPES['lambda-code'].autoEnable).toBe('lambdaCode');
  });
});
