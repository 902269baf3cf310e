import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { newId } from '#shared/ids';
import { mailStorage, RAW_PREFIX } from '#shared/mail/storage';
import { lambdaContext } from './api-event';
import { localVerdicts, sesReceiptEvent } from './ses-event';

/** SES accepts messages up to 40 MB; larger ones are refused during the SMTP dialogue there too. */
export const MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

type IntakeHandler = (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;

/**
 * Folders under DATA_DIR/mail for events not yet through the intake: `pending/` holds each
 * event while it runs (left behind when the process dies), `failed/` what older runs noted.
 * Both are replayed at start; the intake's dedupe makes a replay of a finished mail a no-op.
 */
const LEFTOVER_DIRS = ['pending', 'failed'];

/**
 * The local stand-in for SES inbound: accepts any recipient (unknown ones end as unroutable
 * items, never as SMTP rejects), judges it as SES would from test headers and the EICAR string
 * (`localVerdicts`: spam, virus, SPF, DKIM, DMARC), stores the raw message under `raw/<id>` in the mail store
 * (DATA_DIR/mail) and invokes the SAME intake handler with an SES-shaped event. 250 only once
 * the intake has the message in the database; when it cannot (the database is down, or another
 * delivery of the same message is in flight) the answer is 451 and the client retries, as from
 * any mail server. At start, events a killed or failed run left under DATA_DIR/mail/pending
 * (and the older DATA_DIR/mail/failed) are processed again.
 */
export async function startSmtpServer(opts: {
  host: string;
  port: number;
  dataDir: string;
  log?: (line: string) => void;
}): Promise<{ url: string; port: number; replayed: number; stop: () => Promise<void> }> {
  const { handler } = (await import('#functions/email-intake/intake.handler')) as {
    handler: IntakeHandler;
  };
  const pendingDir = join(opts.dataDir, 'mail', 'pending');
  await mkdir(pendingDir, { recursive: true });
  const replayed = await replayLeftovers(opts.dataDir, handler, opts.log);
  const running = new Set<Promise<void>>();

  async function receive(raw: Buffer, envelopeFrom: string, recipients: string[]): Promise<string> {
    const messageId = newId();
    const event = sesReceiptEvent({ messageId, raw, envelopeFrom, recipients, verdicts: localVerdicts(raw) });
    await mailStorage().putRaw(`${RAW_PREFIX}${messageId}`, raw);
    const pending = join(pendingDir, `${messageId}.json`);
    await writeFile(pending, JSON.stringify({ event }));
    try {
      await handler(event, lambdaContext('email-intake', messageId));
    } catch (err) {
      opts.log?.(`mail intake failed for ${messageId} (451, kept for a replay): ${(err as Error).message}`);
      throw err;
    }
    await rm(pending, { force: true });
    return messageId;
  }

  const server = new SMTPServer({
    name: 'verbund.local',
    banner: 'Verbund local mail intake',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', callback);
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          const err = Object.assign(new Error('message exceeds the 40 MB limit'), { responseCode: 552 });
          return callback(err);
        }
        const from = session.envelope.mailFrom;
        const recipients = session.envelope.rcptTo.map((r) => r.address);
        const job = receive(Buffer.concat(chunks), from ? from.address : '', recipients).then(
          (messageId) => {
            opts.log?.(`SMTP ${recipients.join(', ')} → queued as ${messageId}`);
            callback(null, `Ok: queued as ${messageId}`);
          },
          () =>
            callback(
              Object.assign(new Error('temporary failure, the message was not accepted; try again later'), {
                responseCode: 451,
              }),
            ),
        );
        running.add(job);
        void job.finally(() => running.delete(job));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    url: `smtp://${opts.host}:${port}`,
    port,
    replayed,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...running]);
    },
  };
}

/**
 * Runs the intake again for every event a previous run left (killed mid-intake, or failed);
 * an event that fails again stays in `pending/` for the next start. Returns how many went through.
 */
async function replayLeftovers(
  dataDir: string,
  handler: IntakeHandler,
  log?: (line: string) => void,
): Promise<number> {
  let done = 0;
  for (const dir of LEFTOVER_DIRS.map((d) => join(dataDir, 'mail', d))) {
    const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.json')).sort();
    for (const file of files) {
      const path = join(dir, file);
      try {
        const { event } = JSON.parse(await readFile(path, 'utf8')) as { event: unknown };
        await handler(event, lambdaContext('email-intake', file.replace(/\.json$/, '')));
        await rm(path, { force: true });
        done++;
      } catch (err) {
        log?.(`replay of ${file} failed, kept for the next start: ${(err as Error).message}`);
        if (!dir.endsWith('pending')) {
          await rename(path, join(dataDir, 'mail', 'pending', file)).catch(() => undefined);
        }
      }
    }
  }
  if (done > 0) log?.(`SMTP: ${done} message(s) left by an earlier run processed`);
  return done;
}
