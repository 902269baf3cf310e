import { describe, expect, it } from 'vitest';
import { handler as createInquiry } from '#functions/inquiries/create-inquiry.handler';
import { handler as submit } from '#functions/inquiries/submit-public-inquiry.handler';
import { handler as changeStatus } from '#functions/matching/change-inquiry-status.handler';
import { handler as createReferral } from '#functions/matching/create-referral.handler';
import { call, claims } from '#test/support/api';
import { deliver, givenMailNetwork, inboxOf, useMailSandbox } from '#test/support/mail';
import { deliverQueuedMail } from '#test/support/outbox';

/** A subject with the inquiry's thread token (reference and its secret) and then `rest`. */
const tokened = (reference: string, rest: string) =>
  new RegExp(`^\\[${reference} #[0-9a-z]{8}\\] ${rest.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);

/** Who gets what through the outbox: each notification kind, in its recipient's language. */
const sandbox = useMailSandbox();

const sent = async () => {
  await deliverQueuedMail();
  return (await sandbox.outbox()).map((m) => ({
    to: m.mail.to?.[0]?.address ?? '',
    subject: m.mail.subject ?? '',
    text: m.mail.text ?? '',
    html: m.mail.html ?? '',
  }));
};
const to = async (address: string) => (await sent()).filter((m) => m.to === address);

const submitTo = (slug: string, body: object) =>
  call(submit, {
    method: 'POST',
    path: `/public/${slug}/inquiries`,
    sourceIp: '203.0.113.77',
    body: { customer: { name: 'Sam Smith', email: 'sam@customer.example' }, consent: true, ...body },
  });

describe('notifications', () => {
  it('acknowledges an English inquiry in English and tells the contact person in German', async () => {
    // Prepare
    await givenMailNetwork('no1');
    // Act
    const res = await submitTo('no1-slug', {
      subject: 'New kitchen',
      text: 'We would like a carpenter to build a new kitchen and renew the wiring in our flat.',
    });
    // Assess
    expect(res.status).toBe(201);
    const [ack] = await to('sam@customer.example');
    expect(ack!.subject).toMatch(tokened(res.body.reference, 'Your inquiry: New kitchen'));
    expect(ack!.text).toContain('Maria Huber will get back to you shortly.');
    expect(ack!.html).toContain('<html lang="en">');
    const [notice] = await to('office@no1.example');
    expect(notice!.subject).toMatch(tokened(res.body.reference, 'Neue Anfrage: New kitchen'));
    expect(notice!.text).toContain('Eine neue Anfrage ist eingegangen (Formular).');
    expect(notice!.text).toContain('Kundin/Kunde: Sam Smith <sam@customer.example>');
  });

  it('tells the customer of a decline with the coordinator’s words, in the customer’s language', async () => {
    await givenMailNetwork('no2');
    const created = await call(createInquiry, {
      method: 'POST',
      path: '/inquiries',
      claims: claims.coordinator('no2'),
      body: {
        customer: { name: 'Sam Smith', email: 'sam@customer.example' },
        subject: 'Roof',
        text: 'Our roof leaks after every storm, please help us.',
      },
    });
    const decline = await call(changeStatus, {
      method: 'POST',
      path: `/inquiries/${created.body.id}/status`,
      claims: claims.coordinator('no2'),
      body: { status: 'declined', reason: 'All our roofers are booked until May.\nPlease try again then.' },
    });
    expect(decline.status, decline.text).toBe(200);
    const mails = await to('sam@customer.example');
    const declined = mails.find(
      (m) => m.subject.includes('Your inquiry') && m.text.includes('cannot take it on'),
    );
    expect(declined!.text).toContain(
      'Maria Huber writes:\n\n> All our roofers are booked until May.\n> Please try again then.',
    );
  });

  it('acknowledges what the coordinator records unless told not to, and what a partner refers', async () => {
    await givenMailNetwork('no3');
    const record = (email: string, extra: object = {}) =>
      call(createInquiry, {
        method: 'POST',
        path: '/inquiries',
        claims: claims.coordinator('no3'),
        body: {
          customer: { name: 'Karin Berger', email },
          text: 'Wir brauchen einen neuen Dachstuhl für unser Haus.',
          ...extra,
        },
      });
    expect((await record('told@kunde.example')).status).toBe(201);
    expect((await record('quiet@kunde.example', { acknowledge: false })).status).toBe(201);
    const referral = await call(createReferral, {
      method: 'POST',
      path: '/referrals',
      claims: claims.partner('no3', 'no3-p1'),
      body: {
        customer: { name: 'Berta Bauherr', email: 'berta@bau.example' },
        subject: 'Elektrik für den Zubau',
        text: 'Wir brauchen neue Leitungen und Steckdosen im Zubau.',
      },
    });
    expect(referral.status, referral.text).toBe(201);
    const all = await sent();
    expect(all.filter((m) => m.to === 'told@kunde.example').map((m) => m.subject)).toEqual([
      expect.stringMatching(
        /^\[HHN-\d{4}-0001 #[0-9a-z]{8}\] Ihre Anfrage: Wir brauchen einen neuen Dachstuhl für unser Haus\.$/,
      ),
    ]);
    expect(all.filter((m) => m.to === 'quiet@kunde.example')).toEqual([]);
    expect(all.filter((m) => m.to === 'berta@bau.example').map((m) => m.subject)).toEqual([
      expect.stringMatching(/^\[HHN-\d{4}-0003 #[0-9a-z]{8}\] Ihre Anfrage: Elektrik für den Zubau$/),
    ]);
    // the contact person hears of the referral, not of what the coordinator recorded
    const notices = all.filter((m) => m.to === 'office@no3.example').map((m) => m.subject);
    expect(notices).toEqual([expect.stringMatching(/Neue Anfrage: Elektrik für den Zubau$/)]);
  });

  it("tells the contact person of the customer's reply", async () => {
    await givenMailNetwork('no4');
    const res = await submitTo('no4-slug', {
      subject: 'Fenster',
      text: 'Wir brauchen drei neue Holzfenster im Altbau.',
    });
    const reference = res.body.reference as string;
    const raw = [
      'From: Sam Smith <sam@customer.example>',
      `To: ${inboxOf('no4')}`,
      `Subject: Re: [${reference}] Ihre Anfrage: Fenster`,
      'Message-ID: <reply-1@customer.example>',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Die Fenster sind 120 x 140 cm groß.',
      '',
    ].join('\r\n');
    const [outcome] = await deliver(raw, { to: inboxOf('no4'), from: 'sam@customer.example' });
    expect(outcome).toMatchObject({ outcome: 'message' });
    const replies = (await to('office@no4.example')).filter((m) => m.subject.includes('Antwort'));
    expect(replies.map((m) => m.subject)).toEqual([
      expect.stringMatching(tokened(reference, 'Antwort der Kundin/des Kunden: Fenster')),
    ]);
    expect(replies[0]!.text).toContain('> Die Fenster sind 120 x 140 cm groß.');
  });
});
