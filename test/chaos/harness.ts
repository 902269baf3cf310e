/**
 * The crash harness: the local runtime as a separate process, a bounded burst of public-form
 * posts, API creates and SMTP mails, the runtime's node SIGKILLed mid-burst at chosen points
 * (form posts in flight, an SMTP DATA in progress, the outbox sending), restarted on the same
 * DATA_DIR, and everything that got no success retried the way a client and SES would: the same
 * bytes, the same Idempotency-Key, from the same client address. Then it counts what a user
 * would notice: inquiries per customer, acknowledgements per customer, copies per Message-ID.
 * Used by test/chaos/crash.test.ts (small) and `npm run chaos` (test/chaos/run.ts, bigger).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, watch } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createTransport } from 'nodemailer';
import PostalMime from 'postal-mime';
import { dynamodbPidFile, type RunningRuntime, removeDataDir, startRuntime } from '#test/support/runtime';

export type KillPoint = 'form-posts' | 'smtp-data' | 'outbox-sending';
export const KILL_POINTS: readonly KillPoint[] = ['form-posts', 'smtp-data', 'outbox-sending'];

export interface ChaosPlan {
  forms: number;
  creates: number;
  mails: number;
  /** Where each kill happens, in order; one phase of the burst per kill, and one after the last. */
  kills: readonly KillPoint[];
  /** Requests in flight per kind. */
  concurrency: number;
  /** How long the retries after the last restart may take before what is left counts as lost. */
  retryMs?: number;
  log?: (line: string) => void;
}

export interface KillRecord {
  point: KillPoint;
  /** The trigger fired mid-burst (false: the phase ended first and the kill came after it). */
  midBurst: boolean;
  /** Requests in flight when node was killed. */
  inFlight: number;
  /** DynamoDB Local's JVM the killed node left running, and whether the next start stopped it. */
  orphanedJvm?: number;
  jvmStoppedByNextStart?: boolean;
}

export interface ChaosFigures {
  sent: { forms: number; creates: number; mails: number };
  attempts: number;
  kills: KillRecord[];
  /** Items that never got a success, and accepted or retried items without their inquiry. */
  lost: string[];
  /** Customers with two inquiries, two acknowledgements, or one Message-ID sent twice. */
  duplicated: string[];
  /** Mails accepted (250) that ended as a quarantined item instead of an inquiry. */
  quarantined: number;
  acknowledgements: number;
  /** Processes of the runtime still running after its final stop. */
  leftovers: number[];
  seconds: number;
}

type Outcome = 'ok' | 'failed';

interface Item {
  kind: 'form' | 'create' | 'mail';
  /** The customer's address: one per item, so every check is per customer. */
  email: string;
  attempts: number;
  done: boolean;
  /** Called once the attempt's payload goes out (SMTP: the DATA stream is read); a kill trigger. */
  onData?: () => void;
  send: (rt: RunningRuntime, onData?: () => void) => Promise<Outcome>;
}

const INBOX = 'demo@inbound.verbund.test';

/** POST with its own connection from `localAddress` (a loopback address per simulated client). */
function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  localAddress: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: false,
        localAddress,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
        timeout: 30_000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

/** A client address per form customer: 127.1.x.y (Linux routes all of 127/8 to loopback). */
const clientAddress = (i: number) => `127.1.${Math.floor(i / 250)}.${1 + (i % 250)}`;

function formItem(run: string, i: number): Item {
  const email = `form-${i}@kunde-${run}.example`;
  const body = JSON.stringify({
    customer: { name: `Formular Kundin ${i}`, email },
    subject: `Fenster ${run} ${i}`,
    text: `Bitte um ein Angebot für neue Holzfenster, Anfrage ${i}.`,
    consent: true,
  });
  const key = `chaos-${run}-form-${i}`;
  return {
    kind: 'form',
    email,
    attempts: 0,
    done: false,
    async send(rt) {
      const res = await post(
        `${rt.apiUrl}/public/demo/inquiries`,
        body,
        { 'idempotency-key': key },
        clientAddress(i),
      );
      return res.status === 201 ? 'ok' : 'failed';
    },
  };
}

function createItem(run: string, i: number, token: () => string): Item {
  const email = `api-${i}@kunde-${run}.example`;
  const body = JSON.stringify({
    customer: { name: `Telefon Kunde ${i}`, email },
    subject: `Dachrinne ${run} ${i}`,
    text: `Telefonisch: neue Dachrinne gewünscht, Anfrage ${i}.`,
  });
  const key = `chaos-${run}-create-${i}`;
  return {
    kind: 'create',
    email,
    attempts: 0,
    done: false,
    async send(rt) {
      const res = await post(
        `${rt.apiUrl}/inquiries`,
        body,
        { 'idempotency-key': key, authorization: `Bearer ${token()}` },
        '127.0.0.1',
      );
      return res.status === 201 ? 'ok' : 'failed';
    },
  };
}

function mailItem(run: string, i: number): Item {
  const email = `mail-${i}@kunde-${run}.example`;
  // the same bytes on every attempt, as a mail server retries (and SES redelivers)
  const raw = Buffer.from(
    [
      `From: Mail Kundin ${i} <${email}>`,
      `To: ${INBOX}`,
      `Subject: Badsanierung ${run} ${i}`,
      `Message-ID: <chaos-${run}-${i}@kunde-${run}.example>`,
      'Date: Wed, 02 Dec 2026 06:00:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      `Guten Tag, wir möchten unser Bad sanieren lassen (Anfrage ${i}).`,
      // a body of some size, so that DATA takes a moment on the wire
      ...Array.from({ length: 200 }, (_, l) => `Zeile ${l}: Fliesen, Armaturen, Dusche ebenerdig.`),
      '',
    ].join('\r\n'),
  );
  return {
    kind: 'mail',
    email,
    attempts: 0,
    done: false,
    async send(rt, onData) {
      const smtp = createTransport({
        host: '127.0.0.1',
        port: rt.smtpPort,
        secure: false,
        ignoreTLS: true,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      });
      let read = false;
      // read by the client once the server took RCPT TO and said 354: the DATA is under way
      const source = new Readable({
        read() {
          if (read) return void this.push(null);
          read = true;
          onData?.();
          this.push(raw);
        },
      });
      try {
        const info = await smtp.sendMail({ envelope: { from: email, to: [INBOX] }, raw: source });
        return info.accepted.length === 1 ? 'ok' : 'failed';
      } finally {
        smtp.close();
      }
    },
  };
}

/** Runs `items` with `limit` in flight, stopping to start new ones once `stopped()` says so. */
async function pool(
  items: Item[],
  limit: number,
  rt: () => RunningRuntime,
  opts: { stopped: () => boolean; onStart?: (item: Item) => void; inFlight: Set<Item> },
): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (;;) {
      if (opts.stopped()) return;
      const item = queue.shift();
      if (!item) return;
      item.attempts++;
      opts.inFlight.add(item);
      opts.onStart?.(item);
      const outcome = await item.send(rt(), item.onData).catch((): Outcome => 'failed');
      opts.inFlight.delete(item);
      if (outcome === 'ok') item.done = true;
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the plan on a fresh DATA_DIR and answers the figures; the runtime is gone afterwards. */
export async function runChaos(plan: ChaosPlan): Promise<ChaosFigures> {
  const started = performance.now();
  const log = plan.log ?? (() => undefined);
  const run = Date.now().toString(36);
  let rt = await startRuntime();
  const dataDir = rt.dataDir;
  let token = await rt.token({ role: 'coordinator', networkId: 'demo' });
  const outboxDir = join(dataDir, 'outbox');
  mkdirSync(outboxDir, { recursive: true });
  const kills: KillRecord[] = [];
  const spread = <T>(all: T[], phases: number) =>
    Array.from({ length: phases }, (_, p) => all.filter((_, i) => i % phases === p));
  const forms = Array.from({ length: plan.forms }, (_, i) => formItem(run, i));
  const creates = Array.from({ length: plan.creates }, (_, i) => createItem(run, i, () => token));
  const mails = Array.from({ length: plan.mails }, (_, i) => mailItem(run, i));
  const phases = plan.kills.length + 1;
  const [formSlices, createSlices, mailSlices] = [
    spread(forms, phases),
    spread(creates, phases),
    spread(mails, phases),
  ];
  try {
    for (let phase = 0; phase < phases; phase++) {
      const point = plan.kills[phase];
      const inFlight = new Set<Item>();
      let killed = false;
      let midBurst = false;
      let inFlightAtKill = 0;
      const proc = rt;
      const kill = () => {
        if (killed || !point) return;
        killed = true;
        inFlightAtKill = inFlight.size;
        proc.kill('SIGKILL');
      };
      const trigger = (why: boolean) => {
        if (why && !killed) {
          midBurst = true;
          kill();
        }
      };
      // the kill points: a form post in flight, an SMTP DATA under way, the outbox writing a mail
      let formsStarted = 0;
      const formSlice = formSlices[phase]!;
      const killAfterForms = Math.max(1, Math.floor(formSlice.length / 3));
      let watcher: ReturnType<typeof watch> | undefined;
      if (point === 'outbox-sending') {
        watcher = watch(outboxDir, (_event, file) => trigger(!!file?.endsWith('.eml')));
      }
      const onStart = (item: Item) => {
        if (point === 'form-posts' && item.kind === 'form' && ++formsStarted === killAfterForms) {
          setTimeout(() => trigger(true), Math.random() * 30);
        }
      };
      const mailSlice = mailSlices[phase]!;
      const armed = mailSlice[Math.min(1, mailSlice.length - 1)];
      if (point === 'smtp-data' && armed) {
        // the mail's DATA is on the wire, or the intake runs before the 250: kill then
        armed.onData = () => setTimeout(() => trigger(true), 5 + Math.random() * 40);
      }
      const burst = Promise.all([
        pool(formSlice, plan.concurrency, () => proc, {
          stopped: () => killed,
          onStart,
          inFlight,
        }),
        pool(createSlices[phase]!, plan.concurrency, () => proc, {
          stopped: () => killed,
          inFlight,
        }),
        pool(mailSlice, plan.concurrency, () => proc, { stopped: () => killed, inFlight }),
      ]);
      await burst;
      if (armed) armed.onData = undefined;
      if (!point) break;
      if (!killed) {
        // the phase finished before its trigger fired (a fast machine): kill while the outbox sends
        await sleep(50);
        kill();
      }
      watcher?.close();
      await proc.exited;
      const jvm = existsSync(dynamodbPidFile(dataDir))
        ? Number(readFileSync(dynamodbPidFile(dataDir), 'utf8').trim())
        : undefined;
      const record: KillRecord = {
        point,
        midBurst,
        inFlight: inFlightAtKill,
        orphanedJvm: jvm && alive(jvm) ? jvm : undefined,
      };
      kills.push(record);
      log(
        `kill ${kills.length} (${point}${midBurst ? '' : ', after the phase'}): ${inFlightAtKill} in flight`,
      );
      const restart = performance.now();
      rt = await startRuntime([], {}, { dataDir });
      log(`restarted on the same DATA_DIR in ${((performance.now() - restart) / 1000).toFixed(1)} s`);
      token = await rt.token({ role: 'coordinator', networkId: 'demo' });
      if (record.orphanedJvm) record.jvmStoppedByNextStart = !alive(record.orphanedJvm);
    }

    // retry everything that got no success, as a client and a mail server would, until done
    const deadline = Date.now() + (plan.retryMs ?? 60_000);
    for (let round = 0; Date.now() < deadline; round++) {
      const open = [...forms, ...creates, ...mails].filter((i) => !i.done);
      if (open.length === 0) break;
      if (round > 0) await sleep(Math.min(2000, 200 * 2 ** round));
      log(`retry round ${round + 1}: ${open.length} without success`);
      await pool(open, plan.concurrency, () => rt, { stopped: () => false, inFlight: new Set() });
    }
    log('checking');
    const figures = await check(rt, token, { forms, creates, mails }, outboxDir);
    const attempts = [...forms, ...creates, ...mails].reduce((n, i) => n + i.attempts, 0);
    await rt.stop();
    const leftovers = await rt.gone();
    return {
      sent: { forms: plan.forms, creates: plan.creates, mails: plan.mails },
      attempts,
      kills,
      ...figures,
      leftovers,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
  } finally {
    rt.killAll();
    await rt.gone(5000);
    removeDataDir(rt);
  }
}

/** Every .eml the runtime's outbox holds, with its recipients and Message-ID. */
async function readOutbox(dir: string) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
  return Promise.all(files.map(async (f) => ({ mail: await PostalMime.parse(readFileSync(join(dir, f))) })));
}

async function listAll(rt: RunningRuntime, token: string, path: string) {
  const items: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await rt.api('GET', `${path}${sep}limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token });
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    const page = (await res.json()) as { items: Record<string, unknown>[]; cursor?: string };
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
}

async function check(
  rt: RunningRuntime,
  token: string,
  items: { forms: Item[]; creates: Item[]; mails: Item[] },
  outboxDir: string,
): Promise<Pick<ChaosFigures, 'lost' | 'duplicated' | 'quarantined' | 'acknowledgements'>> {
  const lost: string[] = [];
  const duplicated: string[] = [];
  for (const item of [...items.forms, ...items.creates, ...items.mails]) {
    if (!item.done) lost.push(`${item.email}: no success after ${item.attempts} attempts`);
  }
  const inquiries = await listAll(rt, token, '/inquiries');
  const quarantine = await listAll(rt, token, '/quarantine');
  const perCustomer = new Map<string, number>();
  for (const i of inquiries) {
    const email = (i.customer as { email: string }).email;
    perCustomer.set(email, (perCustomer.get(email) ?? 0) + 1);
  }
  const quarantinedFrom = new Set(
    quarantine.map((q) => (q.from as { address?: string } | undefined)?.address),
  );
  let quarantined = 0;
  for (const item of [...items.forms, ...items.creates, ...items.mails]) {
    const n = perCustomer.get(item.email) ?? 0;
    if (n > 1) duplicated.push(`${item.email}: ${n} inquiries`);
    if (n === 0 && item.kind === 'mail' && quarantinedFrom.has(item.email)) quarantined++;
    else if (n === 0 && item.done) lost.push(`${item.email}: accepted, but no inquiry`);
  }
  // every new inquiry (form, mail, or recorded by the coordinator) is acknowledged once: wait for
  // the outbox to send them all
  const acked = [...items.forms, ...items.creates, ...items.mails]
    .filter((i) => perCustomer.has(i.email))
    .map((i) => i.email);
  const mailsTo = async () => {
    const sent = await readOutbox(outboxDir);
    const to = new Map<string, number>();
    for (const m of sent) {
      for (const a of m.mail.to ?? []) to.set(a.address ?? '', (to.get(a.address ?? '') ?? 0) + 1);
    }
    return { sent, to };
  };
  let outbox = await mailsTo();
  for (const until = Date.now() + 30_000; Date.now() < until; ) {
    if (acked.every((e) => outbox.to.has(e))) break;
    await sleep(200);
    outbox = await mailsTo();
  }
  for (const email of acked) {
    const n = outbox.to.get(email) ?? 0;
    if (n === 0) lost.push(`${email}: no acknowledgement`);
    if (n > 1) duplicated.push(`${email}: ${n} acknowledgements`);
  }
  const byMessageId = new Map<string, number>();
  for (const { mail } of outbox.sent) {
    const id = mail.messageId ?? '';
    byMessageId.set(id, (byMessageId.get(id) ?? 0) + 1);
  }
  for (const [id, n] of byMessageId) if (n > 1) duplicated.push(`${id}: sent ${n} times`);
  // the mails to customers (the rest: notices to the network's contact person)
  const acknowledgements = acked.reduce((n, email) => n + (outbox.to.get(email) ?? 0), 0);
  return { lost, duplicated, quarantined, acknowledgements };
}
