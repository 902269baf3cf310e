/**
 * esbuild settings for every Lambda, as plain data: the AppFunction construct passes them to
 * NodejsFunction and the benchmark (bench/bundles.ts) bundles with exactly the same ones.
 */
export const LAMBDA_TARGET = 'node22';

export const esbuildSettings = {
  format: 'esm' as const,
  platform: 'node' as const,
  target: LAMBDA_TARGET,
  minify: true,
  // No source maps: with NODE_OPTIONS=--enable-source-maps, the maps (about 5× the bundle: 4.5 MiB
  // for the API function) made the cold start 1.2–1.3× slower (bench/bundles.ts, November 2026);
  // error messages and types name what failed, and the local runtime runs the TypeScript itself.
  sourcemap: false,
  mainFields: ['module', 'main'],
  // some dependencies still call require(); ESM bundles need it defined
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  // The AWS SDK is bundled, not taken from the Lambda runtime: the version is pinned by our
  // lockfile, and a minified, tree-shaken client imports faster than the runtime's full SDK.
  external: [] as string[],
  // the generated OpenAPI document is bundled into its Lambda
  loader: { '.json': 'json' as const },
};
