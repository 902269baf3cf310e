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

/** SES receipt verdicts as the event carries them (PASS, FAIL, GRAY, PROCESSING_FAILED). */
export interface LocalVerdicts {
  spam?: string;
  virus?: string;
  spf?: string;
  dkim?: string;
  dmarc?: string;
  /** The sender domain's DMARC policy: none, quarantine, reject. */
  dmarcPolicy?: string;
}

/**
 * The test headers the local SMTP stand-in reads verdicts from, as SES would judge the message:
 * `X-SES-Spam-Verdict`, `X-SES-Virus-Verdict` (SES adds these two to every stored message),
 * `X-SES-SPF-Verdict`, `X-SES-DKIM-Verdict`, `X-SES-DMARC-Verdict` and `X-SES-DMARC-Policy`.
 * Only the stand-in trusts them; in AWS the verdicts come from SES's receipt, never from headers.
 */
export const VERDICT_HEADERS = {
  spam: 'x-ses-spam-verdict',
  virus: 'x-ses-virus-verdict',
  spf: 'x-ses-spf-verdict',
  dkim: 'x-ses-dkim-verdict',
  dmarc: 'x-ses-dmarc-verdict',
  dmarcPolicy: 'x-ses-dmarc-policy',
} as const;

/** The EICAR anti-virus test file, which every scanner reports as a virus. */
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!';
/** Its start in base64, as an attachment carries it (the file is 68 bytes: one line). */
const EICAR_BASE64 = 'WDVPIVAlQEFQWzRcUFpYNTQoUF4pN0NDKTd9JEVJQ0FSLVNUQU5EQVJELUFOVElWSVJVUy1URVNULUZJTEUh';

/**
 * The verdicts the stand-in gives a message: from its test headers, a virus for the EICAR test
 * string (plain or base64-encoded), PASS for everything else.
 */
export function localVerdicts(raw: Uint8Array): LocalVerdicts {
  const headers = headerList(raw);
  const out: LocalVerdicts = {};
  for (const [key, name] of Object.entries(VERDICT_HEADERS) as [keyof LocalVerdicts, string][]) {
    const value = headers.find((h) => h.name.toLowerCase() === name)?.value.trim();
    if (value) out[key] = key === 'dmarcPolicy' ? value.toLowerCase() : value.toUpperCase();
  }
  const text = Buffer.from(raw).toString('latin1');
  if (text.includes(EICAR) || text.replace(/\r?\n/g, '').includes(EICAR_BASE64)) out.virus = 'FAIL';
  return out;
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
  verdicts?: LocalVerdicts;
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
            spfVerdict: verdict(input.verdicts?.spf),
            dkimVerdict: verdict(input.verdicts?.dkim),
            dmarcVerdict: verdict(input.verdicts?.dmarc),
            dmarcPolicy: input.verdicts?.dmarcPolicy ?? 'none',
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
