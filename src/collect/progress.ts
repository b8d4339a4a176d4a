/**
 * The progress of a run: the engine reports it, a terminal shows it as one updating line.
 */

/** Progress of a collection run. */
export interface CollectProgress {
  phase: 'organization' | 'accounts' | 'done';
  accountsDone: number;
  accountsTotal: number;
  calls: number;
  /** Coverage gaps so far. */
  errors: number;
  throttles: number;
  elapsedMs: number;
  callsPerSecond: number;
  /** Estimated time left, from the rate at which accounts finish (once one has). */
  etaMs?: number;
}

/** The progress line's text. */
export function formatProgress(p: CollectProgress): string {
  const eta = p.etaMs === undefined ? '' : `, ETA ${formatDuration(p.etaMs)}`;
  const phase = p.phase === 'organization' ? 'organization, ' : '';
  return (
    `collect: ${phase}${p.accountsDone}/${p.accountsTotal} accounts, ${p.calls} API calls ` +
    `(${Math.round(p.callsPerSecond)}/s), ${p.errors} gaps, ${p.throttles} throttled${eta}`
  );
}

/** `1h02m`, `3m05s`, `42s`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s >= 3600) return `${Math.floor(s / 3600)}h${pad(Math.floor((s % 3600) / 60))}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${pad(s % 60)}s`;
  return `${s}s`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A writable terminal stream (process.stderr). */
export interface LineStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/**
 * A progress callback that rewrites one line on a terminal, and does nothing when the
 * stream is not a TTY or `quiet` is set. Call `end()` to leave the line.
 */
export function progressLine(
  stream: LineStream,
  quiet = false,
): { update: (p: CollectProgress) => void; end: () => void } {
  if (quiet || !stream.isTTY) return { update: () => undefined, end: () => undefined };
  let shown = false;
  return {
    update(p) {
      const width = Math.max(20, (stream.columns ?? 100) - 1);
      stream.write(`\r${formatProgress(p).slice(0, width)}\x1b[K`);
      shown = true;
    },
    end() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
