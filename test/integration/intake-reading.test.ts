import { describe, expect, it } from 'vitest';
import { handler as listAutomatic } from '#functions/email-intake/list-automatic-mail.handler';
import { handler as releaseAutomatic } from '#functions/email-intake/release-automatic-mail.handler';
import { handler as getInquiry } from '#functions/inquiries/get-inquiry.handler';
import { handler as listInquiries } from '#functions/inquiries/list-inquiries.handler';
import { handler as changeStatus } from '#functions/matching/change-inquiry-status.handler';
import { call, claims } from '#test/support/api';
import { deliver, fixture, givenMailNetwork, inboxOf, useMailSandbox } from '#test/support/mail';
import { deliverQueuedMail } from '#test/support/outbox';

const sandbox = useMailSandbox();
const coordinator = claims.coordinator;

const inquiries = async (networkId: string) =>
  (await call(listInquiries, { method: 'GET', path: '/inquiries', claims: coordinator(networkId) })).body
    .items as { id: string; reference: string; subject: string; text: string; status: string }[];

const detail = async (networkId: string, id: string) =>
  (await call(getInquiry, { method: 'GET', path: `/inquiries/${id}`, claims: coordinator(networkId) })).body;

const automatic = (networkId: string, query = '') =>
  call(listAutomatic, { method: 'GET', path: `/automatic-mail${query}`, claims: coordinator(networkId) });

const release = (networkId: string, mailId: string) =>
  call(releaseAutomatic, {
    method: 'POST',
    path: `/automatic-mail/${mailId}/release`,
    claims: coordinator(networkId),
  });

const mailTo = async (address: string) =>
  (await deliverQueuedMail().then(sandbox.outbox)).filter((m) => m.mail.to?.[0]?.address === address);

describe('intake that reads mail like a person: HTML-only content', () => {
  it('reads the HTML part when the text part is only a placeholder, every entity decoded, scripts dropped', async () => {
    await givenMailNetwork('html');
    const [outcome] = await deliver(fixture('24-html-placeholder-text-part.eml'), { to: inboxOf('html') });
    if (outcome?.outcome !== 'inquiry') throw new Error(`expected an inquiry, got ${outcome?.outcome}`);
    const { text } = await detail('html', outcome.inquiryId);
    expect(text).toContain('Dachboden (ca. 85 m²) dämmen lassen; im Winter hat es dort 4 °C.');
    expect(text).toContain('Förderung nach § 7 haben wir beantragt, ½ der Kosten ist zugesagt.');
    expect(text).not.toContain('HTML-Ansicht');
    expect(text).not.toMatch(/track\(\)|margin|&\w+;/);
  });
});

describe('intake that reads mail like a person: automatic mail is not an inquiry', () => {
  it('keeps out-of-office replies (German, English) and list mail apart: no inquiry, no reference number, no answer', async () => {
    // Prepare
    await givenMailNetwork('auto', 'AUT');
    // Act
    const kept = [];
    for (const f of [
      '25-out-of-office-subject-de.eml',
      '26-out-of-office-subject-en.eml',
      '18-mailing-list.eml',
    ]) {
      kept.push((await deliver(fixture(f), { to: inboxOf('auto') }))[0]);
    }
    const [real] = await deliver(fixture('01-plain-text.eml'), { to: inboxOf('auto') });
    // Assess
    expect(kept.map((o) => o && 'reason' in o && o.reason)).toEqual(['auto-reply', 'auto-reply', 'list']);
    expect(kept.every((o) => o?.outcome === 'automatic')).toBe(true);
    expect(real?.outcome).toBe('inquiry');
    const list = await inquiries('auto');
    expect(list.map((i) => i.reference)).toEqual([`AUT-${new Date().getUTCFullYear()}-0001`]);
    const listed = await automatic('auto');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((i: { subject: string }) => i.subject).sort()).toEqual([
      'Automatische Antwort: Ihre Nachricht',
      'Frühlingsaktion: 20 % auf Gartenholz',
      'Out of Office: Quote request',
    ]);
    expect(listed.body.items[0]).toMatchObject({
      state: 'automatic',
      automatic: { kind: expect.any(String) },
    });
    for (const a of ['h.lang@firma.example', 'sarah.miller@company.example', 'newsletter@baumarkt.example']) {
      expect(await mailTo(a), a).toEqual([]);
    }
  });

  it('releases automatic mail into an inquiry once, without acknowledging a robot', async () => {
    // Prepare
    await givenMailNetwork('rel');
    const [kept] = await deliver(fixture('25-out-of-office-subject-de.eml'), { to: inboxOf('rel') });
    // Act
    const first = await release('rel', kept!.mailId);
    const again = await release('rel', kept!.mailId);
    // Assess
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ outcome: 'inquiry' });
    expect(again.status).toBe(409);
    expect(again.body.errors[0]).toMatchObject({ path: 'mailId', code: 'not_automatic' });
    expect((await inquiries('rel')).map((i) => i.subject)).toEqual(['Automatische Antwort: Ihre Nachricht']);
    expect((await automatic('rel')).body.items).toEqual([]);
    expect(await mailTo('h.lang@firma.example')).toEqual([]);
  });

  it('files an auto-reply to our mail as a timeline entry marked automatic, and changes no status', async () => {
    // Prepare: Karin Berger's inquiry, qualified by the coordinator
    await givenMailNetwork('ooo');
    const [first] = await deliver(fixture('01-plain-text.eml'), { to: inboxOf('ooo') });
    if (first?.outcome !== 'inquiry') throw new Error('expected an inquiry');
    await call(changeStatus, {
      method: 'POST',
      path: `/inquiries/${first.inquiryId}/status`,
      claims: coordinator('ooo'),
      body: { status: 'qualified' },
    });
    // Act
    const [auto] = await deliver(fixture('10-auto-reply.eml'), { to: inboxOf('ooo') });
    // Assess
    expect(auto).toMatchObject({ outcome: 'message', inquiryId: first.inquiryId });
    const inquiry = await detail('ooo', first.inquiryId);
    expect(inquiry.status).toBe('qualified');
    const last = inquiry.timeline.at(-1);
    expect(last).toMatchObject({
      kind: 'message-in',
      data: { automatic: true, classification: 'auto-reply' },
    });
    const personal = inquiry.timeline.find((e: { kind: string }) => e.kind === 'message-in');
    expect(personal.data).not.toHaveProperty('automatic');
  });

  it('shows another network nothing of it and answers bad input with the field', async () => {
    await givenMailNetwork('mine');
    await givenMailNetwork('theirs');
    const [kept] = await deliver(fixture('26-out-of-office-subject-en.eml'), { to: inboxOf('mine') });
    expect((await automatic('theirs')).body.items).toEqual([]);
    expect((await release('theirs', kept!.mailId)).status).toBe(404);
    const partner = await call(listAutomatic, {
      method: 'GET',
      path: '/automatic-mail',
      claims: claims.partner('mine', 'mine-p1'),
    });
    expect(partner.status).toBe(403);
    const bad = await release('mine', 'nope');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('path.mailId');
    const unknown = await automatic('mine', '?kind=list');
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.errors)).toContain('kind');
    expect((await automatic('mine')).body.items).toHaveLength(1);
  });
});
