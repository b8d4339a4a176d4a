/**
 * Assets synth ships beside the templates: the responder Lambda, bundled with esbuild
 * from `src/respond/lambda.ts` (the AWS SDK is left out: the Lambda runtime provides it)
 * and zipped deterministically (fixed timestamps), so the same code gives the same hash.
 */
import { buildSync } from 'esbuild';
import { zipSync } from 'fflate';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { contentHash } from './cfn.js';
import type { SynthAsset } from './types.js';

let responder: SynthAsset | undefined;

/** The responder bundle (built once per process). */
export function responderAsset(): SynthAsset {
  responder ??= bundle('responder', 'respond/lambda');
  return responder;
}

function bundle(id: string, entryStem: string): SynthAsset {
  // Built code runs from dist/ (compiled .js); tests run the TypeScript sources.
  const candidates = ['.js', '.ts'].map((ext) =>
    fileURLToPath(new URL(`../${entryStem}${ext}`, import.meta.url)),
  );
  const entry = candidates.find((f) => existsSync(f));
  if (!entry) throw new Error(`asset ${id}: entry ${entryStem} not found`);
  const out = buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    external: ['@aws-sdk/*'],
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]?.contents;
  if (!code) throw new Error(`asset ${id}: esbuild produced no output`);
  const zip = zipSync(
    { 'index.js': [code, { mtime: new Date('2020-01-01T00:00:00Z') }] },
    { level: 9 },
  );
  const hash = contentHash(Buffer.from(zip).toString('base64'));
  return { id, file: `${id}-${hash}.zip`, hash, content: zip };
}
