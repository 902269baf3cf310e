import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { HttpFunctionName } from './functions';
import { routesOf } from './routes';

/** Where the generated Lambda entries go (git-ignored; rebuilt on every synth and bench). */
export const ENTRIES_DIR = resolve(import.meta.dirname, '..', '.build', 'entries');

/**
 * The source of an HTTP function's Lambda entry: the shared router over the function's rows.
 * Each route's module is a dynamic import, so esbuild bundles it into the one file but runs its
 * top level only when the route is first called.
 */
export function entrySource(fn: HttpFunctionName): string {
  const rows = routesOf(fn).map((r) => `  '${r.route}': () => import('#${r.entry.replace(/\.ts$/, '')}'),`);
  return [
    `// generated from infra/routes.ts by infra/entries.ts for the '${fn}' function: do not edit`,
    "import { createRouter } from '#shared/http/router';",
    '',
    'export const handler = createRouter({',
    ...rows,
    '});',
    '',
  ].join('\n');
}

/** Writes the entry of `fn` and returns its path, for the function's bundle (CDK and the benchmark). */
export function writeEntry(fn: HttpFunctionName): string {
  mkdirSync(ENTRIES_DIR, { recursive: true });
  const file = join(ENTRIES_DIR, `${fn}.ts`);
  writeFileSync(file, entrySource(fn));
  return file;
}
