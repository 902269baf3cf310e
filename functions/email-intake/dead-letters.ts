import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ENV } from '#shared/env-names';
import { logger } from '#shared/log';

/**
 * Intake events that died before they claimed their mail: Lambda retried the asynchronous SES
 * invocation twice and then put it into the dead-letter queue (an on-failure destination record
 * with the event as `requestPayload`). The mail never got a claim, so the claim sweeper cannot
 * see it; it redrives these events instead (the intake's claims make a re-run of a mail that
 * was processed after all a no-op). Locally the SMTP stand-in keeps each event under
 * `DATA_DIR/mail/pending/` until the intake took it (infra/local/smtp.ts): a file older than
 * an invocation can run is the local dead letter.
 */
export interface DeadLetter {
  /** What to hand back to `remove` (SQS receipt handle, or the file's path). */
  handle: string;
  body: string;
  /** How often it was received from the queue before (SQS `ApproximateReceiveCount`). */
  receiveCount: number;
}

export interface DeadLetterQueue {
  receive(max: number): Promise<DeadLetter[]>;
  remove(letter: DeadLetter): Promise<void>;
}

/** A pending local event older than this belongs to an intake that died or failed (timeout 60 s). */
export const LOCAL_DEAD_AFTER_MS = 120_000;

/** The SES event a dead letter carries: an on-failure destination record, or a local pending file. */
export function sesEventOf(body: string): { Records: { ses: unknown }[] } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const record = parsed as { requestPayload?: unknown; event?: unknown } | null;
  const payload = (record?.requestPayload ?? record?.event) as { Records?: { ses?: unknown }[] } | undefined;
  const records = payload?.Records;
  if (!Array.isArray(records) || records.length === 0 || !records.every((r) => r?.ses)) return undefined;
  return payload as { Records: { ses: unknown }[] };
}

export interface RedriveResult {
  redriven: number;
  failed: number;
  /** Letters that are no intake event (a sweeper run the scheduler could not deliver): left for the operator. */
  skipped: number;
}

/**
 * Runs the intake again for each dead-lettered event; one that goes through leaves the queue,
 * one that fails again stays (in AWS it comes back after the visibility timeout, and the
 * queue's alarm keeps the operator informed until it is gone).
 */
export async function redriveDeadLetters(
  queue: DeadLetterQueue,
  runIntake: (event: unknown) => Promise<unknown>,
  max = 10,
): Promise<RedriveResult> {
  const result: RedriveResult = { redriven: 0, failed: 0, skipped: 0 };
  for (const letter of await queue.receive(max)) {
    const event = sesEventOf(letter.body);
    if (!event) {
      result.skipped++;
      continue;
    }
    try {
      await runIntake(event);
      await queue.remove(letter);
      result.redriven++;
    } catch (err) {
      result.failed++;
      logger.warn('dead-lettered intake event failed again', {
        receiveCount: letter.receiveCount,
        error: (err as Error).message,
      });
    }
  }
  return result;
}

let sqs: SQSClient | undefined;

/** The intake's dead-letter queue in AWS (SQS). */
export function sqsDeadLetters(queueUrl: string): DeadLetterQueue {
  sqs ??= new SQSClient({});
  const client = sqs;
  return {
    async receive(max) {
      const out = await client.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: Math.min(max, 10),
          // long enough for the intake to run on each; a failure comes back after it
          VisibilityTimeout: 600,
          WaitTimeSeconds: 0,
          MessageSystemAttributeNames: ['ApproximateReceiveCount'],
        }),
      );
      return (out.Messages ?? []).map((m) => ({
        handle: m.ReceiptHandle ?? '',
        body: m.Body ?? '',
        receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? 1),
      }));
    },
    async remove(letter) {
      await client.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: letter.handle }));
    },
  };
}

/** The local dead letters: events in `<MAIL_DIR>/pending/` older than an intake can run. */
export function pendingDeadLetters(mailDir: string, now = () => Date.now()): DeadLetterQueue {
  const dir = join(mailDir, 'pending');
  return {
    async receive(max) {
      const files = (await readdir(dir).catch(() => [] as string[]))
        .filter((f) => f.endsWith('.json'))
        .sort();
      const letters: DeadLetter[] = [];
      for (const file of files) {
        if (letters.length >= max) break;
        const path = join(dir, file);
        const info = await stat(path).catch(() => undefined);
        if (!info || now() - info.mtimeMs < LOCAL_DEAD_AFTER_MS) continue;
        const body = await readFile(path, 'utf8').catch(() => undefined);
        if (body !== undefined) letters.push({ handle: path, body, receiveCount: 1 });
      }
      return letters;
    },
    async remove(letter) {
      await rm(letter.handle, { force: true });
    },
  };
}

/** The dead letters of this environment: the SQS queue in AWS, the pending folder locally. */
export function intakeDeadLetters(): DeadLetterQueue {
  const url = process.env[ENV.intakeDeadLettersUrl];
  return url ? sqsDeadLetters(url) : pendingDeadLetters(process.env[ENV.mailDir] || '.data/mail');
}
