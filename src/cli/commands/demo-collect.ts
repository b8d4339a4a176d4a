import { join } from 'node:path';
import type { LoadedBlueprint } from '../../blueprint/load/index.js';
import { collectSnapshot } from '../../collect/engine.js';
import { COLLECTORS } from '../../collect/registry.js';
import { mockAws } from '../../sim/aws.js';
import { injectDrift, type DriftSpec } from '../../sim/drift.js';
import { accountIdsOf, deployedStacks, withDeployedStacks } from '../../sim/deployed.js';
import { simulateSnapshot } from '../../sim/snapshot.js';
import type { Manifest } from '../../synth/types.js';
import { writeSnapshot } from '../../snapshot/io.js';

/**
 * What the demo organization gets wrong on purpose, so that what later reads the
 * snapshot (verify, access) has something real to find.
 */
export const DEMO_DRIFT: readonly DriftSpec[] = [
  { id: 'scp-detached' },
  { id: 'backdoor' },
  { id: 'public-bucket' },
  { id: 'trail-stopped' },
  { id: 'open-ssh-security-group' },
];

/**
 * Units the demo organization runs an older version of (deployed before the blueprint's
 * last change), so the plan has stacks to update besides the drift it reverts.
 */
export const DEMO_STALE_UNITS: readonly string[] = ['baseline-config', 'security-tooling'];

/**
 * The demo's "collect" step: simulate the example organization (deployed from `manifest`,
 * with {@link DEMO_STALE_UNITS} at an older version, and {@link DEMO_DRIFT}), serve it
 * through mocked AWS, read it with the real collector engine and collectors, and write
 * the snapshot. Returns the snapshot file.
 */
export async function collectDemo(
  loaded: LoadedBlueprint,
  manifest: Manifest,
  out: string,
  say: (s?: string) => void,
  now: Date,
): Promise<string> {
  if (!loaded.blueprint) throw new Error('collectDemo needs a valid blueprint');
  const bp = loaded.blueprint;
  const sim = simulateSnapshot(
    { blueprint: bp, policies: loaded.policies },
    { seed: 'orgward-demo', takenAt: now.toISOString() },
  );
  const deployed = deployedStacks(manifest, accountIdsOf(bp, sim), {
    stale: new Set(DEMO_STALE_UNITS),
  });
  const live = injectDrift(withDeployedStacks(sim, deployed), DEMO_DRIFT);
  const started = performance.now();
  const aws = mockAws(live, { seed: 'orgward-demo', homeRegion: bp.organization.homeRegion });
  try {
    const { snapshot, stats } = await collectSnapshot({
      collectors: COLLECTORS,
      homeRegion: bp.organization.homeRegion,
      regions: bp.organization.governedRegions,
      // The simulated organization answers any credentials; nothing reaches AWS.
      credentials: () =>
        Promise.resolve({ accessKeyId: 'AKIAORGWARDDEMO00000', secretAccessKey: 'demo' }),
      now: () => now,
    });
    const file = join(out, 'snapshot.json');
    await writeSnapshot(file, snapshot);
    say(
      `   ${Object.keys(snapshot.accounts).length} accounts x ${bp.organization.governedRegions.length} regions, ` +
        `${stats.calls} API calls (simulated AWS), ${snapshot.coverage.length} coverage gaps, ${((performance.now() - started) / 1000).toFixed(2)} s`,
    );
    say(`   injected drift for later checks to find: ${DEMO_DRIFT.map((d) => d.id).join(', ')}`);
    return file;
  } finally {
    aws.restore();
  }
}
