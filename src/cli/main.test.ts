import { describe, expect, it, vi } from 'vitest';
import { captureOutput } from '../../test/helpers/capture.js';
import { main } from './main.js';

vi.mock('./commands/schema.js', () => ({
  run: () => {
    throw new TypeError('simulated bug');
  },
}));

describe('the top-level handler', () => {
  const io = captureOutput();

  it('turns an unexpected exception into exit 70 with a report to paste', async () => {
    expect(await main(['schema'])).toBe(70);
    expect(io.err).toContain('internal error (a bug; please report it with this text)');
    expect(io.err).toContain('TypeError: simulated bug');
  });

  it('exits 2 on a usage error and 0 on --help and --version', async () => {
    expect(await main(['validate'])).toBe(2);
    expect(io.err).toContain("missing required argument 'blueprint'");
    expect(await main(['--version'])).toBe(0);
    expect(await main(['--help'])).toBe(0);
  });
});
