/**
 * What every Lambda costs at cold start, built exactly as CDK ships it (infra/bundling.ts), beside
 * a baseline: a bare handler doing one DynamoDB GetItem with lib-dynamodb, no framework, bundled
 * the same way.
 *
 * Per function: bundle bytes and files, cold start = median over fresh `node` processes of
 * importing the bundle AND serving one first request to its reply, DynamoDB included (a loopback
 * stand-in answers every call empty): the baseline its GetItem, each HTTP function its first
 * route (route module, middy chain, the route's reads); event-driven functions import only.
 * And peak RSS of that process. Beside each HTTP function, its first route bundled alone
 * (`route:<fn>`, one Lambda per route as before the router): what the router and the split bundle
 * add to a first request, and what the route costs without them. Then the cold starts a
 * scripted coordinator and partner session meet, counted for one Lambda per route (the old
 * shape), one per capability, and the functions of infra/functions.ts. Writes bench/results.json.
 *
 *   npm run bench            (all benchmarks)    npx tsx bench/bundles.ts --runs 15
 *   npx tsx bench/bundles.ts --only http:api     (one function beside the baseline; does not write results.json)
 *   npx tsx bench/bundles.ts --instructions      (also counts each cold start's instructions under
 *                                                 valgrind: repeatable within ~1.5 % on a busy machine)
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { bundleLambda } from '#infra/bundling';
import { writeEntry } from '#infra/entries';
import { type HttpFunctionName, httpFunctions } from '#infra/functions';
import { routes } from '#infra/routes';
import { streamConsumers } from '#infra/streams';
import { SCHEDULE_TARGETS } from '#shared/scheduler/targets';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '11' },
    only: { type: 'string' },
    instructions: { type: 'boolean', default: false },
  },
});
const RUNS = Number(values.runs);
const OUT = resolve('bench/out');

/** The baseline's request: one GetItem (the stand-in finds nothing, so a 404). */
const BASELINE_REQUEST = { pathParameters: { id: 'bench-net' } };

const claims = { sub: 'bench-user', 'custom:role': 'coordinator', 'custom:networkId': 'bench-net' };

/**
 * Each HTTP function's first request, served up to DynamoDB's answer (a loopback stand-in answers
 * every call, see fakeDynamoDb), like the baseline's one GetItem: a cold start to the first reply.
 */
const FIRST_REQUEST: Record<HttpFunctionName, object> = {
  // the coordinator's first screen after a quiet hour: the inbox
  api: {
    routeKey: 'GET /inquiries',
    rawPath: '/inquiries',
    headers: {},
    requestContext: { authorizer: { jwt: { claims } } },
  },
  // a customer posts the form (the stand-in knows no network, so it ends as a 404 after the read;
  // the body must pass validation, or the request ends as a 400 before the route reads anything)
  public: {
    routeKey: 'POST /public/{slug}/inquiries',
    rawPath: '/public/demo/inquiries',
    headers: { 'content-type': 'application/json' },
    pathParameters: { slug: 'demo' },
    body: JSON.stringify({
      customer: { name: 'Maria Muster', email: 'maria@example.at' },
      subject: 'Bad sanieren',
      text: 'Wir möchten unser Bad sanieren lassen.',
      consent: true,
    }),
    requestContext: {},
  },
};

/**
 * DynamoDB on loopback that answers every call with an empty result: the bundles' first request
 * and the baseline's GetItem go through the SDK's whole send path (signing, HTTP, parsing) without
 * DynamoDB Local's JVM noise in the timings.
 */
function fakeDynamoDb(): Promise<{ url: string; close: () => void }> {
  const empty: Record<string, object> = {
    Query: { Items: [], Count: 0, ScannedCount: 0 },
    BatchGetItem: { Responses: {}, UnprocessedKeys: {} },
  };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const op = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify(empty[op] ?? {}));
    });
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      done({ url: `http://127.0.0.1:${port}`, close: () => server.close() });
    }),
  );
}

function bundle(name: string, entry: string) {
  const dir = join(OUT, name);
  rmSync(dir, { recursive: true, force: true });
  const { bytes, files } = bundleLambda(entry, dir);
  return { name, file: join(dir, 'index.mjs'), bytes, files };
}

// imports the bundle, optionally calls its handler once, prints ms and the peak RSS in KiB; every
// request here must get as far as the stand-in's empty answer, a 404 (a 400 would mean the route
// never reached DynamoDB and the number measured less than a first request does)
const probe = `
const t = performance.now();
const mod = await import(process.argv[1]);
if (process.argv[2]) {
  const reply = await mod.handler(JSON.parse(process.argv[2]), { awsRequestId: 'bench', functionName: 'bench' });
  if (reply?.statusCode !== 404) throw new Error('first request did not end as the 404 after its read: ' + JSON.stringify(reply));
}
const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({ ms: performance.now() - t, cpuMs: (cpu.user + cpu.system) / 1000, rssKiB: process.resourceUsage().maxRSS }));`;

const run = promisify(execFile);
const dynamo = await fakeDynamoDb();

const probeEnv = {
  PATH: process.env.PATH,
  TABLE_NAME: 'bench',
  AWS_REGION: 'eu-central-1',
  // as in Lambda: credentials from the environment, the SDK's own endpoint resolution
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_ENDPOINT_URL_DYNAMODB: dynamo.url,
  POWERTOOLS_LOG_LEVEL: 'ERROR',
};
const probeArgs = (file: string, event: object | undefined) => [
  '--input-type=module',
  '-e',
  probe,
  file,
  ...(event ? [JSON.stringify(event)] : []),
];

/** Imports `file` in a fresh process and serves `event` (import only for event-driven functions). */
async function coldStart(file: string, event: object | undefined) {
  const { stdout: out } = await run(process.execPath, probeArgs(file, event), {
    env: probeEnv,
    encoding: 'utf8',
  });
  return JSON.parse(out) as { ms: number; cpuMs: number; rssKiB: number };
}

/**
 * The same cold start's instructions, counted by valgrind's callgrind (all threads): what machine
 * load does not change, so two runs agree within ~1.5 % while wall and CPU time drift by 20 %.
 */
async function instructions(file: string, event: object | undefined): Promise<number> {
  const { stderr } = await run(
    'valgrind',
    ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, ...probeArgs(file, event)],
    { env: probeEnv, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  const refs = /I\s+refs:\s+([\d,]+)/.exec(stderr)?.[1];
  if (!refs) throw new Error(`valgrind counted nothing: ${stderr.slice(-500)}`);
  return Number(refs.replaceAll(',', ''));
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
  /** The first route of an HTTP function, bundled alone (the old one-Lambda-per-route shape). */
  alone?: boolean;
}
const firstRouteEntry = (fn: HttpFunctionName) => {
  const key = (FIRST_REQUEST[fn] as { routeKey: string }).routeKey;
  const row = routes.find((r) => r.route === key);
  if (!row || row.fn !== fn) throw new Error(`first request of ${fn}: ${key} is not one of its routes`);
  return row.entry;
};
const allTargets: Target[] = [
  ...(Object.keys(httpFunctions) as HttpFunctionName[]).map((fn) => ({
    name: `http:${fn}`,
    entry: writeEntry(fn),
    event: FIRST_REQUEST[fn],
    http: true,
  })),
  ...(Object.keys(httpFunctions) as HttpFunctionName[]).map((fn) => ({
    name: `route:${fn}`,
    entry: firstRouteEntry(fn),
    event: FIRST_REQUEST[fn],
    http: false,
    alone: true,
  })),
  { name: 'email-intake', entry: 'functions/email-intake/intake.handler.ts', http: false },
  ...streamConsumers.map((c) => ({ name: `stream:${c.name}`, entry: c.entry, http: false })),
  ...Object.entries(SCHEDULE_TARGETS).map(([name, t]) => ({
    name: `schedule:${name}`,
    entry: t.entry,
    http: false,
  })),
];

const only = values.only?.split(',');
const targets = only ? allTargets.filter((t) => only.includes(t.name)) : allTargets;
if (targets.length === 0) throw new Error(`--only ${values.only}: no such function`);

// as CDK ships it: infra/bundling.ts (code splitting, no source maps)
const base = bundle('baseline', 'bench/baseline.ts');
const bundles = targets.map((t) => ({ ...t, ...bundle(t.name.replace(':', '-'), t.entry) }));
const runs = new Map<string, { ms: number; cpuMs: number; rssKiB: number }[]>([
  [base.name, []],
  ...bundles.map((b) => [b.name, []] as [string, []]),
]);
// interleave the runs so machine noise hits every bundle alike
for (let i = 0; i < RUNS; i++) {
  runs.get(base.name)!.push(await coldStart(base.file, BASELINE_REQUEST));
  for (const b of bundles) runs.get(b.name)!.push(await coldStart(b.file, b.event));
}
// instructions: once per HTTP function (callgrind is ~50× slower and repeatable)
const counted = new Map<string, number>();
if (values.instructions) {
  counted.set(base.name, await instructions(base.file, BASELINE_REQUEST));
  for (const b of bundles.filter((b) => b.http || b.alone))
    counted.set(b.name, await instructions(b.file, b.event));
}
const summary = (name: string) => ({
  coldMs: +median(runs.get(name)!.map((r) => r.ms)).toFixed(1),
  // the whole process's CPU time (node's own start included): what a busy machine does not inflate
  cpuMs: +median(runs.get(name)!.map((r) => r.cpuMs)).toFixed(1),
  rssMiB: +(median(runs.get(name)!.map((r) => r.rssKiB)) / 1024).toFixed(1),
  ...(counted.has(name) ? { instructions: counted.get(name)! } : {}),
});
const baseline = { bytes: base.bytes, files: base.files, ...summary(base.name) };
const functions = bundles.map((b) => {
  const s = summary(b.name);
  return {
    name: b.name,
    http: b.http,
    ...(b.alone ? { alone: true } : {}),
    bytes: b.bytes,
    files: b.files,
    ...s,
    coldRatio: +(s.coldMs / baseline.coldMs).toFixed(3),
    cpuRatio: +(s.cpuMs / baseline.cpuMs).toFixed(3),
    ...(s.instructions && baseline.instructions
      ? { instructionRatio: +(s.instructions / baseline.instructions).toFixed(3) }
      : {}),
  };
});

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

dynamo.close();
if (!only)
  writeFileSync(
    'bench/results.json',
    `${JSON.stringify({ node: process.version, runs: RUNS, baseline, functions, coldStarts }, null, 2)}\n`,
  );

const TARGET = 1.1;
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const kib = (b: number) => (b / 1024).toFixed(0);
console.log(
  `\nCold start to the first reply, as shipped (node ${process.version}, median of ${RUNS} fresh processes)\n`,
);
console.log(row(['function', 'bundle KiB', 'files', 'wall ms', 'ratio', 'CPU ms', 'ratio', 'peak RSS MiB']));
console.log(row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
const b = baseline;
console.log(
  row(['baseline (GetItem)', kib(b.bytes), b.files, b.coldMs, '1.000', b.cpuMs, '1.000', b.rssMiB]),
);
const mark = (http: boolean, r: number) => (http && r > TARGET ? `**${r.toFixed(3)}**` : r.toFixed(3));
for (const f of functions) {
  console.log(
    row([
      f.name,
      kib(f.bytes),
      f.files,
      f.coldMs,
      mark(f.http, f.coldRatio),
      f.cpuMs,
      mark(f.http, f.cpuRatio),
      f.rssMiB,
    ]),
  );
}
const http = functions.filter((f) => f.http);
const meet = (key: 'coldRatio' | 'cpuRatio') => http.filter((f) => f[key] <= TARGET).length;
console.log(
  `\ntarget: HTTP functions ≤ ${TARGET}× the baseline: ${meet('coldRatio')}/${http.length} by wall time, ${meet('cpuRatio')}/${http.length} by CPU time (on a busy machine trust CPU time)`,
);
if (baseline.instructions) {
  const M = (n: number) => (n / 1e6).toFixed(0);
  console.log(`\nInstructions of one cold start (callgrind): baseline ${M(baseline.instructions)} M`);
  for (const f of http) {
    console.log(
      `  ${f.name}: ${M(f.instructions ?? 0)} M = ${mark(true, f.instructionRatio ?? 0)}× the baseline`,
    );
    const alone = functions.find((a) => a.name === f.name.replace('http-', 'route-'));
    if (alone?.instructions)
      console.log(
        `    its first route bundled alone: ${M(alone.instructions)} M = ${alone.instructionRatio?.toFixed(3)}× the baseline; the router and the split bundle add ${M((f.instructions ?? 0) - alone.instructions)} M`,
      );
  }
}
console.log('\nCold starts met by a session after an idle period (target ≤ 2)\n');
console.log(row(['session', 'routes', 'one Lambda per route', 'one per capability', 'infra/functions.ts']));
console.log(row(['---', '---:', '---:', '---:', '---:']));
for (const [who, c] of Object.entries(coldStarts)) {
  console.log(row([who, c.routes, c.perRoute, c.perCapability, c.functions]));
}
