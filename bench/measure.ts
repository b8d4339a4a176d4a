/** Timing helpers for benchmarks: warm up, then take the median of several runs. */
export interface Timing {
  medianMs: number;
  minMs: number;
  runs: number;
}

/** Time `fn` `runs` times after `warmup` untimed runs. */
export async function time(fn: () => unknown, runs = 7, warmup = 2): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { medianMs: samples[Math.floor(samples.length / 2)] ?? 0, minMs: samples[0] ?? 0, runs };
}
