import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as submitForm } from '#functions/inquiries/submit-public-inquiry.handler';
import { handler as sendQueued } from '#functions/mail/send-queued.handler';
import { handler as acceptProposal } from '#functions/matching/accept-proposal.handler';
import { handler as requestProposals } from '#functions/matching/request-proposals.handler';
import { createStreamPoller } from '#infra/local/streams';
import { streamConsumers } from '#infra/streams';
import { db, tableName } from '#shared/db/client';
import { networkPk } from '#shared/db/keys';
import { queryPrefix } from '#shared/db/query';
import { MAIL_OUT_PREFIX, queueMail } from '#shared/mail/outbox';
import { usageMonth } from '#shared/metering/events';
import { usageKey } from '#shared/metering/store';
import { freePort } from '#test/global-setup';
import { call, claims } from '#test/support/api';
import { givenInquiry, givenMatchingNetwork, givenPartner } from '#test/support/matching';
import { deliverQueuedMail } from '#test/support/outbox';

// Outbound mail goes to an SMTP relay this file runs: it can refuse a recipient, like a real one.
const smtpPort = await freePort();
process.env.MAIL_TRANSPORT = 'smtp';
process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
process.env.MAIL_DOMAIN = 'inbound.verbund.test';

interface Received {
  to: string[];
  subject: string;
  messageId: string;
  text: string;
}
const received: Received[] = [];
/** Recipients the relay answers `451` (try again later) for, as long as they are in here. */
const refused = new Set<string>();

const relay = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  onRcptTo(address, _session, callback) {
    if (refused.has(address.address)) {
      const err = Object.assign(new Error('mailbox busy, try again later'), { responseCode: 451 });
      return callback(err);
    }
    callback();
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', async () => {
      const mail = await PostalMime.parse(Buffer.concat(chunks));
      received.push({
        to: session.envelope.rcptTo.map((r) => r.address),
        subject: mail.subject ?? '',
        messageId: mail.messageId ?? '',
        text: mail.text ?? '',
      });
      callback();
    });
  },
});

beforeAll(async () => {
  await new Promise<void>((resolve) => relay.listen(smtpPort, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise<void>((resolve) => relay.close(() => resolve()));
});

const mailsTo = (address: string) => received.filter((m) => m.to.includes(address));

async function emailsSent(networkId: string): Promise<number> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: usageKey(networkId, usageMonth()) }));
  return Number(out.Item?.emailsSent ?? 0);
}

/** The network's outbox items: one Query on its partition's `MAILOUT#` prefix. */
const outboxOf = (networkId: string) => queryPrefix(networkPk(networkId), MAIL_OUT_PREFIX);

/** A DynamoDB Streams event as Lambda delivers it: an INSERT with the item's new image. */
function insertEvent(items: Record<string, unknown>[]) {
  return {
    Records: items.map((item, i) => ({
      eventID: `e${i}`,
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      dynamodb: {
        SequenceNumber: String(1000 + i),
        Keys: marshall({ pk: item.pk, sk: item.sk }),
        NewImage: marshall(item),
        StreamViewType: 'NEW_IMAGE',
      },
    })),
  };
}

/**
 * Makes the Lambda "die" right after the transaction that queued a mail committed: the next
 * TransactWriteItems with a mail-out item succeeds in DynamoDB, then the call throws.
 */
function crashAfterNextQueuedWrite() {
  let armed = true;
  const name = `crash-${Math.random()}`;
  db.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      const input = JSON.stringify((args as { input?: unknown }).input ?? {});
      if (armed && input.includes('TransactItems') && input.includes(MAIL_OUT_PREFIX)) {
        armed = false;
        db.middlewareStack.remove(name);
        throw new Error('the Lambda died right after its write');
      }
      return out;
    },
    { step: 'initialize', name },
  );
}

describe('mail outbox: queued with the change, sent by the stream consumer', () => {
  it('sends the acknowledgement although the form Lambda died right after its transaction', async () => {
    // Prepare
    await givenMatchingNetwork('crash');
    crashAfterNextQueuedWrite();
    // Act: the form's Lambda dies after committing the inquiry (and, with it, the queued mail)
    const res = await call(submitForm, {
      method: 'POST',
      path: '/public/crash-slug/inquiries',
      body: {
        customer: { name: 'Clara Absturz', email: 'clara@kunde.example' },
        text: 'Bitte um ein Angebot für eine Terrasse aus Holz.',
        consent: true,
      },
    });
    expect(res.status).toBe(500);
    expect(mailsTo('clara@kunde.example')).toEqual([]);
    await deliverQueuedMail();
    // Assess: the customer has the acknowledgement of the inquiry that was stored
    const [ack] = mailsTo('clara@kunde.example');
    expect(ack?.subject).toMatch(/^\[[A-Z]+-\d{4}-0001 #[0-9a-z]{8}\] Ihre Anfrage/);
    const [item] = await outboxOf('crash');
    expect(item).toMatchObject({
      status: 'sent',
      messageId: ack!.messageId,
      id: expect.stringMatching(/^ack-/),
    });
    // the acknowledgement and the contact person's notice of the new inquiry
    expect(await emailsSent('crash')).toBe(2);
  });

  it('sends the team its job mails although the accept Lambda died right after booking', async () => {
    // Prepare
    await givenMatchingNetwork('jobcrash');
    await givenPartner('jobcrash', 'jc-tischler', { carpentry: 5 });
    const inquiry = await givenInquiry('jobcrash', {
      competences: [{ competenceId: 'carpentry', hours: 20 }],
    });
    const run = await call(requestProposals, {
      method: 'POST',
      path: `/inquiries/${inquiry.id}/proposals`,
      claims: claims.coordinator('jobcrash'),
      body: {},
    });
    crashAfterNextQueuedWrite();
    // Act
    const res = await call(acceptProposal, {
      method: 'POST',
      path: `/inquiries/${inquiry.id}/proposals/${run.body.proposals[0].id}/accept`,
      claims: claims.coordinator('jobcrash'),
      body: {},
    });
    expect(res.status).toBe(500);
    await deliverQueuedMail();
    // Assess
    const jobMails = mailsTo('jc-tischler@firm.example');
    expect(jobMails.map((m) => m.subject)).toEqual([
      `[${inquiry.reference}] Auftrag (Lead): Dachausbau mit Bad`,
    ]);
    expect(jobMails[0]!.text).toContain('Tischlerei | 20');
  });

  it('does not send again when the stream delivers a batch of mail that went out already', async () => {
    // Prepare: one mail queued and sent
    const { id } = await queueMail('redo', {
      from: { name: 'Netzwerk redo', address: 'redo@inbound.verbund.test' },
      to: [{ address: 'once@kunde.example' }],
      subject: 'Nur einmal',
      text: 'Diese Nachricht kommt genau einmal an.',
    });
    const [queued] = await outboxOf('redo');
    const event = insertEvent([queued!]);
    const first = await sendQueued(event);
    // Act: the same batch again (a retry of the event source mapping)
    const again = await sendQueued(structuredClone(event));
    await deliverQueuedMail();
    // Assess
    expect(first).toEqual({ batchItemFailures: [] });
    expect(again).toEqual({ batchItemFailures: [] });
    expect(mailsTo('once@kunde.example')).toHaveLength(1);
    expect((await outboxOf('redo'))[0]).toMatchObject({ id, status: 'sent', sentAt: expect.any(String) });
    expect(await emailsSent('redo')).toBe(1);
  });

  it('keeps a mail the relay refuses queued and reports it, while the rest of the batch goes out', async () => {
    // Prepare
    refused.add('busy@kunde.example');
    const from = { name: 'Netzwerk fail', address: 'fail@inbound.verbund.test' };
    await queueMail(
      'fail',
      { from, to: [{ address: 'busy@kunde.example' }], subject: 'A', text: 'a' },
      { id: 'a' },
    );
    await queueMail(
      'fail',
      { from, to: [{ address: 'ok@kunde.example' }], subject: 'B', text: 'b' },
      { id: 'b' },
    );
    const items = await outboxOf('fail');
    // Act
    const result = await sendQueued(insertEvent(items));
    // Assess: the refused one is reported by its sequence number and still queued; the other went
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '1000' }] });
    expect(mailsTo('ok@kunde.example').map((m) => m.subject)).toEqual(['B']);
    expect(mailsTo('busy@kunde.example')).toEqual([]);
    const after = await outboxOf('fail');
    expect(after.map((i) => [i.id, i.status])).toEqual([
      ['a', 'queued'],
      ['b', 'sent'],
    ]);
    expect(await emailsSent('fail')).toBe(1);
    // and once the relay takes it again, the stream's retry delivers it
    refused.delete('busy@kunde.example');
    await deliverQueuedMail();
    expect(mailsTo('busy@kunde.example').map((m) => m.subject)).toEqual(['A']);
    expect(await emailsSent('fail')).toBe(2);
  });

  it('turns away a stream record that is not a mail-out item it can read', async () => {
    const bad = insertEvent([
      { pk: 'NET#x', sk: 'MAILOUT#broken', entity: 'mail-out', status: 'queued', v: 1 },
    ]);
    const result = await sendQueued(bad);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '1000' }] });
    await expect(sendQueued({ Records: [{ dynamodb: {} }] })).rejects.toThrow();
  });
});

describe('local stream poller (Lambda event source mapping stand-in)', () => {
  const poller = (dataDir: string) =>
    createStreamPoller({
      dataDir,
      root: process.cwd(),
      endpoint: process.env.DYNAMODB_ENDPOINT!,
      tableName,
      consumers: streamConsumers,
      backoffMs: 5,
    });
  const from = { name: 'Netzwerk poll', address: 'poll@inbound.verbund.test' };

  it('resumes after a restart where it stopped: sends what was queued meanwhile, nothing twice', async () => {
    // Prepare: a mail sent by a first run
    const dataDir = mkdtempSync(join(tmpdir(), 'verbund-poller-'));
    await queueMail('poll', { from, to: [{ address: 'first@kunde.example' }], subject: '1', text: 'eins' });
    const first = poller(dataDir);
    await first.drain();
    await first.stop();
    expect(mailsTo('first@kunde.example')).toHaveLength(1);
    // a mail queued while it is stopped
    await queueMail('poll', { from, to: [{ address: 'second@kunde.example' }], subject: '2', text: 'zwei' });
    // Act: start again on the same data
    const second = poller(dataDir);
    const resumed = await second.drain();
    await second.stop();
    // Assess
    expect(mailsTo('first@kunde.example')).toHaveLength(1);
    expect(mailsTo('second@kunde.example')).toHaveLength(1);
    // even a poller that lost its checkpoints reads from the horizon and sends nothing again
    const fresh = poller(mkdtempSync(join(tmpdir(), 'verbund-poller-')));
    const fromHorizon = await fresh.drain();
    await fresh.stop();
    expect(mailsTo('first@kunde.example')).toHaveLength(1);
    expect(mailsTo('second@kunde.example')).toHaveLength(1);
    // the restarted poller read from its checkpoint on, not the whole stream again
    expect(resumed).toBeLessThan(fromHorizon);
  });

  it('retries a mail the relay keeps refusing, then dead-letters it and goes on with the next', async () => {
    // Prepare
    const dataDir = mkdtempSync(join(tmpdir(), 'verbund-poller-'));
    const p = poller(dataDir);
    await p.drain();
    refused.add('never@kunde.example');
    await queueMail('poll', { from, to: [{ address: 'never@kunde.example' }], subject: 'nie', text: 'x' });
    await queueMail('poll', { from, to: [{ address: 'after@kunde.example' }], subject: 'danach', text: 'y' });
    // Act
    await p.drain();
    await p.stop();
    refused.delete('never@kunde.example');
    // Assess: one dead letter naming the mail; the next mail went out; the item is still queued
    const letters = readdirSync(join(dataDir, 'streams', 'dead-letter'));
    expect(letters).toHaveLength(1);
    const letter = JSON.parse(readFileSync(join(dataDir, 'streams', 'dead-letter', letters[0]!), 'utf8'));
    expect(letter).toMatchObject({ consumer: 'send-queued-mail', error: 'reported in batchItemFailures' });
    expect(JSON.stringify(letter.record)).toContain('never@kunde.example');
    expect(mailsTo('after@kunde.example')).toHaveLength(1);
    expect(mailsTo('never@kunde.example')).toEqual([]);
    const never = (await outboxOf('poll')).find((i) => JSON.stringify(i).includes('never@kunde.example'));
    expect(never?.status).toBe('queued');
  });
});
