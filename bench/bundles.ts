/**
 * Bundle size and cold import time of every HTTP function against a baseline (a bare handler
 * doing one DynamoDB GetItem with lib-dynamodb, no framework), bundled with the SAME esbuild
 * settings CDK uses (infra/bundling.ts). Cold import = median over fresh `node` processes of the
 * time `await import(bundle)` takes. Writes bench/results.json.
 *
 *   npm run bench            (all benchmarks)    npx tsx bench/bundles.ts --runs 15
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { esbuildSettings } from '#infra/bundling';
import { routes } from '#infra/routes';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '11' } } });
const RUNS = Number(values.runs);
const OUT = resolve('bench/out');

async function bundle(name: string, entry: string) {
  const outfile = join(OUT, name, 'index.mjs');
  await build({
    entryPoints: [entry],
    bundle: true,
    outfile,
    format: esbuildSettings.format,
    platform: esbuildSettings.platform,
    target: esbuildSettings.target,
    minify: esbuildSettings.minify,
    mainFields: esbuildSettings.mainFields,
    banner: { js: esbuildSettings.banner },
    loader: esbuildSettings.loader,
    external: esbuildSettings.external,
    sourcemap: false,
    logLevel: 'error',
  });
  return { name, file: outfile, bytes: statSync(outfile).size };
}

const probe = `const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));`;

function coldImportMs(file: string): number {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', probe, file], {
    env: {
      PATH: process.env.PATH,
      TABLE_NAME: 'bench',
      AWS_REGION: 'eu-central-1',
      POWERTOOLS_LOG_LEVEL: 'WARN',
    },
    encoding: 'utf8',
  });
  return Number(out);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

mkdirSync(OUT, { recursive: true });
const targets = [
  { name: 'baseline', entry: 'bench/baseline.ts' },
  ...routes.map((r) => ({ name: r.entry.split('/').pop()!.replace('.handler.ts', ''), entry: r.entry })),
];
const bundles = await Promise.all(targets.map((t) => bundle(t.name, t.entry)));
const times = new Map<string, number[]>(bundles.map((b) => [b.name, []]));
// interleave the runs so machine noise hits every bundle alike
for (let i = 0; i < RUNS; i++) for (const b of bundles) times.get(b.name)!.push(coldImportMs(b.file));

const baselineBundle = bundles[0]!;
const baseline = { bytes: baselineBundle.bytes, coldImportMs: +median(times.get('baseline')!).toFixed(2) };
const functions = bundles.slice(1).map((b) => {
  const coldImportMs = +median(times.get(b.name)!).toFixed(2);
  return {
    name: b.name,
    bytes: b.bytes,
    bytesRatio: +(b.bytes / baseline.bytes).toFixed(3),
    coldImportMs,
    coldImportRatio: +(coldImportMs / baseline.coldImportMs).toFixed(3),
  };
});
writeFileSync(
  'bench/results.json',
  `${JSON.stringify({ node: process.version, runs: RUNS, baseline, functions }, null, 2)}\n`,
);

const TARGET = 1.15;
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
console.log(`\nBundles and cold import (node ${process.version}, median of ${RUNS} fresh processes)\n`);
console.log(row(['function', 'bytes', 'ratio', 'cold import ms', 'ratio']));
console.log(row(['---', '---:', '---:', '---:', '---:']));
console.log(
  row(['baseline (GetItem, no framework)', baseline.bytes, '1.000', baseline.coldImportMs, '1.000']),
);
for (const f of functions) {
  const mark = (r: number) => (r > TARGET ? `**${r.toFixed(3)}**` : r.toFixed(3));
  console.log(row([f.name, f.bytes, mark(f.bytesRatio), f.coldImportMs, mark(f.coldImportRatio)]));
}
const over = functions.filter((f) => f.bytesRatio > TARGET || f.coldImportRatio > TARGET);
console.log(
  `\ntarget ≤ ${TARGET}× baseline: ${functions.length - over.length}/${functions.length} functions meet both`,
);
