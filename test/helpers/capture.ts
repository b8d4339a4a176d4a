import { afterEach, beforeEach, vi } from 'vitest';

/** What a command wrote to stdout and stderr during one test. */
export interface Captured {
  out: string;
  err: string;
}

/**
 * Capture process.stdout/stderr writes for every test of the enclosing describe block.
 * Returns a live object: read `.out` and `.err` inside the test.
 */
export function captureOutput(): Captured {
  const c: Captured = { out: '', err: '' };
  beforeEach(() => {
    c.out = '';
    c.err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
      c.out += String(s);
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
      c.err += String(s);
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  return c;
}
