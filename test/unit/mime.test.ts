import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyMail, mailIdentity, parseMail, senderOf } from '#functions/email-intake/mime';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'mail', name));

async function parsed(name: string) {
  const out = await parseMail(fixture(name));
  if (!out.ok) throw new Error(`${name} did not parse: ${out.reason}`);
  return out.mail;
}

describe('parseMail on the fixture corpus', () => {
  it('decodes quoted-printable umlauts and RFC 2047 subjects and names', async () => {
    const qp = await parsed('03-quoted-printable-umlauts.eml');
    expect(qp.subject).toBe('Wärmepumpe für Einfamilienhaus');
    expect(qp.from).toEqual({ name: 'Jürgen Öztürk', address: 'j.oeztuerk@example.at' });
    expect(qp.text).toContain('alte Ölheizung\ndurch eine Wärmepumpe ersetzt. Außerdem');
    const b = await parsed('04-rfc2047-subject-sender.eml');
    expect(b.subject).toBe('Lüftung und Küche – Anfrage');
    expect(b.from?.name).toBe('Björn Müller-Straßer');
    expect(b.text).toContain('Wohnraumlüftung');
  });

  it('prefers the plain part of multipart/alternative and converts HTML-only mail to text', async () => {
    expect((await parsed('02-multipart-alternative.eml')).text).toContain(
      'Sanierung unseres Badezimmers\n(Dusche',
    );
    const outlook = await parsed('07-outlook-html-only.eml');
    expect(outlook.text).toContain('neue Verkabelung für 20 Arbeitsplätze und Einbaumöbel.');
    expect(outlook.text).toContain('Zeitraum: Juli & August.');
    expect(outlook.text).not.toMatch(/MsoNormal|<p|&nbsp;/);
  });

  it('keeps attachments with name, type and size', async () => {
    const pdf = await parsed('05-pdf-attachment.eml');
    expect(pdf.attachments.map(({ content: _, ...a }) => a)).toEqual([
      { filename: 'Grundriss EG.pdf', contentType: 'application/pdf', size: 327 },
    ]);
    expect(Buffer.from(pdf.attachments[0]!.content).subarray(0, 8).toString()).toBe('%PDF-1.4');
    const img = await parsed('06-image-attachment.eml');
    expect(img.attachments[0]).toMatchObject({
      filename: 'IMG_0042.png',
      contentType: 'image/png',
      size: 70,
    });
  });

  it('collects the Message-IDs a reply answers, newest reference first', async () => {
    const reply = await parsed('08-reply-with-references.eml');
    expect(reply.messageId).toBe('<20260512183000.9932@gmx.example>');
    expect(reply.referencedIds).toEqual(['<20260504081244.4711@gmx.example>']);
  });

  it("threads a bounce by the original's Message-ID in the returned headers", async () => {
    const bounce = await parsed('11-bounce-dsn.eml');
    expect(bounce.referencedIds).toContain('<5f1c2d8e-0b1a-4c2d-9e3f-a1b2c3d4e5f6@inbound.verbund.test>');
    expect(classifyMail(bounce, '').kind).toBe('bounce');
  });

  it('classifies the auto-reply and the newsletter as robots', async () => {
    expect(classifyMail(await parsed('10-auto-reply.eml'), 'k.berger@gmx.example').kind).toBe('auto-reply');
    expect(classifyMail(await parsed('18-mailing-list.eml'), 'bounce@baumarkt.example').kind).toBe('list');
    expect(classifyMail(await parsed('01-plain-text.eml'), 'k.berger@gmx.example').kind).toBe('personal');
  });

  it('refuses a message cut off inside its headers, but reads what arrived of a cut-off body', async () => {
    const cut = await parseMail(fixture('14-truncated-headers.eml'));
    expect(cut).toEqual({ ok: false, reason: expect.stringContaining('no message headers') });
    const partial = await parsed('15-truncated-multipart.eml');
    expect(partial.text).toContain('Anbei die Pläne für den Zubau');
  });

  it('keeps XSS payloads as inert text (nothing here renders HTML)', async () => {
    const xss = await parsed('17-xss.eml');
    expect(xss.subject).toBe("<img src=x onerror=alert('subject')> Angebot");
    expect(xss.text).not.toContain("alert('body')");
    expect(xss.text).toContain('Tischler gesucht <script>');
    expect(xss.attachments[0]?.filename).toBe("<svg onload=alert('file')>.pdf");
  });
});

describe('mailIdentity', () => {
  it('is the same for a redelivery through another relay and differs for another message', () => {
    const first = mailIdentity(fixture('01-plain-text.eml'));
    expect(mailIdentity(fixture('12-duplicate-delivery.eml'))).toBe(first);
    expect(mailIdentity(fixture('08-reply-with-references.eml'))).not.toBe(first);
  });

  it('tells apart two messages that share a Message-ID but not their text', () => {
    const a = fixture('01-plain-text.eml');
    const b = Buffer.from(a.toString('utf8').replace('60 m²', '80 m²'));
    expect(mailIdentity(b)).not.toBe(mailIdentity(a));
  });

  it('works without a Message-ID', () => {
    expect(mailIdentity(fixture('13-missing-message-id.eml'))).toMatch(/^[a-f0-9]{32}$/);
  });
});

describe('senderOf', () => {
  it('answers Reply-To first, then From, then the envelope sender', () => {
    const from = { name: 'Karin', address: 'k@x.example' };
    expect(senderOf({ from, replyTo: { name: '', address: 'office@x.example' } })).toEqual({
      name: 'Karin',
      email: 'office@x.example',
    });
    expect(senderOf({ from: { name: '', address: 'not an address' } }, 'env@y.example')).toEqual({
      name: 'env',
      email: 'env@y.example',
    });
    expect(senderOf({}, '')).toBeUndefined();
  });
});
