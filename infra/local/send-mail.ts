/**
 * `npm run send-mail -- --to <rcpt> [--from <addr>] [--subject <s>] [--body <text>] [--header 'Name: value' …] [file.eml|folder …]`
 *
 * Delivers mail to the local SMTP intake (the SES inbound stand-in on 127.0.0.1:SMTP_PORT), as a
 * customer's mail server would: either one mail made from --from/--subject/--body, or each .eml
 * file given (folders: every .eml in them) with --to as the envelope recipient, bytes unchanged.
 * `--header` adds a header to the made mail, e.g. the stand-in's verdict headers
 * (`X-SES-Spam-Verdict: FAIL`, `X-SES-DMARC-Verdict: FAIL`, see infra/local/ses-event.ts).
 * Prints one line per mail with the server's answer.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createTransport } from 'nodemailer';
import { fail as failWith } from './cli';
import { localSettings } from './settings';

function fail(message: string): never {
  return failWith('send-mail', message);
}

let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      to: { type: 'string' },
      from: { type: 'string', default: 'kundin@example.com' },
      subject: { type: 'string', default: 'Anfrage' },
      body: { type: 'string', default: 'Guten Tag, wir hätten gerne ein Angebot.' },
      header: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}
try {
  parsed = parse();
} catch (err) {
  fail((err as Error).message);
}
const { values, positionals } = parsed;
if (values.help) {
  process.stdout.write(`npm run send-mail -- --to demo@inbound.verbund.test [--from a@b] [--subject s] [--body text]
npm run send-mail -- --to demo@inbound.verbund.test --header 'X-SES-Spam-Verdict: FAIL'   (a verdict)
npm run send-mail -- --to demo@inbound.verbund.test test/fixtures/mail/          (each .eml as it is)
Sends to the local SMTP intake on 127.0.0.1:SMTP_PORT (default 2525).\n`);
  process.exit(0);
}
if (!values.to) fail('--to <envelope recipient> is required, e.g. --to demo@inbound.verbund.test');

const files = positionals.flatMap((p) => {
  try {
    return statSync(p).isDirectory()
      ? readdirSync(p)
          .filter((f) => f.endsWith('.eml'))
          .sort()
          .map((f) => join(p, f))
      : [p];
  } catch {
    return fail(`${p}: no such file or folder`);
  }
});

const { smtpPort } = localSettings();
const transport = createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
let failed = 0;
const send = async (label: string, mail: Parameters<typeof transport.sendMail>[0]) => {
  try {
    const info = await transport.sendMail(mail);
    process.stdout.write(`${label}: ${info.response}\n`);
  } catch (err) {
    failed++;
    const e = err as { code?: string; response?: string; message: string };
    if (e.code === 'ESOCKET' || e.code === 'ECONNECTION') {
      fail(`nothing answers on 127.0.0.1:${smtpPort}: start the local runtime (npm start) or set SMTP_PORT`);
    }
    process.stdout.write(`${label}: refused: ${e.response ?? e.message}\n`);
  }
};
const headers = Object.fromEntries(
  values.header.map((h) => {
    const m = /^([!-9;-~]+):\s*(.*)$/.exec(h);
    return m ? [m[1]!, m[2]!] : fail(`--header ${JSON.stringify(h)}: expected 'Name: value'`);
  }),
);
if (files.length === 0) {
  await send(values.subject, {
    from: values.from,
    to: values.to,
    subject: values.subject,
    text: values.body,
    headers,
  });
} else {
  for (const file of files) {
    await send(file, { envelope: { from: values.from, to: values.to }, raw: readFileSync(file) });
  }
}
transport.close();
process.exit(failed > 0 ? 1 : 0);
