import { describe, expect, it } from 'vitest';
import { handler as confirmHeld } from '#functions/email-intake/confirm-held-mail.handler';
import { handler as listHeld } from '#functions/email-intake/list-held-mail.handler';
import { handler as listQuarantine } from '#functions/email-intake/list-quarantine.handler';
import { handler as rejectHeld } from '#functions/email-intake/reject-held-mail.handler';
import { handler as getInquiry } from '#functions/inquiries/get-inquiry.handler';
import { handler as listInquiries } from '#functions/inquiries/list-inquiries.handler';
import { call, claims } from '#test/support/api';
import { deliver, fixture, givenMailNetwork, inboxOf, useMailSandbox } from '#test/support/mail';
import { deliverQueuedMail } from '#test/support/outbox';

const sandbox = useMailSandbox();
const coordinator = claims.coordinator;

interface Timeline {
  kind: string;
  by?: string;
  text: string;
  data: { confirmedBy?: string };
}

const timelineOf = async (networkId: string, inquiryId: string) =>
  (await call(getInquiry, { method: 'GET', path: `/inquiries/${inquiryId}`, claims: coordinator(networkId) }))
    .body.timeline as Timeline[];

const held = async (networkId: string, query = '') =>
  call(listHeld, { method: 'GET', path: `/held-mail${query}`, claims: coordinator(networkId) });

const decide = (action: 'confirm' | 'reject', networkId: string, mailId: string) =>
  call(action === 'confirm' ? confirmHeld : rejectHeld, {
    method: 'POST',
    path: `/held-mail/${mailId}/${action}`,
    claims: coordinator(networkId),
  });

/** A network with Thomas Wagner's inquiry (fixture 02) and the acknowledgement he received. */
async function givenInquiry(networkId: string) {
  await givenMailNetwork(networkId, 'HHN');
  const [created] = await deliver(fixture('02-multipart-alternative.eml'), { to: inboxOf(networkId) });
  if (created?.outcome !== 'inquiry') throw new Error(`expected an inquiry, got ${created?.outcome}`);
  const inquiry = (
    await call(listInquiries, { method: 'GET', path: '/inquiries', claims: coordinator(networkId) })
  ).body.items[0] as { id: string; reference: string };
  const ack = (await deliverQueuedMail().then(sandbox.outbox)).find(
    (m) =>
      m.mail.from?.address === inboxOf(networkId) && m.mail.to?.[0]?.address === 'thomas.wagner@example.net',
  );
  if (!ack) throw new Error('no acknowledgement was sent');
  return { inquiryId: created.inquiryId, reference: inquiry.reference, ack: ack.mail };
}

/** A fixture with the fixture corpus' reference (HHN-2026-0001) swapped for this network's. */
const withReference = (name: string, reference: string) =>
  fixture(name).toString('utf8').replaceAll('HHN-2026-0001', reference);

describe('mail a stranger sends: held for the coordinator, never shown as the customer', () => {
  it('holds a stranger who names only the reference number; the inquiry shows nothing of it', async () => {
    // Prepare
    const { inquiryId, reference } = await givenInquiry('str');
    // Act
    const [outcome] = await deliver(withReference('19-stranger-reference-only.eml', reference), {
      to: inboxOf('str'),
    });
    // Assess
    expect(outcome).toMatchObject({ outcome: 'held', reason: 'stranger', inquiryId });
    expect((await timelineOf('str', inquiryId)).map((e) => e.kind)).toEqual([
      'message-in',
      'acknowledgement',
    ]);
    const list = await held('str');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        state: 'held',
        from: { name: 'Buchhaltung', address: 'zahlung@fremd.example' },
        held: expect.objectContaining({ reason: 'stranger', inquiryId, reference }),
      }),
    ]);
  });

  it('carries the thread token in the acknowledgement: anyone who has it threads, a guessed token does not', async () => {
    // Prepare
    const { inquiryId, reference, ack } = await givenInquiry('tok');
    const token = /\[(HHN-\d{4}-\d{4} #[0-9a-z]{8})\]/.exec(ack.subject ?? '')?.[1];
    expect(token, ack.subject).toMatch(new RegExp(`^${reference} #`));
    // Act: the customer's wife forwards the acknowledgement; someone else guesses the secret
    const colleague = withReference('21-colleague-with-thread-token.eml', reference).replace(
      `${reference} #xxxxxxxx`,
      token!,
    );
    const guessed = withReference('21-colleague-with-thread-token.eml', reference)
      .replace(`${reference} #xxxxxxxx`, `${reference} #abcdefgh`)
      .replace('colleague-2210', 'guess-1');
    const [byToken] = await deliver(colleague, { to: inboxOf('tok') });
    const [byGuess] = await deliver(guessed, { to: inboxOf('tok') });
    // Assess
    expect(byToken).toMatchObject({ outcome: 'message', inquiryId });
    expect(byGuess).toMatchObject({ outcome: 'held', reason: 'stranger' });
    const timeline = await timelineOf('tok', inquiryId);
    expect(timeline.at(-1)).toMatchObject({ kind: 'message-in', by: 'eva.wagner@example.net' });
  });

  it('holds a reply that fails DMARC even when it answers the conversation, and a new inquiry that fails it', async () => {
    // Prepare
    const { inquiryId, ack } = await givenInquiry('dmc');
    const forged = fixture('20-dmarc-fail-reply.eml')
      .toString('utf8')
      .replaceAll('<answered-message-id@inbound.verbund.test>', ack.messageId!);
    const before = (await sandbox.outbox()).length;
    // Act
    const [reply] = await deliver(forged, { to: inboxOf('dmc') });
    const [fresh] = await deliver(fixture('01-plain-text.eml'), {
      to: inboxOf('dmc'),
      verdicts: { dmarc: 'FAIL', dmarcPolicy: 'quarantine' },
    });
    // Assess
    expect(reply).toMatchObject({ outcome: 'held', reason: 'dmarc-fail', inquiryId });
    expect(fresh).toMatchObject({ outcome: 'held', reason: 'dmarc-fail' });
    expect(fresh).not.toHaveProperty('inquiryId');
    const list = (await held('dmc')).body.items as { held: { detail: string } }[];
    expect(list.map((i) => i.held.detail)).toContain(
      'DMARC FAIL for thomas.wagner@example.net (policy reject; SPF FAIL, DKIM GRAY)',
    );
    expect((await timelineOf('dmc', inquiryId)).map((e) => e.kind)).toEqual([
      'message-in',
      'acknowledgement',
    ]);
    const inquiries = await call(listInquiries, {
      method: 'GET',
      path: '/inquiries',
      claims: coordinator('dmc'),
    });
    expect(inquiries.body.items).toHaveLength(1);
    await deliverQueuedMail();
    expect((await sandbox.outbox()).length).toBe(before);
  });

  it('lets the coordinator confirm a held message onto its inquiry, under the sender it really has', async () => {
    // Prepare
    const { inquiryId, reference } = await givenInquiry('cnf');
    const [outcome] = await deliver(withReference('19-stranger-reference-only.eml', reference), {
      to: inboxOf('cnf'),
    });
    // Act
    const confirmed = await decide('confirm', 'cnf', outcome!.mailId);
    const again = await decide('confirm', 'cnf', outcome!.mailId);
    // Assess
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ outcome: 'message', inquiryId });
    expect(again.status).toBe(409);
    expect(again.body.errors[0]).toMatchObject({ path: 'mailId', code: 'not_held' });
    const last = (await timelineOf('cnf', inquiryId)).at(-1);
    expect(last).toMatchObject({ kind: 'message-in', by: 'zahlung@fremd.example' });
    expect(last?.text).toContain('neues Konto');
    expect((await held('cnf')).body.items).toEqual([]);
  });

  it('lets the coordinator reject a held message: it reaches no inquiry and cannot be confirmed after', async () => {
    // Prepare
    const { inquiryId, reference } = await givenInquiry('rej');
    const [outcome] = await deliver(withReference('19-stranger-reference-only.eml', reference), {
      to: inboxOf('rej'),
    });
    // Act
    const rejected = await decide('reject', 'rej', outcome!.mailId);
    const late = await decide('confirm', 'rej', outcome!.mailId);
    // Assess
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ state: 'rejected', rejectedBy: 'coord-rej' });
    expect(late.status).toBe(409);
    expect((await timelineOf('rej', inquiryId)).map((e) => e.kind)).toEqual([
      'message-in',
      'acknowledgement',
    ]);
    expect((await held('rej')).body.items).toEqual([]);
  });

  it('decides a confirmation racing a rejection once', async () => {
    // Prepare: five held messages, each confirmed and rejected at the same moment
    const { inquiryId, reference } = await givenInquiry('race');
    const mailIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const raw = withReference('19-stranger-reference-only.eml', reference).replace('4711', `race-${i}`);
      const [outcome] = await deliver(raw, { to: inboxOf('race') });
      mailIds.push(outcome!.mailId);
    }
    // Act
    const results = await Promise.all(
      mailIds.map((id) => Promise.all([decide('confirm', 'race', id), decide('reject', 'race', id)])),
    );
    // Assess
    let confirmedCount = 0;
    for (const [confirm, reject] of results) {
      expect([confirm.status, reject.status].sort()).toEqual([200, 409]);
      if (confirm.status === 200) confirmedCount++;
    }
    const messages = (await timelineOf('race', inquiryId)).filter((e) => e.kind === 'message-in');
    expect(messages).toHaveLength(1 + confirmedCount);
  });

  it('shows another network nothing of a held message and lets it decide nothing', async () => {
    // Prepare
    const { reference } = await givenInquiry('own');
    await givenMailNetwork('other', 'HHN');
    const [outcome] = await deliver(withReference('19-stranger-reference-only.eml', reference), {
      to: inboxOf('own'),
    });
    // Act
    const list = await held('other');
    const confirm = await decide('confirm', 'other', outcome!.mailId);
    const reject = await decide('reject', 'other', outcome!.mailId);
    const partner = await call(listHeld, {
      method: 'GET',
      path: '/held-mail',
      claims: claims.partner('own', 'own-p1'),
    });
    // Assess
    expect(list.body.items).toEqual([]);
    expect(confirm.status).toBe(404);
    expect(reject.status).toBe(404);
    expect(partner.status).toBe(403);
    expect((await held('own')).body.items).toHaveLength(1);
  });

  it('answers bad input with a problem naming the field', async () => {
    await givenMailNetwork('bad');
    const badId = await decide('confirm', 'bad', 'not-a-mail-id');
    const badQuery = await held('bad', '?colour=red');
    const badLimit = await held('bad', '?limit=0');
    expect(badId.status).toBe(400);
    expect(badId.headers['content-type']).toMatch(/problem\+json/);
    expect(badId.body.errors[0].path).toBe('path.mailId');
    expect(badQuery.status).toBe(400);
    expect(JSON.stringify(badQuery.body.errors)).toContain('colour');
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.errors[0].path).toBe('query.limit');
  });
});

describe('verdicts as SES gives them: the local stand-in reads test headers and the EICAR string', () => {
  it('quarantines a spam verdict and the EICAR test file; a clean message becomes an inquiry', async () => {
    await givenMailNetwork('ver');
    const [virus] = await deliver(fixture('22-eicar-attachment.eml'), { to: inboxOf('ver') });
    const [spam] = await deliver(fixture('23-spam-verdict.eml'), { to: inboxOf('ver') });
    const [clean] = await deliver(fixture('06-image-attachment.eml'), { to: inboxOf('ver') });
    expect(virus).toMatchObject({ outcome: 'quarantined', reason: 'virus' });
    expect(spam).toMatchObject({ outcome: 'quarantined', reason: 'spam' });
    expect(clean).toMatchObject({ outcome: 'inquiry' });
    const list = await call(listQuarantine, {
      method: 'GET',
      path: '/quarantine',
      claims: coordinator('ver'),
    });
    expect(
      list.body.items.map((i: { quarantine: { reason: string } }) => i.quarantine.reason).sort(),
    ).toEqual(['spam', 'virus']);
  });
});
