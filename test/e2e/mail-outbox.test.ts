import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CAUGHT_UP } from '#infra/local/streams';
import { readOutbox, waitForMail } from '#test/support/outbox';
import { type RunningRuntime, removeDataDir, startRuntime } from '#test/support/runtime';

describe('npm start: the mail outbox is sent by the local stream poller, once, across restarts', () => {
  let rt: RunningRuntime | undefined;
  let dataDir = '';

  afterAll(async () => {
    if (rt) {
      await rt.stop();
      removeDataDir(rt);
    }
  });

  it('sends the acknowledgement of the form, and not again after a restart', async () => {
    // Prepare
    rt = await startRuntime();
    dataDir = rt.dataDir;
    const outbox = join(dataDir, 'outbox');
    const toCustomer = (m: { to: string[] }) => m.to.includes('restart@kunde.example');
    // Act: a customer sends the form
    const res = await rt.api('POST', '/public/demo/inquiries', {
      body: {
        customer: { name: 'Rita Neustart', email: 'restart@kunde.example' },
        text: 'Bitte um ein Angebot für neue Holzfenster.',
        consent: true,
      },
    });
    const { reference } = (await res.json()) as { reference: string };
    const sent = await waitForMail(outbox, (all) => all.some(toCustomer));
    // Assess: the acknowledgement went out (how fast: bench/mail-outbox.ts)
    expect(res.status).toBe(201);
    expect(sent.filter(toCustomer).map((m) => m.subject)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^\\[${reference} #[0-9a-z]{8}\\] Ihre Anfrage: Bitte um ein Angebot für neue Holzfenster\\.$`,
        ),
      ),
    ]);

    // a mail sent again replaces its file (same name): a new file, so the inode tells
    const ackFile = join(outbox, sent.find(toCustomer)!.file);
    const sentAs = statSync(ackFile).ino;

    // Act: Ctrl-C and start again on the same data
    expect(await rt.stop()).toBe(0);
    rt = await startRuntime([], {}, { dataDir });
    // the poller has read the stream from its checkpoint to the end: what it would resend is sent
    await rt.waitForOutput(CAUGHT_UP);
    // Assess: still the one acknowledgement, not sent again; and mail queued after the restart goes out
    expect((await readOutbox(outbox)).filter(toCustomer)).toHaveLength(1);
    expect(statSync(ackFile).ino).toBe(sentAs);
    const again = await rt.api('POST', '/public/demo/inquiries', {
      body: {
        customer: { name: 'Rita Neustart', email: 'restart@kunde.example' },
        text: 'Und noch eine Haustür, bitte.',
        consent: true,
      },
    });
    expect(again.status).toBe(201);
    const after = await waitForMail(outbox, (all) => all.filter(toCustomer).length >= 2);
    expect(after.filter(toCustomer)).toHaveLength(2);
  });
});
