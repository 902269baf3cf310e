import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { handler as getRaw } from '#functions/email-intake/get-raw-mail.handler';
import { handler as getUnroutableRaw } from '#functions/email-intake/get-unroutable-raw.handler';
import { handler as intake } from '#functions/email-intake/intake.handler';
import { handler as listQuarantine } from '#functions/email-intake/list-quarantine.handler';
import { handler as listUnroutable } from '#functions/email-intake/list-unroutable.handler';
import { handler as release } from '#functions/email-intake/release-quarantined.handler';
import { handler as getInquiry } from '#functions/inquiries/get-inquiry.handler';
import { handler as listInquiries } from '#functions/inquiries/list-inquiries.handler';
import { formatThreadToken } from '#functions/inquiries/reference';
import { db, tableName } from '#shared/db/client';
import { mailStorage, RAW_PREFIX } from '#shared/mail/storage';
import { usageMonth } from '#shared/metering/events';
import { usageKey } from '#shared/metering/store';
import { call, claims } from '#test/support/api';
import { deliver, fixture, givenMailNetwork, inboxOf, sesEventFor, useMailSandbox } from '#test/support/mail';
import { deliverQueuedMail } from '#test/support/outbox';

const sandbox = useMailSandbox();
// the oversized fixture is 200 KB; the intake parses up to 100 KB in this file (25 MB by default)
process.env.INTAKE_MAX_BYTES = String(100 * 1024);

const coordinator = claims.coordinator;

async function inquiries(networkId: string) {
  return (
    await call(listInquiries, { method: 'GET', path: '/inquiries?limit=100', claims: coordinator(networkId) })
  ).body.items as {
    id: string;
    reference: string;
    subject: string;
    customer: { name: string; email: string };
  }[];
}

async function detail(networkId: string, id: string) {
  return (await call(getInquiry, { method: 'GET', path: `/inquiries/${id}`, claims: coordinator(networkId) }))
    .body;
}

async function rawOf(networkId: string, mailId: string) {
  const res = await call(getRaw, {
    method: 'GET',
    path: `/mail/${mailId}/raw`,
    claims: coordinator(networkId),
  });
  return { status: res.status, type: res.headers['content-type'], bytes: Buffer.from(res.text, 'base64') };
}

/** Acknowledgements a network sent to one address (the outbox is shared by the whole file). */
const acksTo = async (networkId: string, address: string) =>
  (await deliverQueuedMail().then(sandbox.outbox)).filter(
    (m) =>
      m.mail.from?.address === inboxOf(networkId) &&
      m.mail.to?.[0]?.address === address &&
      /Ihre Anfrage/.test(m.mail.subject ?? ''),
  );

describe('e-mail intake: the fixture corpus, each message ends somewhere with its raw source kept', () => {
  it('makes inquiries of personal mail: plain, alternative, QP umlauts, RFC 2047, attachments, Outlook HTML', async () => {
    // Prepare
    await givenMailNetwork('corp');
    const cases = [
      ['01-plain-text.eml', 'Anfrage Dachgeschossausbau', 'Karin Berger', 'ausbauen (ca. 60 m²)'],
      [
        '02-multipart-alternative.eml',
        'Kostenvoranschlag Badsanierung',
        'Thomas Wagner',
        'Dusche statt Wanne',
      ],
      [
        '03-quoted-printable-umlauts.eml',
        'Wärmepumpe für Einfamilienhaus',
        'Jürgen Öztürk',
        'alte Ölheizung',
      ],
      [
        '04-rfc2047-subject-sender.eml',
        'Lüftung und Küche – Anfrage',
        'Björn Müller-Straßer',
        'Wohnraumlüftung',
      ],
      ['05-pdf-attachment.eml', 'Grundriss für Umbau', 'Sabine Koller', 'Wand versetzen'],
      ['06-image-attachment.eml', 'Foto vom Wasserschaden', 'Lukas Hofer', 'Wasserleitung im Keller'],
      [
        '07-outlook-html-only.eml',
        'Angebot Büroumbau',
        'Petra Gruber',
        'neue Verkabelung für 20 Arbeitsplätze',
      ],
      ['13-missing-message-id.eml', 'Zaun und Carport', 'Franz Leitner', 'Carport aus Holz'],
      ['15-truncated-multipart.eml', 'Pläne für Zubau', 'Eva Steiner', 'Anbei die Pläne'],
    ] as const;
    for (const [file, subject, name, excerpt] of cases) {
      // Act
      const raw = fixture(file);
      const [outcome] = await deliver(raw, { to: inboxOf('corp') });
      // Assess
      expect(outcome, file).toMatchObject({ outcome: 'inquiry', networkId: 'corp' });
      if (outcome?.outcome !== 'inquiry') continue;
      const inquiry = await detail('corp', outcome.inquiryId);
      expect(inquiry, file).toMatchObject({ source: 'email', subject, customer: { name } });
      expect(inquiry.text, file).toContain(excerpt);
      expect(inquiry.timeline[0].kind).toBe('message-in');
      const kept = await rawOf('corp', outcome.mailId);
      expect(kept.status).toBe(200);
      expect(kept.type).toBe('message/rfc822');
      expect(kept.bytes.equals(raw), file).toBe(true);
    }
    expect(await inquiries('corp')).toHaveLength(cases.length);
  });

  it('records attachments with name, type and size and stores their bytes', async () => {
    await givenMailNetwork('att');
    const [outcome] = await deliver(fixture('05-pdf-attachment.eml'), { to: inboxOf('att') });
    if (outcome?.outcome !== 'inquiry') throw new Error(`expected an inquiry, got ${outcome?.outcome}`);
    const [entry] = (await detail('att', outcome.inquiryId)).timeline;
    const [attachment] = entry.data.attachments;
    expect(attachment).toMatchObject({
      filename: 'Grundriss EG.pdf',
      contentType: 'application/pdf',
      size: 327,
    });
    const stored = await mailStorage().getAttachment(attachment.key);
    expect(stored?.subarray(0, 8).toString()).toBe('%PDF-1.4');
  });

  it('acknowledges a new inquiry once, from the network, with the reference in the subject', async () => {
    await givenMailNetwork('ack', 'ACK');
    const [outcome] = await deliver(fixture('03-quoted-printable-umlauts.eml'), { to: inboxOf('ack') });
    const [ack] = await acksTo('ack', 'j.oeztuerk@example.at');
    const token = formatThreadToken((await inquiries('ack'))[0]!);
    expect(outcome?.outcome).toBe('inquiry');
    expect(ack?.mail.subject).toBe(`${token} Ihre Anfrage: Wärmepumpe für Einfamilienhaus`);
    expect(ack?.mail.from?.address).toBe(inboxOf('ack'));
    expect(ack?.mail.inReplyTo).toBe('<a7c1e2b3-qp@example.at>');
    expect(ack?.raw).toMatch(/^Auto-Submitted: auto-replied/m);
  });

  it('threads a reply by References, and a reply by the subject token alone, onto the inquiry', async () => {
    await givenMailNetwork('thr', 'HHN');
    const [first] = await deliver(fixture('01-plain-text.eml'), { to: inboxOf('thr') });
    const [second] = await deliver(fixture('02-multipart-alternative.eml'), { to: inboxOf('thr') });
    const reply = await deliver(fixture('08-reply-with-references.eml'), { to: inboxOf('thr') });
    // the customer answers the acknowledgement of the second inquiry by its reference only
    const { reference } = (await inquiries('thr')).find(
      (i) => i.subject === 'Kostenvoranschlag Badsanierung',
    )!;
    const tokenOnly = fixture('09-reply-subject-token-only.eml')
      .toString('utf8')
      .replace('HHN-2026-0001', reference);
    const [byToken] = await deliver(tokenOnly, { to: inboxOf('thr') });
    if (first?.outcome !== 'inquiry' || second?.outcome !== 'inquiry')
      throw new Error('expected two inquiries');
    expect(reply).toEqual([expect.objectContaining({ outcome: 'message', inquiryId: first.inquiryId })]);
    expect(byToken).toMatchObject({ outcome: 'message', inquiryId: second.inquiryId });
    expect(await inquiries('thr')).toHaveLength(2);
    const timeline = (await detail('thr', first.inquiryId)).timeline;
    expect(timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'message-in',
      'acknowledgement',
      'message-in',
    ]);
    expect(timeline[2].text).toContain('zwei Dachfenster');
  });

  it('files an auto-reply on its inquiry without answering it', async () => {
    await givenMailNetwork('ooo');
    const [first] = await deliver(fixture('01-plain-text.eml'), { to: inboxOf('ooo') });
    const [auto] = await deliver(fixture('10-auto-reply.eml'), { to: inboxOf('ooo') });
    expect(auto).toMatchObject({
      outcome: 'message',
      inquiryId: first?.outcome === 'inquiry' && first.inquiryId,
    });
    expect(await acksTo('ooo', 'k.berger@gmx.example')).toHaveLength(1);
  });

  it('files a bounce of an acknowledgement on its inquiry; a stray bounce goes to quarantine', async () => {
    await givenMailNetwork('bnc');
    const [first] = await deliver(fixture('02-multipart-alternative.eml'), { to: inboxOf('bnc') });
    const [ack] = await acksTo('bnc', 'thomas.wagner@example.net');
    const bounce = fixture('11-bounce-dsn.eml')
      .toString('utf8')
      .replace('<5f1c2d8e-0b1a-4c2d-9e3f-a1b2c3d4e5f6@inbound.verbund.test>', ack!.mail.messageId!);
    const [matched] = await deliver(bounce, { to: inboxOf('bnc'), from: '' });
    const other = fixture('11-bounce-dsn.eml').toString('utf8').replace('1F2A3B@mx', '9C8D7E@mx');
    const [stray] = await deliver(other, { to: inboxOf('bnc'), from: '' });
    expect(matched).toMatchObject({
      outcome: 'message',
      inquiryId: first?.outcome === 'inquiry' && first.inquiryId,
    });
    expect(stray).toMatchObject({ outcome: 'quarantined', reason: 'bounce' });
    expect(await inquiries('bnc')).toHaveLength(1);
    await deliverQueuedMail();
    expect(
      (await sandbox.outbox()).filter((m) => m.mail.to?.[0]?.address?.startsWith('MAILER-DAEMON')),
    ).toEqual([]);
  });

  it('does nothing twice for a redelivery, with or without Message-ID', async () => {
    await givenMailNetwork('dup');
    const outcomes = [
      ...(await deliver(fixture('01-plain-text.eml'), { to: inboxOf('dup') })),
      ...(await deliver(fixture('12-duplicate-delivery.eml'), { to: inboxOf('dup') })),
      ...(await deliver(fixture('13-missing-message-id.eml'), { to: inboxOf('dup') })),
      ...(await deliver(fixture('13-missing-message-id.eml'), { to: inboxOf('dup') })),
    ];
    expect(outcomes.map((o) => o.outcome)).toEqual(['inquiry', 'duplicate', 'inquiry', 'duplicate']);
    expect(await inquiries('dup')).toHaveLength(2);
    expect(await acksTo('dup', 'k.berger@gmx.example')).toHaveLength(1);
  });

  it('quarantines a message cut off in its headers and an oversized one, raw source kept', async () => {
    await givenMailNetwork('qrt');
    const [cut] = await deliver(fixture('14-truncated-headers.eml'), { to: inboxOf('qrt') });
    const [big] = await deliver(fixture('16-oversized.eml'), { to: inboxOf('qrt') });
    expect(cut).toMatchObject({ outcome: 'quarantined', reason: 'malformed' });
    expect(big).toMatchObject({ outcome: 'quarantined', reason: 'oversize' });
    const listed = await call(listQuarantine, {
      method: 'GET',
      path: '/quarantine',
      claims: coordinator('qrt'),
    });
    expect(listed.body.items.map((m: { quarantine: { reason: string } }) => m.quarantine.reason)).toEqual([
      'oversize',
      'malformed',
    ]);
    expect(listed.body.items[0]).toMatchObject({
      subject: 'Scan der Einreichpläne',
      from: { address: 'martin.bauer@example.com' },
    });
    expect((await rawOf('qrt', big!.mailId)).bytes.equals(fixture('16-oversized.eml'))).toBe(true);
    expect(await inquiries('qrt')).toEqual([]);
  });

  it('keeps list mail apart as automatic mail, not as an inquiry, without acknowledging it', async () => {
    await givenMailNetwork('lst');
    const [nl] = await deliver(fixture('18-mailing-list.eml'), { to: inboxOf('lst') });
    expect(nl).toMatchObject({ outcome: 'automatic', reason: 'list' });
    expect(await inquiries('lst')).toEqual([]);
    expect(await acksTo('lst', 'newsletter@baumarkt.example')).toEqual([]);
  });

  it('returns XSS payloads from subject, body and file names as plain JSON text', async () => {
    await givenMailNetwork('xss');
    const [o] = await deliver(fixture('17-xss.eml'), { to: inboxOf('xss') });
    if (o?.outcome !== 'inquiry') throw new Error('expected an inquiry');
    const res = await call(getInquiry, {
      method: 'GET',
      path: `/inquiries/${o.inquiryId}`,
      claims: coordinator('xss'),
    });
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.body.subject).toBe("<img src=x onerror=alert('subject')> Angebot");
    expect(res.body.text).not.toMatch(/alert\('body'\)|<iframe|onmouseover/);
    expect(res.body.timeline[0].data.attachments[0].filename).toBe("<svg onload=alert('file')>.pdf");
    // and the file name never reaches a header unescaped
    const raw = await call(getRaw, {
      method: 'GET',
      path: `/mail/${o.mailId}/raw`,
      claims: coordinator('xss'),
    });
    expect(raw.headers['content-disposition']).toBe(`attachment; filename="${o.mailId}.eml"`);
  });
});

describe('e-mail intake: routing, redelivery, verdicts', () => {
  it('routes by the envelope recipient, not the To: header (Bcc), and keeps unknown recipients for the operator', async () => {
    await givenMailNetwork('env');
    // the fixture says To: demo@…; the envelope says env-slug@… (a Bcc)
    const [routed] = await deliver(fixture('06-image-attachment.eml'), { to: inboxOf('env') });
    const [lost] = await deliver(fixture('05-pdf-attachment.eml'), { to: 'nobody@inbound.verbund.test' });
    expect(routed).toMatchObject({ outcome: 'inquiry', networkId: 'env' });
    expect(lost).toEqual({ outcome: 'unroutable', mailId: expect.any(String) });
    const month = new Date().toISOString().slice(0, 7);
    const ops = await call(listUnroutable, {
      method: 'GET',
      path: `/unroutable?month=${month}`,
      claims: claims.operator(),
    });
    expect(ops.body.items).toContainEqual(
      expect.objectContaining({ mailId: lost!.mailId, recipients: ['nobody@inbound.verbund.test'] }),
    );
    const raw = await call(getUnroutableRaw, {
      method: 'GET',
      path: `/unroutable/${month}/${lost!.mailId}/raw`,
      claims: claims.operator(),
    });
    expect(Buffer.from(raw.text, 'base64').equals(fixture('05-pdf-attachment.eml'))).toBe(true);
    const asCoordinator = await call(listUnroutable, {
      method: 'GET',
      path: '/unroutable',
      claims: coordinator('env'),
    });
    expect(asCoordinator.status).toBe(403);
  });

  it('creates one inquiry and one acknowledgement from the same SES event delivered 5 times at once', async () => {
    // Prepare
    await givenMailNetwork('five');
    const raw = fixture('04-rfc2047-subject-sender.eml');
    const event = sesEventFor(raw, { to: inboxOf('five') });
    await mailStorage().putRaw(`${RAW_PREFIX}${event.Records[0]!.ses.mail.messageId}`, raw);
    // Act: the deliveries that meet the claim in flight fail temporarily, and are retried
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => intake(structuredClone(event))));
    const retries = await Promise.all(
      results.filter((r) => r.status === 'rejected').map(() => intake(structuredClone(event))),
    );
    // Assess
    const first = results.flatMap((r) => (r.status === 'fulfilled' ? r.value.outcomes : []));
    for (const r of results) {
      if (r.status === 'rejected') expect(String(r.reason)).toMatch(/being processed/);
    }
    const outcomes = [...first, ...retries.flatMap((r) => r.outcomes)].map((o) => o.outcome).sort();
    expect(outcomes).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate', 'inquiry']);
    expect(await inquiries('five')).toHaveLength(1);
    expect(await acksTo('five', 'bjoern@mueller-strasser.example')).toHaveLength(1);
    const usage = await db.send(
      new GetCommand({ TableName: tableName, Key: usageKey('five', usageMonth()) }),
    );
    // the acknowledgement and the contact person's notice, each once
    expect(usage.Item).toMatchObject({ emailsReceived: 1, inquiriesCreated: 1, emailsSent: 2 });
  });

  it('quarantines virus and spam FAIL; the coordinator releases one, exactly once', async () => {
    // Prepare
    await givenMailNetwork('vir');
    const [virus] = await deliver(fixture('02-multipart-alternative.eml'), {
      to: inboxOf('vir'),
      verdicts: { virus: 'FAIL' },
    });
    const [spam] = await deliver(fixture('07-outlook-html-only.eml'), {
      to: inboxOf('vir'),
      verdicts: { spam: 'FAIL' },
    });
    expect(virus).toMatchObject({ outcome: 'quarantined', reason: 'virus' });
    expect(spam).toMatchObject({ outcome: 'quarantined', reason: 'spam' });
    expect(await inquiries('vir')).toEqual([]);
    // Act: two coordinators release the spam verdict at once
    const releases = await Promise.all(
      [1, 2].map(() =>
        call(release, {
          method: 'POST',
          path: `/quarantine/${spam!.mailId}/release`,
          claims: coordinator('vir'),
        }),
      ),
    );
    // Assess
    expect(releases.map((r) => r.status).sort()).toEqual([200, 409]);
    const released = releases.find((r) => r.status === 200)!.body;
    expect(released).toMatchObject({ outcome: 'inquiry' });
    const list = await inquiries('vir');
    expect(list.map((i) => i.subject)).toEqual(['Angebot Büroumbau']);
    expect(await acksTo('vir', 'petra.gruber@firma.example')).toHaveLength(1);
    const q = await call(listQuarantine, { method: 'GET', path: '/quarantine', claims: coordinator('vir') });
    expect(q.body.items.map((m: { mailId: string }) => m.mailId)).toEqual([virus!.mailId]);
  });

  it('releases a message it could not read as an inquiry pointing to the raw source; one without sender stays', async () => {
    await givenMailNetwork('rel');
    const [cut] = await deliver(fixture('14-truncated-headers.eml'), { to: inboxOf('rel'), from: '' });
    const res = await call(release, {
      method: 'POST',
      path: `/quarantine/${cut!.mailId}/release`,
      claims: coordinator('rel'),
    });
    expect(res.status).toBe(409);
    expect(res.body.errors).toEqual([
      { path: 'mailId', message: 'stays in quarantine: no-sender', code: 'still_quarantined' },
    ]);
    const [big] = await deliver(fixture('16-oversized.eml'), { to: inboxOf('rel') });
    const ok = await call(release, {
      method: 'POST',
      path: `/quarantine/${big!.mailId}/release`,
      claims: coordinator('rel'),
    });
    expect(ok.status).toBe(200);
    const inquiry = await detail('rel', ok.body.inquiryId);
    expect(inquiry).toMatchObject({
      subject: 'Scan der Einreichpläne',
      customer: { email: 'martin.bauer@example.com' },
    });
    expect(inquiry.text).toContain('download its raw source');
  });

  it('stops acknowledging one address after the loop-guard limit', async () => {
    await givenMailNetwork('loop');
    for (let i = 0; i < 5; i++) {
      const raw = fixture('13-missing-message-id.eml')
        .toString('utf8')
        .replace('Zaun und Carport', `Zaun ${i}`);
      await deliver(raw, { to: inboxOf('loop') });
    }
    expect(await inquiries('loop')).toHaveLength(5);
    expect(await acksTo('loop', 'franz.leitner@example.at')).toHaveLength(3);
  });

  it("gives another network's coordinator 404 for raw sources and releases", async () => {
    await givenMailNetwork('own');
    await givenMailNetwork('other');
    const [q] = await deliver(fixture('01-plain-text.eml'), {
      to: inboxOf('own'),
      verdicts: { spam: 'FAIL' },
    });
    const raw = await call(getRaw, {
      method: 'GET',
      path: `/mail/${q!.mailId}/raw`,
      claims: coordinator('other'),
    });
    const rel = await call(release, {
      method: 'POST',
      path: `/quarantine/${q!.mailId}/release`,
      claims: coordinator('other'),
    });
    const list = await call(listQuarantine, {
      method: 'GET',
      path: '/quarantine',
      claims: coordinator('other'),
    });
    expect([raw.status, rel.status]).toEqual([404, 404]);
    expect(list.body.items).toEqual([]);
    const mine = await call(listQuarantine, {
      method: 'GET',
      path: '/quarantine',
      claims: coordinator('own'),
    });
    expect(mine.body.items).toHaveLength(1);
    const bad = await call(getRaw, {
      method: 'GET',
      path: '/mail/not-an-id/raw',
      claims: coordinator('own'),
    });
    expect(bad.status).toBe(400);
  });
});
