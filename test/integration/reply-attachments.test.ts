import { describe, expect, it } from 'vitest';
import { handler as createInquiry } from '#functions/inquiries/create-inquiry.handler';
import { handler as replyToCustomer } from '#functions/inquiries/reply-to-customer.handler';
import { getInquiryWithTimeline } from '#functions/inquiries/store';
import { call, claims } from '#test/support/api';
import { givenMailNetwork, useMailSandbox } from '#test/support/mail';
import { deliverQueuedMail } from '#test/support/outbox';

/** The coordinator's reply can carry an offer PDF: stored like a received mail's files, mailed with the reply. */
const sandbox = useMailSandbox();

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

async function givenInquiry(net: string) {
  await givenMailNetwork(net);
  const created = await call(createInquiry, {
    method: 'POST',
    path: '/inquiries',
    claims: claims.coordinator(net),
    body: {
      customer: { name: 'Karin Berger', email: `karin@${net}-kunde.example` },
      subject: 'Dachausbau',
      text: 'Wir möchten das Dachgeschoss ausbauen und brauchen ein Angebot.',
      acknowledge: false,
    },
  });
  expect(created.status, created.text).toBe(201);
  return created.body.id as string;
}

const replyTo = (net: string, inquiryId: string, body: object, as = claims.coordinator(net)) =>
  call(replyToCustomer, { method: 'POST', path: `/inquiries/${inquiryId}/replies`, claims: as, body });

const mailsTo = async (address: string) => {
  await deliverQueuedMail();
  return (await sandbox.outbox()).filter((m) => m.mail.to?.[0]?.address === address);
};

describe('POST /inquiries/{inquiryId}/replies with attachments', () => {
  it('mails the offer PDF with the reply and lists it on the timeline', async () => {
    // Prepare
    const id = await givenInquiry('ra1');
    // Act
    const res = await replyTo('ra1', id, {
      text: 'Guten Tag Frau Berger,\n\nanbei unser Angebot.',
      attachments: [
        {
          filename: 'Angebot HHN-0001.pdf',
          contentType: 'application/pdf',
          contentBase64: PDF.toString('base64'),
        },
      ],
    });
    // Assess
    expect(res.status, res.text).toBe(201);
    const [mail] = await mailsTo('karin@ra1-kunde.example');
    expect(mail!.mail.text).toContain('anbei unser Angebot.');
    const [file] = mail!.mail.attachments;
    expect([file!.filename, file!.mimeType]).toEqual(['Angebot HHN-0001.pdf', 'application/pdf']);
    expect(Buffer.from(file!.content as ArrayBuffer).equals(PDF)).toBe(true);
    const { timeline } = (await getInquiryWithTimeline('ra1', id))!;
    const out = timeline.find((t) => t.kind === 'message-out')!;
    expect(out.data?.attachments).toEqual([
      expect.objectContaining({
        filename: 'Angebot HHN-0001.pdf',
        contentType: 'application/pdf',
        size: PDF.length,
      }),
    ]);
  });

  it('refuses a type not allowed, a file too large, too many files and unknown fields, naming the field, and mails nothing', async () => {
    const id = await givenInquiry('ra2');
    const file = { filename: 'a.pdf', contentType: 'application/pdf', contentBase64: PDF.toString('base64') };
    const cases: [object, string][] = [
      [{ attachments: [{ ...file, contentType: 'application/x-msdownload' }] }, 'attachments.0.contentType'],
      [{ attachments: [{ ...file, contentBase64: 'not base64!' }] }, 'attachments.0.contentBase64'],
      [{ attachments: [{ ...file, filename: '../etc/passwd' }] }, 'attachments.0.filename'],
      [{ attachments: [file, file, file, file] }, 'attachments'],
      [{ attachments: [{ ...file, path: '/tmp/x' }] }, 'attachments.0.path'],
      [
        {
          attachments: [
            { ...file, contentBase64: Buffer.alloc(150 * 1024, 1).toString('base64') },
            { ...file, contentBase64: Buffer.alloc(100 * 1024, 1).toString('base64') },
          ],
        },
        'attachments',
      ],
    ];
    for (const [extra, path] of cases) {
      const res = await replyTo('ra2', id, { text: 'Angebot anbei.', ...extra });
      expect(res.status, path).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect(await mailsTo('karin@ra2-kunde.example')).toEqual([]);
    const { timeline } = (await getInquiryWithTimeline('ra2', id))!;
    expect(timeline.filter((t) => t.kind === 'message-out')).toEqual([]);
  });

  it('answers another network 404 and a partner 403, and mails nothing', async () => {
    const id = await givenInquiry('ra3');
    await givenMailNetwork('ra4');
    const body = {
      text: 'Angebot anbei.',
      attachments: [
        { filename: 'a.pdf', contentType: 'application/pdf', contentBase64: PDF.toString('base64') },
      ],
    };
    expect((await replyTo('ra4', id, body)).status).toBe(404);
    expect((await replyTo('ra3', id, body, claims.partner('ra3', 'ra3-p1'))).status).toBe(403);
    expect(await mailsTo('karin@ra3-kunde.example')).toEqual([]);
  });
});
