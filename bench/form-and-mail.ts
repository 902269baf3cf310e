/**
 * Per form post and per mail intake, on the local runtime: `npx tsx bench/form-and-mail.ts`.
 * Starts the whole runtime of `npm start` in this process (fresh DATA_DIR, free ports), so a
 * middleware on the shared DynamoDB client sees every call the handlers make, and drives it over
 * loopback HTTP and SMTP as a customer would. Prints one JSON line:
 *  - per request, measured one at a time: DynamoDB calls, round trips (waits one after another:
 *    calls that overlap count once), RCU and WCU as DynamoDB reports them;
 *  - p50/p99 under a bounded load: form posts at BENCH_FORM_RATE per second (default 8, under the
 *    route's throttle of 10), mails at BENCH_MAIL_RATE per second (default 4), each from its own
 *    client and sender, and the p50 of the requests measured one at a time. Target: form post
 *    p50 ≤ 40 ms.
 * Numbers are for DynamoDB Local on this machine: a trend line, not AWS latency.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTransport } from 'nodemailer';
import { startLocalRuntime } from '#infra/local/runtime';
import { freePort } from '#test/global-setup';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 20);
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const FORM_RATE = Number(process.env.BENCH_FORM_RATE ?? 8);
const MAIL_RATE = Number(process.env.BENCH_MAIL_RATE ?? 4);

interface Calls {
  calls: number;
  roundTrips: number;
  rcu: number;
  wcu: number;
  byCommand: Record<string, number>;
}

const READS = new Set(['GetCommand', 'QueryCommand', 'BatchGetCommand', 'TransactGetCommand']);

/** Counts each call with its consumed capacity and the spans, from which the round trips follow. */
function meter(client: DynamoDBDocumentClient) {
  let spans: { start: number; end: number }[] | undefined;
  let current: Calls | undefined;
  client.middlewareStack.add(
    (next, ctx) => async (args) => {
      const m = current;
      const s = spans;
      if (!m || !s) return next(args);
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const name = ctx.commandName ?? '?';
      m.calls++;
      m.byCommand[name] = (m.byCommand[name] ?? 0) + 1;
      const span = { start: performance.now(), end: Number.POSITIVE_INFINITY };
      s.push(span);
      const count = (consumed: unknown) => {
        const all = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) as {
          CapacityUnits?: number;
        }[];
        const units = all.reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
        if (READS.has(name)) m.rcu += units;
        else m.wcu += units;
      };
      try {
        const out = (await next(args)) as { output: { ConsumedCapacity?: unknown } };
        count(out.output.ConsumedCapacity);
        return out as never;
      } catch (err) {
        // a refused conditional write still consumed its capacity
        count((err as { ConsumedCapacity?: unknown }).ConsumedCapacity);
        throw err;
      } finally {
        span.end = performance.now();
      }
    },
    { step: 'initialize', name: 'bench-round-trips' },
  );
  return async function measure(fn: () => Promise<unknown>): Promise<Calls> {
    const m: Calls = { calls: 0, roundTrips: 0, rcu: 0, wcu: 0, byCommand: {} };
    const s: { start: number; end: number }[] = [];
    current = m;
    spans = s;
    try {
      await fn();
    } finally {
      current = undefined;
      spans = undefined;
    }
    // a round trip starts with a call that begins after every call before it has ended
    let until = Number.NEGATIVE_INFINITY;
    for (const span of s.sort((a, b) => a.start - b.start)) {
      if (span.start >= until) m.roundTrips++;
      until = Math.max(until, span.end);
    }
    return m;
  };
}

function post(url: string, body: unknown, localAddress: string): Promise<number> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: false,
        localAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? Number.NaN;
const round = (n: number) => Math.round(n * 10) / 10;
const median = (xs: Calls[], key: 'calls' | 'roundTrips' | 'rcu' | 'wcu') =>
  round(
    pct(
      xs.map((x) => x[key]),
      0.5,
    ),
  );

const dataDir = mkdtempSync(join(tmpdir(), 'verbund-bench-form-mail-'));
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
const runtime = await startLocalRuntime({
  port: await freePort(),
  smtpPort: await freePort(),
  dynamodbPort: await freePort(),
  dataDir,
  host: '127.0.0.1',
});
try {
  const { db } = await import('#shared/db/client');
  const measure = meter(db);
  const smtpPort = Number(new URL(runtime.smtpUrl).port);
  let n = 0;
  const failures = { form: 0, mail: 0 };
  const form = (i: number) => ({
    customer: { name: `Kundin ${i}`, email: `k${i}@kunde.example` },
    subject: 'Neue Fenster',
    text: 'Wir brauchen neue Holzfenster und einen Elektriker für die Steckdosen.',
    consent: true,
  });
  // each post from its own client (127.3.x.y): the per-client form limit is not what is measured
  const postForm = async () => {
    const i = n++;
    const t = performance.now();
    const status = await post(
      `${runtime.apiUrl}/public/demo/inquiries`,
      form(i),
      `127.3.${i >> 8}.${(i % 250) + 1}`,
    );
    if (status !== 201) throw new Error(`form post ${i}: ${status}`);
    return performance.now() - t;
  };
  const smtp = createTransport({
    host: '127.0.0.1',
    port: smtpPort,
    secure: false,
    ignoreTLS: true,
    pool: true,
  });
  const sendMail = async () => {
    const i = n++;
    const t = performance.now();
    const accepted = await smtp
      .sendMail({
        envelope: { from: `m${i}@kunde.example`, to: ['demo@inbound.verbund.test'] },
        from: `Kunde ${i} <m${i}@kunde.example>`,
        to: 'demo@inbound.verbund.test',
        subject: `Badsanierung ${i}`,
        text: 'Guten Tag, wir möchten unser Bad sanieren lassen. Bitte um einen Termin.',
      })
      .then(
        (info) => info.accepted.length === 1,
        () => false,
      );
    if (!accepted) failures.mail++;
    return performance.now() - t;
  };

  // warm up: the handlers' first load is a cold start, not a form post
  await postForm();
  await sendMail();
  const formCalls: Calls[] = [];
  const mailCalls: Calls[] = [];
  // one at a time, with a pause in which the outbox sends the acknowledgement (its calls are not the post's)
  const settle = () => new Promise((r) => setTimeout(r, 400));
  const formOne: number[] = [];
  const mailOne: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    formCalls.push(await measure(async () => formOne.push(await postForm())));
    await settle();
  }
  for (let i = 0; i < SAMPLES; i++) {
    mailCalls.push(await measure(async () => mailOne.push(await sendMail())));
    await settle();
  }

  /** Starts `fn` `rate` times a second for LOAD_SECONDS (open loop) and answers the latencies. */
  const load = async (rate: number, fn: () => Promise<number>) => {
    const runs: Promise<number>[] = [];
    const started = performance.now();
    for (let k = 0; k < rate * LOAD_SECONDS; k++) {
      const due = started + (k * 1000) / rate;
      await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
      runs.push(fn());
    }
    return Promise.all(runs);
  };
  const formMs = await load(FORM_RATE, postForm);
  const mailMs = await load(MAIL_RATE, sendMail);
  smtp.close();
  const summary = (calls: Calls[]) => ({
    dynamodbCalls: median(calls, 'calls'),
    roundTrips: median(calls, 'roundTrips'),
    rcu: median(calls, 'rcu'),
    wcu: median(calls, 'wcu'),
    byCommand: calls[calls.length - 1]?.byCommand,
  });
  console.log(
    JSON.stringify({
      bench: 'form-and-mail',
      formPost: {
        ...summary(formCalls),
        oneAtATimeP50Ms: round(pct(formOne, 0.5)),
        load: `${FORM_RATE}/s for ${LOAD_SECONDS} s`,
        p50Ms: round(pct(formMs, 0.5)),
        p99Ms: round(pct(formMs, 0.99)),
        notCreated: failures.form,
        targetP50Ms: 40,
      },
      mailIntake: {
        ...summary(mailCalls),
        oneAtATimeP50Ms: round(pct(mailOne, 0.5)),
        load: `${MAIL_RATE}/s for ${LOAD_SECONDS} s (SMTP until 250)`,
        p50Ms: round(pct(mailMs, 0.5)),
        p99Ms: round(pct(mailMs, 0.99)),
        notAccepted: failures.mail,
      },
      loadAverage: loadavg().map(round),
    }),
  );
} finally {
  await runtime.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
