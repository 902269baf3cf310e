import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { newId } from '#shared/ids';
import { mailStorage, RAW_PREFIX } from '#shared/mail/storage';
import { lambdaContext } from './api-event';
import { sesReceiptEvent } from './ses-event';

/** SES accepts messages up to 40 MB; larger ones are refused during the SMTP dialogue there too. */
export const MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

type IntakeHandler = (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;

/**
 * The local stand-in for SES inbound: accepts any recipient (unknown ones end as unroutable
 * items, never as SMTP rejects), stores the raw message under `raw/<id>` in the mail store
 * (DATA_DIR/mail) and invokes the SAME intake handler with an SES-shaped event. A handler
 * failure is answered 250 all the same (the raw message is kept, as SES would have) and noted
 * under DATA_DIR/mail/failed, the local dead-letter queue.
 */
export async function startSmtpServer(opts: {
  host: string;
  port: number;
  dataDir: string;
  log?: (line: string) => void;
}): Promise<{ url: string; port: number; stop: () => Promise<void> }> {
  const { handler } = (await import('#functions/email-intake/intake.handler')) as {
    handler: IntakeHandler;
  };
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
        const raw = Buffer.concat(chunks);
        const messageId = newId();
        const from = session.envelope.mailFrom;
        const event = sesReceiptEvent({
          messageId,
          raw,
          envelopeFrom: from ? from.address : '',
          recipients: session.envelope.rcptTo.map((r) => r.address),
        });
        mailStorage()
          .putRaw(`${RAW_PREFIX}${messageId}`, raw)
          .then(async () => {
            try {
              await handler(event, lambdaContext('email-intake', messageId));
            } catch (err) {
              opts.log?.(`mail intake failed for ${messageId}: ${(err as Error).stack ?? err}`);
              const dir = join(opts.dataDir, 'mail', 'failed');
              await mkdir(dir, { recursive: true });
              await writeFile(
                join(dir, `${messageId}.json`),
                JSON.stringify({ event, error: String(err) }, null, 2),
              );
            }
            opts.log?.(
              `SMTP ${session.envelope.rcptTo.map((r) => r.address).join(', ')} → queued as ${messageId}`,
            );
            callback(null, `Ok: queued as ${messageId}`);
          })
          .catch((err: Error) => callback(Object.assign(err, { responseCode: 451 })));
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
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
