/**
 * How every Lambda is bundled: the AppFunction construct (CDK's local bundling) and the benchmark
 * (bench/bundles.ts) both call `bundleLambda`, so the bench measures exactly what CDK ships.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type BuildOptions, buildSync } from 'esbuild';

export const LAMBDA_TARGET = 'node22';

/** The file Lambda loads: `index.mjs`, so the handler setting is `index.handler`. */
export const LAMBDA_HANDLER = 'index.handler';

export const esbuildSettings = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: LAMBDA_TARGET,
  minify: true,
  // Code splitting: each route module the router imports on first use (infra/entries.ts) becomes
  // its own chunk, with the code routes share in common chunks, so a cold start parses the
  // router, the first route and what it uses instead of the whole 1 MiB API (bench/bundles.ts:
  // 1.68× the baseline without splitting, 1.27× with it, same run under load, December 2026).
  splitting: true,
  entryNames: 'index',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  // No source maps: with NODE_OPTIONS=--enable-source-maps, the maps (about 5× the bundle: 4.5 MiB
  // for the API function) made the cold start 1.2–1.3× slower (bench/bundles.ts, November 2026);
  // error messages and types name what failed, and the local runtime runs the TypeScript itself.
  sourcemap: false,
  mainFields: ['module', 'main'],
  // some dependencies still call require(); ESM bundles need it defined (once per chunk: module scope)
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  // The AWS SDK is bundled, not taken from the Lambda runtime: the version is pinned by our
  // lockfile, and a minified, tree-shaken client imports faster than the runtime's full SDK.
  external: [],
  // the generated OpenAPI document is bundled into its Lambda
  loader: { '.json': 'json' },
  logLevel: 'error',
} satisfies BuildOptions;

const REPO_ROOT = resolve(import.meta.dirname, '..');

/** Bundles `entry` (a path relative to the repository root, or absolute) into `outdir` (index.mjs + chunks/); returns the files' total bytes. */
export function bundleLambda(entry: string, outdir: string): { bytes: number; files: number } {
  buildSync({ ...esbuildSettings, entryPoints: [entry], outdir, absWorkingDir: REPO_ROOT });
  const sizes = listFiles(outdir).map((f) => statSync(f).size);
  return { bytes: sizes.reduce((a, b) => a + b, 0), files: sizes.length };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? listFiles(join(dir, d.name)) : [join(dir, d.name)],
  );
}
