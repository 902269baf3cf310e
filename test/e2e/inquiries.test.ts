import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatThreadToken } from '#functions/inquiries/reference';
import { whenDirChanges } from '#test/support/outbox';
import { type RunningRuntime, removeDataDir, startRuntime } from '#test/support/runtime';

const INBOX = 'demo@inbound.verbund.test';

describe('npm start: inquiries by e-mail over real SMTP and by the public form over HTTP', () => {
  let rt: RunningRuntime;
  let coordinator: string;

  beforeAll(async () => {
    rt = await startRuntime();
    coordinator = await rt.token({ role: 'coordinator', networkId: 'demo' });
  });

  afterAll(async () => {
    if (rt) {
      await rt.stop();
      removeDataDir(rt);
    }
  });

  const outboxDir = () => join(rt.dataDir, 'outbox');
  const outbox = () => {
    const dir = outboxDir();
    try {
      return readdirSync(dir)
        .filter((f) => f.endsWith('.eml'))
        .map((f) => readFileSync(join(dir, f), 'utf8'));
    } catch {
      return [];
    }
  };
  /**
   * The raw mail in the outbox that contains `text` (and `to`, when given: the contact person's
   * notice carries the same subject token), once the stream poller has sent it (≤ 20 s), looked
   * for again each time a mail lands in the outbox.
   */
  const sentMail = (text: string, to?: string) =>
    whenDirChanges(
      outboxDir(),
      () =>
        outbox()
          // headers unfolded: a long subject may be folded at any space, the token's included
          .map((m) => m.replace(/\r?\n(?=[ \t])/g, ''))
          .find(
            (m) => m.includes(text) && (!to || new RegExp(`^To: .*${to.replace(/\./g, '\\.')}`, 'm').test(m)),
          ),
      20_000,
    );

  it('turns mail sent over SMTP into an inquiry the coordinator sees, and acknowledges it', async () => {
    // Prepare: a customer's mail client, Bcc to the network (the envelope names the inbox)
    const smtp = createTransport({ host: '127.0.0.1', port: rt.smtpPort, secure: false, ignoreTLS: true });
    // Act
    const info = await smtp.sendMail({
      from: { name: 'Renate Fröhlich', address: 'renate@kundin.example' },
      to: 'someone-else@example.org',
      envelope: { from: 'renate@kundin.example', to: [INBOX] },
      subject: 'Neue Fenster und Photovoltaik',
      text: 'Guten Tag, wir brauchen neue Holzfenster und eine PV-Anlage am Dach. Renate Fröhlich',
    });
    smtp.close();
    // Assess: the inquiry over HTTP
    expect(info.accepted).toEqual([INBOX]);
    const res = await rt.api('GET', '/inquiries', { token: coordinator });
    const { items } = (await res.json()) as {
      items: {
        id: string;
        reference: string;
        subject: string;
        customer: { email: string };
        competences: { competenceId: string }[];
      }[];
    };
    const inquiry = items.find((i) => i.subject === 'Neue Fenster und Photovoltaik');
    expect(inquiry).toMatchObject({ customer: { email: 'renate@kundin.example' } });
    expect(inquiry!.competences.map((c) => c.competenceId)).toContain('solar');
    expect(inquiry!.reference).toMatch(/^HHN-\d{4}-\d{4}$/);
    // and the acknowledgement in the outbox
    const ack = await sentMail(formatThreadToken(inquiry!), 'renate@kundin.example');
    expect(ack).toMatch(/^To: =?.*renate@kundin\.example/m);
    expect(ack).toMatch(/^Auto-Submitted: auto-replied/m);
    // and the raw source, as it arrived
    const detail = (await (
      await rt.api('GET', `/inquiries/${inquiry!.id}`, { token: coordinator })
    ).json()) as {
      timeline: { data?: { mailId?: string } }[];
    };
    const raw = await rt.api('GET', `/mail/${detail.timeline[0]!.data!.mailId}/raw`, { token: coordinator });
    expect(raw.headers.get('content-type')).toBe('message/rfc822');
    expect(await raw.text()).toContain('Subject: Neue Fenster und Photovoltaik');
  });

  it('keeps mail to an unknown address as unroutable instead of refusing it', async () => {
    const smtp = createTransport({ host: '127.0.0.1', port: rt.smtpPort, secure: false, ignoreTLS: true });
    const info = await smtp.sendMail({
      from: 'x@sender.example',
      to: 'nobody@inbound.verbund.test',
      subject: 'Irrläufer',
      text: 'Wohin damit?',
    });
    smtp.close();
    expect(info.accepted).toEqual(['nobody@inbound.verbund.test']);
    const operator = await rt.token({ role: 'operator' });
    const body = (await (await rt.api('GET', '/unroutable', { token: operator })).json()) as {
      items: { subject: string }[];
    };
    expect(body.items.map((i) => i.subject)).toContain('Irrläufer');
  });

  it("takes the public form over HTTP and answers a burst with the network's own limits", async () => {
    const form = {
      customer: { name: 'Ali Demir', email: 'ali@kunde.example' },
      text: 'Bitte um Angebot für eine Wärmepumpe.',
      consent: true,
    };
    const first = await rt.api('POST', '/public/demo/inquiries', {
      body: form,
      headers: { 'idempotency-key': 'e2e-1' },
    });
    const again = await rt.api('POST', '/public/demo/inquiries', {
      body: form,
      headers: { 'idempotency-key': 'e2e-1' },
    });
    const created = (await first.json()) as { reference: string };
    expect(first.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { reference: string }).reference).toBe(created.reference);

    const burst = await Promise.all(
      Array.from({ length: 40 }, () =>
        rt.api('POST', '/public/demo/inquiries', { body: { ...form, text: 'x' } }),
      ),
    );
    const problems = await Promise.all(
      burst.filter((r) => r.status === 429).map(async (r) => ((await r.json()) as { detail: string }).detail),
    );
    expect(burst.every((r) => r.status === 201 || r.status === 429)).toBe(true);
    // the route throttle (shared by every network) is far above a burst of 40: the client's
    // own limit in this network answers it
    expect(problems.filter((d) => d.includes('route is throttled'))).toEqual([]);
    expect(problems.filter((d) => d.includes('at most 5 per 10 minutes')).length).toBeGreaterThanOrEqual(30);
  });
});
