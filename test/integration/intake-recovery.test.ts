import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handler as intake } from '#functions/email-intake/intake.handler';
import { handler as listQuarantine } from '#functions/email-intake/list-quarantine.handler';
import { handler as listUnroutable } from '#functions/email-intake/list-unroutable.handler';
import { handler as release } from '#functions/email-intake/release-quarantined.handler';
import { handler as sweep } from '#functions/email-intake/sweep-claims.handler';
import { handler as getInquiry } from '#functions/inquiries/get-inquiry.handler';
import { handler as listInquiries } from '#functions/inquiries/list-inquiries.handler';
import { db } from '#shared/db/client';
import { mailStorage, RAW_PREFIX } from '#shared/mail/storage';
import { call, claims } from '#test/support/api';
import { fixture, givenMailNetwork, inboxOf, sesEventFor, useMailSandbox } from '#test/support/mail';
import { deliverQueuedMail } from '#test/support/outbox';

const sandbox = useMailSandbox();

const coordinator = claims.coordinator;

async function inquiries(networkId: string) {
  return (
    await call(listInquiries, { method: 'GET', path: '/inquiries?limit=100', claims: coordinator(networkId) })
  ).body.items as { id: string; reference: string; subject: string }[];
}

const detail = async (networkId: string, id: string) =>
  (await call(getInquiry, { method: 'GET', path: `/inquiries/${id}`, claims: coordinator(networkId) })).body;

const quarantine = async (networkId: string) =>
  (await call(listQuarantine, { method: 'GET', path: '/quarantine', claims: coordinator(networkId) })).body
    .items as { mailId: string; quarantine: { reason: string; detail: string } }[];

const acksTo = async (address: string) =>
  (await deliverQueuedMail().then(sandbox.outbox)).filter(
    (m) => m.mail.to?.[0]?.address === address && /Ihre Anfrage/.test(m.mail.subject ?? ''),
  );

/** An SES event for `raw` whose raw source is stored, as SES does before invoking the intake. */
async function received(raw: Uint8Array, networkId: string) {
  const event = sesEventFor(raw, { to: inboxOf(networkId) });
  await mailStorage().putRaw(`${RAW_PREFIX}${event.Records[0]!.ses.mail.messageId}`, raw);
  return event;
}

/** The database fails every call from the first transaction on (`failure` decides how). */
function failFromTheFirstTransaction(failure: () => Error) {
  const send = db.send.bind(db);
  let failing = false;
  return vi.spyOn(db, 'send').mockImplementation((async (command: unknown, ...rest: unknown[]) => {
    if (command instanceof TransactWriteCommand) failing = true;
    if (failing) throw failure();
    return (send as (c: unknown, ...r: unknown[]) => Promise<unknown>)(command, ...rest);
  }) as never);
}

/** Every transaction fails with `failure`; everything else works. */
function failEveryTransaction(failure: () => Error) {
  const send = db.send.bind(db);
  return vi.spyOn(db, 'send').mockImplementation((async (command: unknown, ...rest: unknown[]) => {
    if (command instanceof TransactWriteCommand) throw failure();
    return (send as (c: unknown, ...r: unknown[]) => Promise<unknown>)(command, ...rest);
  }) as never);
}

const killed = () => new Error('process killed');
const throttled = () =>
  Object.assign(new Error('Rate of requests exceeds the allowed throughput'), {
    name: 'ProvisionedThroughputExceededException',
    $metadata: { httpStatusCode: 400 },
  });
const tooLarge = () =>
  Object.assign(new Error('Item size has exceeded the maximum allowed size'), {
    name: 'ValidationException',
    $metadata: { httpStatusCode: 400 },
  });

let clock = Date.now();
/** Moves the clock on by `seconds` (the claims' staleness is judged by it). */
function later(seconds: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  clock = Math.max(clock, Date.now()) + seconds * 1000;
  vi.setSystemTime(clock);
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

/** A personal mail with `n` small attachments. */
function mailWithAttachments(n: number) {
  const parts = Array.from(
    { length: n },
    (_, i) =>
      `--b\r\nContent-Type: text/plain; name="anhang-${i + 1}.txt"\r\nContent-Disposition: attachment; filename="anhang-${i + 1}-mit-einem-langen-dateinamen-damit-die-liste-wirklich-gross-wird.txt"\r\n\r\nTeil ${i + 1}\r\n`,
  ).join('');
  return Buffer.from(
    'From: Eva Huber <eva@kundin.example>\r\nTo: x@y\r\nSubject: Pläne für den Umbau\r\n' +
      `Message-ID: <plans-${n}@kundin.example>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n` +
      '--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nAnbei alle Pläne.\r\n' +
      parts +
      '--b--\r\n',
  );
}

const plain = (messageId: string, subject: string, extra = '') =>
  Buffer.from(
    `From: Max Gruber <max@kunde.example>\r\nTo: x@y\r\nSubject: ${subject}\r\nMessage-ID: ${messageId}\r\n${extra}Content-Type: text/plain; charset=utf-8\r\n\r\nBitte um Rückruf zum Thema ${subject}.\r\n`,
  );

describe('e-mail intake after a crash', () => {
  it('answers a redelivery that meets a fresh claim with a temporary failure, and the sweeper finishes the mail', async () => {
    // Prepare: the invocation dies in the middle, its claim stays fresh
    await givenMailNetwork('crash');
    const event = await received(fixture('01-plain-text.eml'), 'crash');
    const crash = failFromTheFirstTransaction(killed);
    await expect(intake(structuredClone(event))).rejects.toThrow();
    crash.mockRestore();
    // Act: SES/Lambda redeliver inside the stale window; later the sweeper runs
    const redelivery = intake(structuredClone(event));
    await expect(redelivery).rejects.toThrow(/being processed/);
    later(120);
    const swept = await sweep();
    const again = await intake(structuredClone(event));
    // Assess
    expect(swept.outcomes).toEqual([expect.objectContaining({ outcome: 'inquiry', networkId: 'crash' })]);
    expect(again.outcomes.map((o) => o.outcome)).toEqual(['duplicate']);
    expect(await inquiries('crash')).toHaveLength(1);
    expect(await acksTo('k.berger@gmx.example')).toHaveLength(1);
  });

  it('leaves nothing claimed for ever: after repeated failures the mail is quarantined, releasable', async () => {
    // Prepare: every attempt fails temporarily (the database throttles each transaction)
    await givenMailNetwork('stuck');
    const event = await received(plain('<stuck-1@kunde.example>', 'Dachrinne'), 'stuck');
    const throttle = failEveryTransaction(throttled);
    await expect(intake(structuredClone(event))).rejects.toThrow(/throughput/);
    // Act: the sweeper keeps retrying from the raw source
    const runs = [];
    for (let i = 0; i < 6; i++) {
      later(120);
      runs.push(await sweep());
    }
    throttle.mockRestore();
    const held = await quarantine('stuck');
    const released = await call(release, {
      method: 'POST',
      path: `/quarantine/${held[0]?.mailId}/release`,
      claims: coordinator('stuck'),
    });
    // Assess
    expect(runs.at(-1)?.swept).toBe(0);
    expect(held).toEqual([
      expect.objectContaining({
        quarantine: { reason: 'processing-failed', detail: expect.stringMatching(/attempts.*throughput/) },
      }),
    ]);
    expect(released.status).toBe(200);
    expect(await inquiries('stuck')).toEqual([expect.objectContaining({ subject: 'Dachrinne' })]);
  });
});

describe('e-mail intake: mail that cannot be processed ends in quarantine, never as a permanent failure', () => {
  it('makes an inquiry of a mail with 2,000 attachments, listing the first 100 and counting the rest', async () => {
    // Prepare
    await givenMailNetwork('many');
    const event = await received(mailWithAttachments(2000), 'many');
    // Act
    const { outcomes } = await intake(event);
    // Assess
    const [o] = outcomes;
    if (o?.outcome !== 'inquiry') throw new Error(`expected an inquiry, got ${JSON.stringify(o)}`);
    const { timeline } = await detail('many', o.inquiryId);
    expect(timeline[0].data.attachments).toHaveLength(100);
    expect(timeline[0].data).toMatchObject({ attachmentCount: 2000, attachmentsInRawSourceOnly: 1900 });
  });

  it('threads a mail whose Message-ID belongs to another inquiry by its references; the Message-ID stays where it was', async () => {
    // Prepare: two inquiries; the third mail reuses the second's Message-ID but answers the first
    await givenMailNetwork('reuse');
    const first = (await intake(await received(plain('<a@kunde.example>', 'Fenster'), 'reuse'))).outcomes[0];
    const second = (await intake(await received(plain('<b@kunde.example>', 'Türen'), 'reuse'))).outcomes[0];
    const reused = plain('<b@kunde.example>', 'Re: Fenster', 'In-Reply-To: <a@kunde.example>\r\n');
    // Act
    const { outcomes } = await intake(await received(reused, 'reuse'));
    const followUp = plain('<c@kunde.example>', 'Re: Türen', 'In-Reply-To: <b@kunde.example>\r\n');
    const next = (await intake(await received(followUp, 'reuse'))).outcomes[0];
    // Assess
    if (first?.outcome !== 'inquiry' || second?.outcome !== 'inquiry') throw new Error('expected inquiries');
    expect(outcomes).toEqual([expect.objectContaining({ outcome: 'message', inquiryId: first.inquiryId })]);
    expect(next).toMatchObject({ outcome: 'message', inquiryId: second.inquiryId });
    expect(await inquiries('reuse')).toHaveLength(2);
  });

  it('quarantines a mail that fails for a reason a retry cannot cure as processing-failed, for the coordinator and the operator', async () => {
    // Prepare
    await givenMailNetwork('broken');
    const event = await received(plain('<broken-1@kunde.example>', 'Carport'), 'broken');
    const fail = failEveryTransaction(tooLarge);
    // Act
    const { outcomes } = await intake(structuredClone(event));
    fail.mockRestore();
    const ops = await call(listUnroutable, {
      method: 'GET',
      path: `/unroutable?month=${event.Records[0]!.ses.mail.timestamp.slice(0, 7)}`,
      claims: claims.operator(),
    });
    const released = await call(release, {
      method: 'POST',
      path: `/quarantine/${outcomes[0]?.mailId}/release`,
      claims: coordinator('broken'),
    });
    const opsAfter = await call(listUnroutable, {
      method: 'GET',
      path: '/unroutable',
      claims: claims.operator(),
    });
    // Assess
    expect(outcomes).toEqual([
      expect.objectContaining({ outcome: 'quarantined', reason: 'processing-failed' }),
    ]);
    expect(ops.body.processingFailed).toEqual([
      expect.objectContaining({ networkId: 'broken', mailId: outcomes[0]?.mailId, subject: 'Carport' }),
    ]);
    expect(released.status).toBe(200);
    expect(await inquiries('broken')).toEqual([expect.objectContaining({ subject: 'Carport' })]);
    expect(opsAfter.body.processingFailed).toEqual([]);
  });
});
