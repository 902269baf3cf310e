import type { SESEvent } from 'aws-lambda';

/** The headers of a raw message as SES lists them in `mail.headers` (name, value; unfolded). */
export function headerList(raw: Uint8Array): { name: string; value: string }[] {
  const text = Buffer.from(raw.subarray(0, 256 * 1024)).toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const block = (end >= 0 ? text.slice(0, end) : text).replace(/\r?\n[ \t]+/g, ' ');
  return block.split(/\r?\n/).flatMap((line) => {
    const m = /^([!-9;-~]+):[ \t]?(.*)$/.exec(line);
    return m ? [{ name: m[1]!, value: m[2]! }] : [];
  });
}

/**
 * An SES receipt event as the Lambda action delivers it after the S3 action stored the raw
 * message: `receipt.recipients` are the envelope recipients (RCPT TO), `mail.source` the
 * envelope sender, verdicts PASS unless given.
 */
export function sesReceiptEvent(input: {
  messageId: string;
  raw: Uint8Array;
  envelopeFrom: string;
  recipients: string[];
  timestamp?: string;
  verdicts?: { spam?: string; virus?: string };
}): SESEvent {
  const timestamp = input.timestamp ?? new Date().toISOString();
  const headers = headerList(input.raw);
  const get = (name: string) => headers.find((h) => h.name.toLowerCase() === name)?.value;
  const verdict = (status = 'PASS') => ({ status });
  return {
    Records: [
      {
        eventSource: 'aws:ses',
        eventVersion: '1.0',
        ses: {
          mail: {
            timestamp,
            source: input.envelopeFrom,
            messageId: input.messageId,
            destination: input.recipients,
            headersTruncated: false,
            headers,
            commonHeaders: {
              returnPath: input.envelopeFrom,
              from: get('from') ? [get('from')!] : [],
              date: get('date') ?? '',
              to: get('to') ? [get('to')!] : [],
              messageId: get('message-id') ?? '',
              subject: get('subject') ?? '',
            },
          },
          receipt: {
            timestamp,
            processingTimeMillis: 1,
            recipients: input.recipients,
            spamVerdict: verdict(input.verdicts?.spam),
            virusVerdict: verdict(input.verdicts?.virus),
            spfVerdict: verdict(),
            dkimVerdict: verdict(),
            dmarcVerdict: verdict(),
            dmarcPolicy: 'none',
            action: {
              type: 'Lambda',
              functionArn: 'arn:aws:lambda:local:000000000000:function:intake',
              invocationType: 'Event',
            },
          },
        },
      },
    ],
  } as SESEvent;
}
