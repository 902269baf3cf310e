/**
 * What every Lambda costs at cold start, built exactly as CDK ships it (infra/bundling.ts), beside
 * a baseline: a bare handler doing one DynamoDB GetItem with lib-dynamodb, no framework, bundled
 * the same way.
 *
 * Per function: bundle bytes (code and map), cold import = median over fresh `node` processes of
 * importing the bundle AND serving the function's first route up to the point where it would
 * call DynamoDB (a request refused by validation or auth, so no network is involved: it loads the
 * route's module and runs the middy chain), and peak RSS of that process. Then the cold starts a
 * scripted coordinator and partner session meet, counted for one Lambda per route (the old
 * shape), one per capability, and the functions of infra/functions.ts. Writes bench/results.json.
 *
 *   npm run bench            (all benchmarks)    npx tsx bench/bundles.ts --runs 15
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { esbuildSettings } from '#infra/bundling';
import { writeEntry } from '#infra/entries';
import { type HttpFunctionName, httpFunctions } from '#infra/functions';
import { routes } from '#infra/routes';
import { streamConsumers } from '#infra/streams';
import { SCHEDULE_TARGETS } from '#shared/scheduler/targets';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '11' } } });
const RUNS = Number(values.runs);
const OUT = resolve('bench/out');

/** A request each HTTP function's first route refuses before any I/O. */
const FIRST_REQUEST: Record<HttpFunctionName, object> = {
  // the coordinator's first screen is the inbox; no claims → 403 from the handler, module loaded
  api: { routeKey: 'GET /inquiries', rawPath: '/inquiries', headers: {}, requestContext: {} },
  // a customer posts the form; an empty body → 400 from validation
  public: {
    routeKey: 'POST /public/{slug}/inquiries',
    rawPath: '/public/demo/inquiries',
    headers: { 'content-type': 'application/json' },
    pathParameters: { slug: 'demo' },
    body: '{}',
    requestContext: {},
  },
};

async function bundle(name: string, entry: string, sourcemap: boolean) {
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
    sourcemap,
    logLevel: 'error',
  });
  const map = sourcemap ? statSync(`${outfile}.map`).size : 0;
  return { name, file: outfile, bytes: statSync(outfile).size, mapBytes: map };
}

// imports the bundle, optionally calls its handler once, prints ms and the peak RSS in KiB
const probe = `
const t = performance.now();
const mod = await import(process.argv[1]);
const event = process.argv[2];
if (event) await mod.handler(JSON.parse(event), { awsRequestId: 'bench', functionName: 'bench' });
process.stdout.write(JSON.stringify({ ms: performance.now() - t, rssKiB: process.resourceUsage().maxRSS }));`;

function coldStart(file: string, event: object | undefined, sourceMaps: boolean) {
  const out = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', probe, file, ...(event ? [JSON.stringify(event)] : [])],
    {
      env: {
        PATH: process.env.PATH,
        TABLE_NAME: 'bench',
        AWS_REGION: 'eu-central-1',
        POWERTOOLS_LOG_LEVEL: 'ERROR',
        ...(sourceMaps ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
      },
      encoding: 'utf8',
    },
  );
  return JSON.parse(out) as { ms: number; rssKiB: number };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

mkdirSync(OUT, { recursive: true });
interface Target {
  name: string;
  entry: string;
  event?: object;
  http: boolean;
}
const targets: Target[] = [
  ...(Object.keys(httpFunctions) as HttpFunctionName[]).map((fn) => ({
    name: `http:${fn}`,
    entry: writeEntry(fn),
    event: FIRST_REQUEST[fn],
    http: true,
  })),
  { name: 'email-intake', entry: 'functions/email-intake/intake.handler.ts', http: false },
  ...streamConsumers.map((c) => ({ name: `stream:${c.name}`, entry: c.entry, http: false })),
  ...Object.entries(SCHEDULE_TARGETS).map(([name, t]) => ({
    name: `schedule:${name}`,
    entry: t.entry,
    http: false,
  })),
];

// as CDK ships it (infra/bundling.ts); with source maps the runtime would also parse the maps
const variants = [
  {
    label: esbuildSettings.sourcemap
      ? 'as shipped (source maps, --enable-source-maps)'
      : 'as shipped (no source maps)',
    maps: esbuildSettings.sourcemap,
  },
];
const results = [];
for (const variant of variants) {
  const suffix = variant.maps ? '' : '-nomap';
  const base = await bundle(`baseline${suffix}`, 'bench/baseline.ts', variant.maps);
  const bundles = await Promise.all(
    targets.map(async (t) => ({
      ...t,
      ...(await bundle(`${t.name.replace(':', '-')}${suffix}`, t.entry, variant.maps)),
    })),
  );
  const runs = new Map<string, { ms: number; rssKiB: number }[]>([
    [base.name, []],
    ...bundles.map((b) => [b.name, []] as [string, []]),
  ]);
  // interleave the runs so machine noise hits every bundle alike
  for (let i = 0; i < RUNS; i++) {
    runs.get(base.name)!.push(coldStart(base.file, undefined, variant.maps));
    for (const b of bundles) runs.get(b.name)!.push(coldStart(b.file, b.event, variant.maps));
  }
  const summary = (name: string) => ({
    coldMs: +median(runs.get(name)!.map((r) => r.ms)).toFixed(1),
    rssMiB: +(median(runs.get(name)!.map((r) => r.rssKiB)) / 1024).toFixed(1),
  });
  const baseline = { bytes: base.bytes, mapBytes: base.mapBytes, ...summary(base.name) };
  const functions = bundles.map((b) => {
    const s = summary(b.name);
    return {
      name: b.name.replace(/-nomap$/, ''),
      http: b.http,
      bytes: b.bytes,
      mapBytes: b.mapBytes,
      ...s,
      coldRatio: +(s.coldMs / baseline.coldMs).toFixed(3),
    };
  });
  results.push({ variant: variant.label, baseline, functions });
}

// ---- cold starts per session: a model over the route table ----
const SESSIONS: Record<string, string[]> = {
  // a coordinator after a quiet hour: inbox, an inquiry, its proposals, accept, calendar, pools, report
  coordinator: [
    'GET /inquiries',
    'GET /inquiries/{inquiryId}',
    'PUT /inquiries/{inquiryId}/competences',
    'POST /inquiries/{inquiryId}/proposals',
    'GET /inquiries/{inquiryId}/proposals',
    'POST /inquiries/{inquiryId}/proposals/{proposalId}/accept',
    'POST /inquiries/{inquiryId}/replies',
    'GET /partners',
    'GET /pools',
    'GET /reports/utilisation',
  ],
  // a partner on a building site: offers, calendar, a pool, join it, own resources
  partner: [
    'GET /proposals',
    'GET /calendar',
    'GET /pools',
    'GET /pools/{poolId}',
    'POST /pools/{poolId}/lines',
    'GET /partners/{partnerId}',
    'PATCH /partners/{partnerId}/resources/{resourceId}',
    'GET /referrals/ledger',
  ],
};
const byKey = new Map(routes.map((r) => [r.route, r]));
const coldStarts = Object.fromEntries(
  Object.entries(SESSIONS).map(([who, keys]) => {
    const rows = keys.map((k) => {
      const r = byKey.get(k as never);
      if (!r) throw new Error(`session route ${k} is not in infra/routes.ts`);
      return r;
    });
    return [
      who,
      {
        routes: rows.length,
        perRoute: new Set(rows.map((r) => r.route)).size,
        perCapability: new Set(rows.map((r) => r.entry.split('/')[1])).size,
        functions: new Set(rows.map((r) => r.fn)).size,
      },
    ];
  }),
);

writeFileSync(
  'bench/results.json',
  `${JSON.stringify({ node: process.version, runs: RUNS, bundles: results, coldStarts }, null, 2)}\n`,
);

const TARGET = 1.1;
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const kib = (b: number) => (b / 1024).toFixed(0);
for (const r of results) {
  console.log(`\nCold start, ${r.variant} (node ${process.version}, median of ${RUNS} fresh processes)\n`);
  console.log(row(['function', 'bundle KiB', 'map KiB', 'cold ms', 'ratio', 'peak RSS MiB']));
  console.log(row(['---', '---:', '---:', '---:', '---:', '---:']));
  const b = r.baseline;
  console.log(
    row(['baseline (GetItem, no framework)', kib(b.bytes), kib(b.mapBytes), b.coldMs, '1.000', b.rssMiB]),
  );
  for (const f of r.functions) {
    const ratio = f.http && f.coldRatio > TARGET ? `**${f.coldRatio.toFixed(3)}**` : f.coldRatio.toFixed(3);
    console.log(row([f.name, kib(f.bytes), kib(f.mapBytes), f.coldMs, ratio, f.rssMiB]));
  }
  const http = r.functions.filter((f) => f.http);
  console.log(
    `\ntarget: HTTP functions ≤ ${TARGET}× the baseline: ${http.filter((f) => f.coldRatio <= TARGET).length}/${http.length} meet it`,
  );
}
console.log('\nCold starts met by a session after an idle period (target ≤ 2)\n');
console.log(row(['session', 'routes', 'one Lambda per route', 'one per capability', 'infra/functions.ts']));
console.log(row(['---', '---:', '---:', '---:', '---:']));
for (const [who, c] of Object.entries(coldStarts)) {
  console.log(row([who, c.routes, c.perRoute, c.perCapability, c.functions]));
}
