import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as addNote } from '#functions/inquiries/add-inquiry-note.handler';
import { handler as addMessage } from '#functions/inquiries/add-status-message.handler';
import { handler as getInquiry } from '#functions/inquiries/get-inquiry.handler';
import { handler as formPage } from '#functions/inquiries/get-inquiry-form.handler';
import { handler as getStatus } from '#functions/inquiries/get-inquiry-status.handler';
import { handler as listInquiries } from '#functions/inquiries/list-inquiries.handler';
import { handler as submit } from '#functions/inquiries/submit-public-inquiry.handler';
import { call, claims } from '#test/support/api';
import { givenMailNetwork, useMailSandbox } from '#test/support/mail';
import { deliverQueuedMail } from '#test/support/outbox';

/**
 * The customer's pages without an account: the hosted form as a plain HTML form post, the status
 * link in the acknowledgement, the status page and a message from it; by reference for the coordinator.
 */
const sandbox = useMailSandbox();
// the console's origin, for the status links in the acknowledgements; only for this file
beforeAll(() => {
  process.env.CONSOLE_URL = 'https://console.verbund.test';
});
afterAll(() => {
  delete process.env.CONSOLE_URL;
});

const FORM =
  'customer.name=J%C3%B6rg+M%C3%BCller&customer.email=joerg%40kunde.example&customer.phone=&postcode=1070' +
  '&subject=Einbauk%C3%BCche&text=Wir+suchen+einen+Tischler+f%C3%BCr+eine+K%C3%BCche.&website=&consent=yes';

const post = (slug: string, body: string, ip = '198.51.100.7') =>
  call(submit, {
    method: 'POST',
    path: `/public/${slug}/inquiries`,
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', referer: `/${slug}/anfrage` },
    sourceIp: ip,
  });

const status = (slug: string, token: string, ip = '198.51.100.8') =>
  call(getStatus, { method: 'GET', path: `/public/${slug}/status/${token}`, sourceIp: ip });

const inquiries = async (networkId: string) =>
  (await call(listInquiries, { method: 'GET', path: '/inquiries', claims: claims.coordinator(networkId) }))
    .body.items as { id: string; reference: string; customer: { name: string } }[];

/** Submits the form as a browser does and returns the status link from the acknowledgement. */
async function submitted(slug: string, email = 'joerg@kunde.example') {
  const res = await post(slug, FORM.replace('joerg%40kunde.example', encodeURIComponent(email)));
  expect(res.status).toBe(303);
  await deliverQueuedMail();
  const ack = (await sandbox.outbox()).find((m) => m.mail.to?.[0]?.address === email)!;
  const link = /https:\/\/console\.verbund\.test\/([a-z0-9-]+)\/status\/([A-Za-z0-9_-]{32})/.exec(
    ack.mail.text ?? '',
  );
  expect(link, 'the acknowledgement names the status link').not.toBeNull();
  return { location: res.headers.location!, slug: link![1]!, token: link![2]! };
}

describe('the hosted inquiry form without JavaScript', () => {
  it('takes a urlencoded form post and sends the browser back with the reference', async () => {
    // Prepare
    await givenMailNetwork('fp', 'FPX');
    // Act
    const { location } = await submitted('fp-slug');
    // Assess: 303 to the form page with the reference; the inquiry is there as typed
    const [inquiry] = await inquiries('fp');
    expect(location).toBe(`/fp-slug/anfrage?gesendet=${inquiry!.reference}`);
    expect(inquiry!.customer.name).toBe('Jörg Müller');
    const page = await call(formPage, {
      method: 'GET',
      path: `/public/fp-slug/form?gesendet=${inquiry!.reference}`,
    });
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Ihre Anfragenummer: ${inquiry!.reference}`);
  });

  it('shows the form in German, in English on request, with only its hashed script and the network name', async () => {
    await givenMailNetwork('fq');
    const de = await call(formPage, { method: 'GET', path: '/public/fq-slug/form' });
    expect(de.headers['content-type']).toMatch(/^text\/html/);
    expect(de.text).toContain('Anfrage an Netzwerk fq');
    expect(de.text).toContain('action="/api/public/fq-slug/inquiries"');
    // one inline script (the photo previews), allowed by its hash alone: no 'unsafe-inline', no other source
    expect(de.text.match(/<script/g)).toHaveLength(1);
    expect(de.headers['content-security-policy']).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*';/);
    expect(de.headers['content-security-policy']).not.toMatch(
      /unsafe-inline'[^;]*; style|script-src[^;]*unsafe/,
    );
    expect(de.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const en = await call(formPage, { method: 'GET', path: '/public/fq-slug/form?lang=en' });
    expect(en.text).toContain('Send inquiry');
    const none = await call(formPage, { method: 'GET', path: '/public/nobody-slug/form' });
    expect(none.status).toBe(404);
  });

  it('refuses a form without consent with a page naming the field, and writes nothing', async () => {
    await givenMailNetwork('fr');
    const res = await post('fr-slug', FORM.replace('&consent=yes', ''));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('consent');
    expect(res.text).toContain('href="/fr-slug/anfrage"');
    expect(await inquiries('fr')).toEqual([]);
  });

  it('refuses an unknown form field like an unknown JSON field', async () => {
    await givenMailNetwork('fs');
    const res = await post('fs-slug', `${FORM}&admin=1`);
    expect(res.status).toBe(400);
    expect(res.text).toContain('admin');
    expect(await inquiries('fs')).toEqual([]);
  });
});

describe("the customer's status page", () => {
  it('shows reference, stage and the conversation, never internal notes', async () => {
    // Prepare
    await givenMailNetwork('st', 'STX');
    const link = await submitted('st-slug', 'status@kunde.example');
    const [inquiry] = await inquiries('st');
    await call(addNote, {
      method: 'POST',
      path: `/inquiries/${inquiry!.id}/notes`,
      claims: claims.coordinator('st'),
      body: { text: 'Kunde zahlt schlecht, intern' },
    });
    // Act
    const res = await status(link.slug, link.token);
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.reference).toBe(inquiry!.reference);
    expect(res.body.stage).toBe('received');
    expect(res.body.messages[0]).toMatchObject({
      from: 'customer',
      text: 'Wir suchen einen Tischler für eine Küche.',
    });
    expect(res.body.messages.map((m: { from: string }) => m.from)).toEqual(['customer', 'network']);
    expect(res.text).not.toContain('intern');
  });

  it("adds the customer's message to the inquiry like a reply mail", async () => {
    await givenMailNetwork('sm');
    const link = await submitted('sm-slug', 'msg@kunde.example');
    const res = await call(addMessage, {
      method: 'POST',
      path: `/public/${link.slug}/status/${link.token}/messages`,
      body: { text: 'Wir sind ab 8 Uhr zu Hause.' },
    });
    expect(res.status).toBe(201);
    const [inquiry] = await inquiries('sm');
    const detail = await call(getInquiry, {
      method: 'GET',
      path: `/inquiries/${inquiry!.id}`,
      claims: claims.coordinator('sm'),
    });
    expect(detail.body.timeline.at(-1)).toMatchObject({
      kind: 'message-in',
      text: 'Wir sind ab 8 Uhr zu Hause.',
      by: 'msg@kunde.example',
    });
    expect((await status(link.slug, link.token)).body.messages.at(-1)).toMatchObject({
      from: 'customer',
      text: 'Wir sind ab 8 Uhr zu Hause.',
    });
    // the contact person hears of it, as of a reply mail
    await deliverQueuedMail();
    const notices = (await sandbox.outbox()).filter(
      (m) => m.mail.to?.[0]?.address === 'office@sm.example' && m.mail.subject?.includes('Antwort'),
    );
    expect(notices).toHaveLength(1);
    expect(notices[0]!.mail.text).toContain('Wir sind ab 8 Uhr zu Hause.');
  });

  it('answers the same 404 to a guessed token, an unknown slug and another network', async () => {
    // Prepare: two networks, a real link in the first
    await givenMailNetwork('sa');
    await givenMailNetwork('sb');
    const link = await submitted('sa-slug', 'a@kunde.example');
    const guessed = `${link.token.slice(0, 31)}${link.token.endsWith('A') ? 'B' : 'A'}`;
    // Act
    const answers = await Promise.all([
      status('sb-slug', link.token),
      status('sa-slug', guessed),
      status('nobody-slug', link.token),
      call(addMessage, {
        method: 'POST',
        path: `/public/sb-slug/status/${link.token}/messages`,
        body: { text: 'Hallo' },
      }),
    ]);
    // Assess: all alike, nothing learnt, nothing written
    for (const a of answers) {
      expect(a.status).toBe(404);
      expect(a.body.detail).toBe(answers[0]!.body.detail);
    }
    expect(await inquiries('sb')).toEqual([]);
  });

  it('refuses a malformed token and a bad message naming the field', async () => {
    await givenMailNetwork('sx');
    const link = await submitted('sx-slug', 'x@kunde.example');
    const short = await status('sx-slug', 'abc');
    expect(short.status).toBe(400);
    expect(short.body.errors[0].path).toBe('path.token');
    const bad = await call(addMessage, {
      method: 'POST',
      path: `/public/${link.slug}/status/${link.token}/messages`,
      body: { text: '', extra: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['extra', 'text']);
  });

  it('slows down guessing: a client that keeps trying meets 429', async () => {
    await givenMailNetwork('sg');
    const answers = [];
    for (let i = 0; i < 61; i++) answers.push((await status('sg-slug', 'A'.repeat(32), '192.0.2.99')).status);
    expect(answers.slice(0, 60).every((s) => s === 404)).toBe(true);
    expect(answers[60]).toBe(429);
  });
});

describe('an inquiry by its reference number', () => {
  it('finds it for its network and for no other', async () => {
    await givenMailNetwork('rf', 'RFX');
    await givenMailNetwork('rg', 'RFX');
    await submitted('rf-slug', 'ref@kunde.example');
    const [inquiry] = await inquiries('rf');
    const mine = await call(getInquiry, {
      method: 'GET',
      path: `/inquiries/${inquiry!.reference}`,
      claims: claims.coordinator('rf'),
    });
    expect(mine.status).toBe(200);
    expect(mine.body.id).toBe(inquiry!.id);
    const other = await call(getInquiry, {
      method: 'GET',
      path: `/inquiries/${inquiry!.reference}`,
      claims: claims.coordinator('rg'),
    });
    expect(other.status).toBe(404);
    const bad = await call(getInquiry, {
      method: 'GET',
      path: '/inquiries/HHN-20x',
      claims: claims.coordinator('rf'),
    });
    expect(bad.status).toBe(400);
  });
});
