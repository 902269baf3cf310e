import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// the file transport of the local runtime: mail lands as .eml files in OUTBOX_DIR
const outbox = mkdtempSync(join(tmpdir(), 'verbund-file-transport-'));
process.env.MAIL_TRANSPORT = 'file';
process.env.OUTBOX_DIR = outbox;
const { sendMail } = await import('#shared/mail/send');

const mail = {
  from: { name: 'Demo', address: 'demo@inbound.verbund.test' },
  to: [{ address: 'kundin@example.com' }],
  subject: 'Ihre Anfrage',
  text: 'Danke.',
};

describe('the local file transport', () => {
  it('keeps one copy of a queued mail sent again after its delivery died before it was marked sent', async () => {
    // Prepare: a queued mail's Message-ID and queue time
    const queued = { messageId: '<5f0c2c1e-0000-4000-8000-000000000001@inbound.verbund.test>' };
    const queuedAt = '2026-12-02T06:00:00.123Z';
    // Act: sent, then sent again by the retry (the mark did not land), then another mail
    const first = await sendMail(mail, { ...queued, queuedAt });
    const again = await sendMail(mail, { ...queued, queuedAt });
    await sendMail({ ...mail, subject: 'Andere' });
    // Assess: the recipient has it once (and the other mail), no half-written file beside them
    const files = readdirSync(outbox);
    expect(again.receipt).toBe(first.receipt);
    expect(files.filter((f) => f.endsWith('.eml'))).toHaveLength(2);
    expect(files.filter((f) => !f.endsWith('.eml'))).toEqual([]);
    expect(readFileSync(first.receipt, 'utf8')).toContain(`Message-ID: ${queued.messageId}`);
  });
});
