/**
 * Where the big libraries land in the api function's split bundle, and what its first route
 * (the coordinator's inbox, GET /inquiries) loads: `npx tsx bench/chunks.ts`. A chunk is loaded
 * at first use only if every path to it from that route goes through a dynamic import().
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync, type Metafile } from 'esbuild';
import { esbuildSettings } from '#infra/bundling';
import { writeEntry } from '#infra/entries';
import { routes } from '#infra/routes';

const ROOT = resolve(import.meta.dirname, '..');
const WATCH = ['pdf-lib', 'franc-min'];
/**
 * Our modules the first route must not load: zod constructs every schema of a module when it
 * loads, so the inquiries' write-path schemas live apart from the items and reads the inbox needs.
 */
export const KEPT_OUT = ['functions/inquiries/write-schema.ts', 'shared/i18n.ts'];
export const FIRST_ROUTE = 'GET /inquiries';

/** Builds the api function as CDK does; says what its first route loads and where the watched libraries are. */
export function chunkReport() {
  const outdir = mkdtempSync(join(tmpdir(), 'verbund-chunks-'));
  const { metafile } = buildSync({
    ...esbuildSettings,
    entryPoints: [writeEntry('api')],
    outdir,
    absWorkingDir: ROOT,
    metafile: true,
  }) as { metafile: Metafile };
  const outputs = metafile.outputs;
  const routeEntry = resolve(ROOT, routes.find((r) => r.route === FIRST_ROUTE)!.entry);
  // the output files a file loads statically (itself and its static imports, transitively)
  const closure = (start: string, seen = new Set<string>()) => {
    const todo = [start];
    while (todo.length > 0) {
      const f = todo.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      for (const i of outputs[f]?.imports ?? [])
        if (i.kind === 'import-statement' && !i.external) todo.push(i.path);
    }
    return seen;
  };
  const files = Object.keys(outputs);
  const index = files.find((o) => o.endsWith('index.mjs'))!;
  const routeChunk = files.find((o) =>
    Object.keys(outputs[o]!.inputs).some((i) => resolve(ROOT, i) === routeEntry),
  )!;
  const first = closure(routeChunk, closure(index));
  const libs = WATCH.map((lib) => ({
    lib,
    files: files
      .map((file) => {
        const own = Object.entries(outputs[file]!.inputs).filter(([i]) => i.includes(`node_modules/${lib}/`));
        return {
          file: file.split('/').pop()!,
          bytes: own.reduce((s, [, v]) => s + v.bytesInOutput, 0),
          loadedByFirstRoute: first.has(file),
        };
      })
      .filter((f) => f.bytes > 0),
  }));
  const firstRouteInputs = new Set([...first].flatMap((f) => Object.keys(outputs[f]!.inputs)));
  return {
    files: files.length,
    totalBytes: files.reduce((s, f) => s + outputs[f]!.bytes, 0),
    firstRouteFiles: first.size,
    firstRouteBytes: [...first].reduce((s, f) => s + outputs[f]!.bytes, 0),
    libs,
    /** Of KEPT_OUT, what the first route loads anyway (none, if the split holds). */
    keptOutButLoaded: KEPT_OUT.filter((m) => firstRouteInputs.has(m)),
  };
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

if (import.meta.filename === process.argv[1]) {
  const r = chunkReport();
  console.log(`api function: ${r.files} files, ${kib(r.totalBytes)}`);
  console.log(
    `first route ${FIRST_ROUTE}: router + route chunk + static imports = ${r.firstRouteFiles} files, ${kib(r.firstRouteBytes)}`,
  );
  for (const l of r.libs)
    for (const f of l.files)
      console.log(
        `${l.lib}: ${kib(f.bytes)} in ${f.file}; loaded by the first route: ${f.loadedByFirstRoute ? 'yes' : 'no'}`,
      );
  for (const m of KEPT_OUT)
    console.log(`${m}: loaded by the first route: ${r.keptOutButLoaded.includes(m) ? 'yes' : 'no'}`);
}
