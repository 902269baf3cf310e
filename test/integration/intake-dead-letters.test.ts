import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type DeadLetter,
  type DeadLetterQueue,
  pendingDeadLetters,
  redriveDeadLetters,
} from '#functions/email-intake/dead-letters';
import { handler as intake } from '#functions/email-intake/intake.handler';
import { mailIdentity } from '#functions/email-intake/mime';
import { mailKeys } from '#functions/email-intake/store';
import { handler as sweep } from '#functions/email-intake/sweep-claims.handler';
import { handler as listInquiries } from '#functions/inquiries/list-inquiries.handler';
import { db } from '#shared/db/client';
import { mailStorage, RAW_PREFIX } from '#shared/mail/storage';
import { call, claims } from '#test/support/api';
import { fixture, givenMailNetwork, inboxOf, sesEventFor, useMailSandbox } from '#test/support/mail';

const sandbox = useMailSandbox();
const pendingDir = join(sandbox.dir, 'mail', 'pending');

afterEach(() => vi.restoreAllMocks());

const inquiries = async (networkId: string) =>
  (await call(listInquiries, { method: 'GET', path: '/inquiries', claims: claims.coordinator(networkId) }))
    .body.items as { subject: string }[];

/** The queue as Lambda's on-failure destination fills it: one record per failed event. */
function fakeQueue(bodies: string[]): DeadLetterQueue & { left: () => string[] } {
  let letters: DeadLetter[] = bodies.map((body, i) => ({ handle: `h${i}`, body, receiveCount: 1 }));
  return {
    receive: async (max) => letters.slice(0, max),
    remove: async (letter) => {
      letters = letters.filter((l) => l.handle !== letter.handle);
    },
    left: () => letters.map((l) => l.body),
  };
}

/** An on-failure destination record (Lambda async invocation) for `event`. */
const onFailureRecord = (event: unknown) =>
  JSON.stringify({
    version: '1.0',
    timestamp: new Date().toISOString(),
    requestContext: { requestId: 'r-1', condition: 'RetriesExhausted', approximateInvokeCount: 3 },
    requestPayload: event,
    responseContext: { statusCode: 200, functionError: 'Unhandled' },
    responsePayload: { errorType: 'Error', errorMessage: 'the database did not answer' },
  });

/** The intake dies before it claims anything: every database call fails, as when DynamoDB is down. */
function databaseDown() {
  return vi.spyOn(db, 'send').mockImplementation((async () => {
    throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
  }) as never);
}

describe('intake events that died before they claimed their mail are redriven', () => {
  it('re-runs a dead-lettered SES event: the mail becomes its inquiry, the letter leaves the queue', async () => {
    // Prepare: the intake failed three times with the database down (no claim was written)
    await givenMailNetwork('dlq');
    const raw = fixture('01-plain-text.eml');
    const event = sesEventFor(raw, { to: inboxOf('dlq') });
    await mailStorage().putRaw(`${RAW_PREFIX}${event.Records[0]!.ses.mail.messageId}`, raw);
    const down = databaseDown();
    await expect(intake(event)).rejects.toThrow(/ECONNREFUSED/);
    down.mockRestore();
    const claim = await db.send(
      new GetCommand({ TableName: process.env.TABLE_NAME, Key: mailKeys.mail('dlq', mailIdentity(raw)) }),
    );
    expect(claim.Item).toBeUndefined();
    const queue = fakeQueue([onFailureRecord(event), onFailureRecord(event), '{"sweeper":"run"}']);
    // Act
    const result = await redriveDeadLetters(queue, intake);
    // Assess: one inquiry (the second copy is a duplicate), the sweeper's letter stays for the operator
    expect(result).toEqual({ redriven: 2, failed: 0, skipped: 1 });
    expect((await inquiries('dlq')).map((i) => i.subject)).toEqual(['Anfrage Dachgeschossausbau']);
    expect(queue.left()).toEqual(['{"sweeper":"run"}']);
  });

  it('keeps a letter whose intake fails again, for the next run', async () => {
    await givenMailNetwork('again');
    const event = sesEventFor(fixture('02-multipart-alternative.eml'), { to: inboxOf('again') });
    // the raw source is not (yet) in the store: the intake fails before claiming
    const queue = fakeQueue([onFailureRecord(event)]);
    const first = await redriveDeadLetters(queue, intake);
    expect(first).toEqual({ redriven: 0, failed: 1, skipped: 0 });
    expect(queue.left()).toHaveLength(1);
    await mailStorage().putRaw(
      `${RAW_PREFIX}${event.Records[0]!.ses.mail.messageId}`,
      fixture('02-multipart-alternative.eml'),
    );
    const second = await redriveDeadLetters(queue, intake);
    expect(second).toEqual({ redriven: 1, failed: 0, skipped: 0 });
    expect((await inquiries('again')).map((i) => i.subject)).toEqual(['Kostenvoranschlag Badsanierung']);
  });

  it('lets the scheduled sweeper redrive what the local SMTP stand-in left pending, once it is old enough', async () => {
    // Prepare: an event the SMTP stand-in kept while its intake failed (as infra/local/smtp.ts writes it)
    await givenMailNetwork('local');
    const raw = fixture('04-rfc2047-subject-sender.eml');
    const event = sesEventFor(raw, { to: inboxOf('local') });
    const messageId = event.Records[0]!.ses.mail.messageId;
    await mailStorage().putRaw(`${RAW_PREFIX}${messageId}`, raw);
    mkdirSync(pendingDir, { recursive: true });
    const old = join(pendingDir, `${messageId}.json`);
    writeFileSync(old, JSON.stringify({ event }));
    const fresh = join(pendingDir, 'in-flight.json');
    writeFileSync(fresh, JSON.stringify({ event }));
    const threeMinutesAgo = new Date(Date.now() - 180_000);
    utimesSync(old, threeMinutesAgo, threeMinutesAgo);
    // Act
    const run = await sweep();
    // Assess: the old event went through; one still in flight is not touched
    expect(run.deadLetters).toEqual({ redriven: 1, failed: 0, skipped: 0 });
    expect((await inquiries('local')).map((i) => i.subject)).toEqual(['Lüftung und Küche – Anfrage']);
    expect(readdirSync(pendingDir)).toEqual(['in-flight.json']);
  });

  it('reads only pending events older than an intake can run', async () => {
    const mailDir = join(sandbox.dir, 'other-mail');
    mkdirSync(join(mailDir, 'pending'), { recursive: true });
    writeFileSync(join(mailDir, 'pending', 'a.json'), '{}');
    writeFileSync(join(mailDir, 'pending', 'b.json'), '{}');
    const now = Date.now();
    expect(await pendingDeadLetters(mailDir, () => now).receive(10)).toEqual([]);
    expect(await pendingDeadLetters(mailDir, () => now + 121_000).receive(10)).toHaveLength(2);
    expect(await pendingDeadLetters(mailDir, () => now + 121_000).receive(1)).toHaveLength(1);
  });
});
