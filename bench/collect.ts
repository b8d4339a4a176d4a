import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBlueprint } from '../src/blueprint/load/index.js';
import { collectSnapshot } from '../src/collect/engine.js';
import { COLLECTORS } from '../src/collect/registry.js';
import { generateBlueprintYaml } from '../src/sim/blueprint.js';
import { mockAws } from '../src/sim/aws.js';
import { simulateSnapshot } from '../src/sim/snapshot.js';

/** Result of the collection benchmark. */
export interface CollectBench {
  accounts: number;
  regions: number;
  latencyMs: readonly [number, number];
  throttleRate: number;
  concurrency: number;
  calls: number;
  throttled: number;
  elapsedMs: number;
  /** calls x mean latency / concurrency: the fastest any collector could go under these limits. */
  idealMs: number;
  /** idealMs / elapsedMs (1 is perfect). */
  ratio: number;
  callsPerSecond: number;
  peakRssMiB: number;
  gaps: number;
}

/**
 * Collect a simulated organization through the real engine and collectors, against mocked
 * AWS with per-call latency and throttling, and compare with the ideal bound.
 */
export async function benchCollect(
  accounts = 1000,
  regions = ['eu-west-1', 'eu-central-1', 'us-east-1', 'us-west-2'],
  latencyMs: readonly [number, number] = [30, 100],
  throttleRate = 0.02,
): Promise<CollectBench> {
  const dir = mkdtempSync(join(tmpdir(), 'orgward-bench-collect-'));
  const file = join(dir, 'blueprint.yaml');
  writeFileSync(
    file,
    generateBlueprintYaml({ accounts, ous: Math.max(10, accounts / 5), policies: 50 }),
  );
  const bp = await loadBlueprint(file, { cwd: dir });
  rmSync(dir, { recursive: true, force: true });
  if (!bp.blueprint) throw new Error('the generated blueprint must be valid');
  const takenAt = new Date().toISOString();
  const org = simulateSnapshot(
    { blueprint: bp.blueprint, policies: bp.policies },
    { seed: 1, takenAt, regions },
  );
  const aws = mockAws(org, {
    latencyMs,
    throttleRate,
    seed: 1,
    homeRegion: regions[0] ?? 'eu-west-1',
  });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 250);
  try {
    const { snapshot, stats } = await collectSnapshot({
      collectors: COLLECTORS,
      homeRegion: regions[0] ?? 'eu-west-1',
      regions,
      credentials: () =>
        Promise.resolve({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' }),
    });
    const meanLatency = (latencyMs[0] + latencyMs[1]) / 2;
    const idealMs = (stats.calls * meanLatency) / stats.concurrency;
    return {
      accounts,
      regions: regions.length,
      latencyMs,
      throttleRate,
      concurrency: stats.concurrency,
      calls: stats.calls,
      throttled: aws.stats.throttled,
      elapsedMs: stats.elapsedMs,
      idealMs,
      ratio: idealMs / stats.elapsedMs,
      callsPerSecond: stats.calls / (stats.elapsedMs / 1000),
      peakRssMiB: Math.max(peakRss, process.memoryUsage().rss) / 2 ** 20,
      gaps: snapshot.coverage.length,
    };
  } finally {
    clearInterval(sampler);
    aws.restore();
  }
}
