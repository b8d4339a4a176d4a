import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../snapshot/types.js';
import { org } from './__fixtures__/cases.js';
import { IDS, ouId, scenario, tagged } from './__fixtures__/plan.js';

const policy = (s: Snapshot, name: string) => org(s).policies.find((p) => p.name === name)!;

describe('matching', () => {
  it('matches an OU by name path when it carries no tag, and creates one whose path differs', async () => {
    const { plan } = await scenario({
      live: (s) => {
        for (const o of org(s).organizationalUnits) delete (o as { tags?: unknown }).tags;
        // A second "Prod" elsewhere must not be taken for workloads/prod.
        org(s).organizationalUnits.push(
          tagged(
            { id: 'ou-ab12-other000', arn: 'x', name: 'Prod', parentId: ouId('security-ou') },
            {},
          ),
        );
      },
    });
    expect(plan.changes.map((c) => c.summary)).toEqual([
      'OU Prod is not in the blueprint and not created by orgward: left alone (adopt it into the blueprint or delete it by hand)',
    ]);
  });

  it('matches an account by its account id before its e-mail', async () => {
    const { plan } = await scenario({
      live: (s) => {
        // The management account's e-mail changed; its id (given in the blueprint) still matches.
        org(s).accounts.find((a) => a.id === IDS.management)!.email = 'other@example.com';
      },
    });
    expect(plan.changes).toEqual([]);
  });

  it('matches a policy by type and name when untagged', async () => {
    const { plan } = await scenario({
      live: (s) => delete (policy(s, 'quarantine') as { tags?: unknown }).tags,
    });
    expect(plan.changes).toEqual([]);
  });
});
