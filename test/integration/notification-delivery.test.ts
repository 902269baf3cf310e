import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as acceptProposal } from '#functions/matching/accept-proposal.handler';
import { handler as requestProposals } from '#functions/matching/request-proposals.handler';
import { handler as getPreference } from '#functions/notifications/get-preference.handler';
import { handler as putPreference } from '#functions/notifications/put-preference.handler';
import { handler as sendSummary } from '#functions/notifications/send-summary.handler';
import { handler as closeScheduled } from '#functions/purchasing/close-pool.handler';
import { handler as joinPool } from '#functions/purchasing/join-pool.handler';
import { handler as openPool } from '#functions/purchasing/open-pool.handler';
import { poolKeys } from '#functions/purchasing/store';
import { db, tableName } from '#shared/db/client';
import { type ScheduleSpec, useScheduler } from '#shared/scheduler/index';
import { type Claims, call, claims } from '#test/support/api';
import { deliver, givenMailNetwork, inboxOf, useMailSandbox } from '#test/support/mail';
import { givenInquiry, givenMatchingNetwork, givenPartner } from '#test/support/matching';
import { deliverQueuedMail } from '#test/support/outbox';

/**
 * Quarantined mail, capacity conflicts and failed pools reach the contact person and the
 * coordinators who opted in, each in their language, at once or in one daily summary.
 */
const sandbox = useMailSandbox();
const schedules = new Map<string, ScheduleSpec>();
beforeAll(() => {
  useScheduler({
    upsert: async (spec) => void schedules.set(spec.name, spec),
    remove: async (name) => void schedules.delete(name),
  });
});

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

const as = (net: string, email: string): Claims => ({ ...claims.coordinator(net), email });
const choose = (net: string, email: string, body: object) =>
  call(putPreference, { method: 'PUT', path: '/notifications/preference', claims: as(net, email), body });

const virusMail = (net: string, subject: string) =>
  deliver(
    [
      'From: Mallory <mallory@bad.example>',
      `To: ${inboxOf(net)}`,
      `Subject: ${subject}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!',
      '',
    ].join('\r\n'),
    { to: inboxOf(net), from: 'mallory@bad.example' },
  );

async function failedPool(net: string, partnerId: string) {
  const res = await call(openPool, {
    method: 'POST',
    path: '/pools',
    claims: claims.coordinator(net),
    body: {
      supplier: { name: 'Holz Großhandel GmbH', email: 'orders@holz.example' },
      article: { name: 'OSB-Platte 18 mm', number: 'OSB-18', unit: 'Stk' },
      listPriceCents: 1500,
      tiers: [{ minQuantity: 10, unitPriceCents: 1300 }],
      deadline: new Date(Date.now() + 3_600_000).toISOString(),
      minimumQuantity: 100,
    },
  });
  expect(res.status, res.text).toBe(201);
  const poolId = res.body.id as string;
  await call(joinPool, {
    method: 'POST',
    path: `/pools/${poolId}/lines`,
    claims: claims.partner(net, partnerId),
    body: { quantity: 3 },
  });
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: poolKeys.pool(net, poolId),
      UpdateExpression: 'SET deadline = :now',
      ExpressionAttributeValues: { ':now': new Date().toISOString() },
    }),
  );
  expect(await closeScheduled({ networkId: net, poolId }, {} as never)).toMatchObject({
    status: 'cancelled',
  });
}

/** Two inquiries that each want 30 of the joiner's 40 hours, accepted at the same time: one loses. */
async function capacityRace(net: string) {
  await givenPartner(net, `${net}-solo`, { carpentry: 3 }, 40);
  const proposals = [];
  for (let i = 0; i < 2; i++) {
    const inquiry = await givenInquiry(net, { competences: [{ competenceId: 'carpentry', hours: 30 }] });
    const run = await call(requestProposals, {
      method: 'POST',
      path: `/inquiries/${inquiry.id}/proposals`,
      claims: claims.coordinator(net),
      body: {},
    });
    expect(run.status, run.text).toBe(201);
    proposals.push({ inquiry, proposalId: run.body.proposals[0].id as string });
  }
  const results = await Promise.all(
    proposals.map((p) =>
      call(acceptProposal, {
        method: 'POST',
        path: `/inquiries/${p.inquiry.id}/proposals/${p.proposalId}/accept`,
        claims: claims.coordinator(net),
        body: {},
      }),
    ),
  );
  expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  return proposals[results.findIndex((r) => r.status === 409)]!.inquiry;
}

describe('notifications at once', () => {
  it('tells the contact person (German) and an opted-in coordinator (English) of a quarantined mail, once', async () => {
    // Prepare
    await givenMailNetwork('nq1');
    expect(
      (await choose('nq1', 'lena@nq1.example', { delivery: 'immediate', language: 'en-GB' })).status,
    ).toBe(200);
    // Act: a mail with a virus, delivered twice (SES retries)
    const messageId = 'virus-nq1';
    await virusMail('nq1', 'Rechnung');
    const [outcome] = await deliver(
      Buffer.from(`From: x@y.example\r\nTo: ${inboxOf('nq1')}\r\nSubject: second\r\n\r\nhello\r\n`),
      { to: inboxOf('nq1'), messageId, verdicts: { virus: 'FAIL' } },
    );
    expect(outcome).toMatchObject({ outcome: 'quarantined' });
    // Assess
    const de = await to('office@nq1.example');
    expect(de.map((m) => m.subject).sort()).toEqual([
      'E-Mail zurückgehalten: Rechnung',
      'E-Mail zurückgehalten: second',
    ]);
    const first = de.find((m) => m.subject.endsWith('Rechnung'))!;
    expect(first.text).toContain('Absender: Mallory <mallory@bad.example>');
    expect(first.text).toContain('Grund: ein Virus wurde gefunden');
    expect(first.html).toContain('<html lang="de">');
    const en = await to('lena@nq1.example');
    expect(en.map((m) => m.subject).sort()).toEqual([
      'Mail held in quarantine: Rechnung',
      'Mail held in quarantine: second',
    ]);
    expect(en[0]!.text).toContain('Reason: a virus was found');
  });

  it('tells of a capacity conflict when an accept loses the race, in each person’s language', async () => {
    await givenMatchingNetwork('nc1');
    await choose('nc1', 'lena@nc1.example', { delivery: 'immediate', language: 'en-GB' });
    const loser = await capacityRace('nc1');
    const [de] = await to('office@nc1.example');
    expect(de!.subject).toBe(`Kapazitätskonflikt: ${loser.reference}`);
    expect(de!.text).toContain('die Kapazität ist inzwischen vergeben');
    expect(de!.text).toMatch(
      /Detail: nc1-solo hat von KW \d+\/2030 bis KW \d+\/2030 nur 10 der 30 Stunden frei|Detail: Ressource nc1-solo-r1 von nc1-solo in KW \d+\/2030: 30 Stunden mehr haben keinen Platz/,
    );
    const [en] = await to('lena@nc1.example');
    expect(en!.subject).toBe(`Capacity conflict: ${loser.reference}`);
    expect(en!.text).toContain('the capacity was taken meanwhile');
  });

  it('tells of a pool that failed its minimum in German and English', async () => {
    await givenMailNetwork('np1');
    await choose('np1', 'lena@np1.example', { delivery: 'immediate', language: 'en-GB' });
    await failedPool('np1', 'np1-p1');
    const [de] = await to('office@np1.example');
    expect(de!.subject).toBe('Pool nicht zustande gekommen: OSB-Platte 18 mm');
    expect(de!.text).toContain('> die Mindestmenge von 100 wurde nicht erreicht (3 angefragt)');
    const [en] = await to('lena@np1.example');
    expect(en!.subject).toBe('Pool failed: OSB-Platte 18 mm');
    expect(en!.text).toContain('the minimum total quantity of 100 was not reached (3 requested)');
  });

  it('mails nobody who did not opt in, and an opted-out coordinator nothing', async () => {
    await givenMailNetwork('nq2');
    await choose('nq2', 'off@nq2.example', { delivery: 'off' });
    await virusMail('nq2', 'Angebot');
    const all = await sent();
    expect(all.filter((m) => m.to === 'off@nq2.example')).toEqual([]);
    expect(all.filter((m) => m.to === 'office@nq2.example').map((m) => m.subject)).toEqual([
      'E-Mail zurückgehalten: Angebot',
    ]);
  });
});

describe('the daily summary', () => {
  it('collects a day’s notices into one mail per person (German and English), once per day', async () => {
    // Prepare: the contact person (German) and a coordinator (English) both chose daily
    await givenMatchingNetwork('nd1');
    const mine = await choose('nd1', 'office@nd1.example', { delivery: 'daily' });
    expect(mine.body).toEqual({ email: 'office@nd1.example', delivery: 'daily', contactPerson: true });
    await choose('nd1', 'lena@nd1.example', { delivery: 'daily', language: 'en-GB' });
    const spec = schedules.get('notify-summary-nd1')!;
    expect([spec.expression, spec.timezone, spec.target]).toEqual([
      'cron(0 7 * * ? *)',
      'Europe/Vienna',
      'notification-summary',
    ]);
    // Act: one of each kind during the day
    await virusMail('nd1', 'Rechnung');
    const loser = await capacityRace('nd1');
    await failedPool('nd1', 'nd1-solo');
    // Assess: nothing yet, then one summary each when the schedule fires (twice: a retry)
    expect((await sent()).filter((m) => m.to.endsWith('@nd1.example'))).toEqual([]);
    const event = { networkId: 'nd1', scheduledTime: '2027-03-01T06:00:00Z' };
    expect(await sendSummary(event, {} as never)).toEqual({ sent: 2 });
    expect(await sendSummary(event, {} as never)).toEqual({ sent: 0 });
    const [de, ...moreDe] = await to('office@nd1.example');
    expect(moreDe).toEqual([]);
    expect(de!.subject).toBe('Tageszusammenfassung 01.03.2027: 3 Hinweise');
    expect(de!.text).toContain(
      'ZURÜCKGEHALTENE E-MAILS\n\n- „Rechnung“ von Mallory <mallory@bad.example>: ein Virus wurde gefunden',
    );
    expect(de!.text).toContain(
      `KAPAZITÄTSKONFLIKTE\n\n- ${loser.reference} „Dachausbau mit Bad“: Kapazität inzwischen vergeben`,
    );
    expect(de!.text).toContain(
      'NICHT ZUSTANDE GEKOMMENE EINKAUFSPOOLS\n\n- OSB-Platte 18 mm (Holz Großhandel GmbH)',
    );
    const [en, ...moreEn] = await to('lena@nd1.example');
    expect(moreEn).toEqual([]);
    expect(en!.subject).toBe('Daily summary 01/03/2027: 3 notices');
    expect(en!.text).toContain(
      'MAIL HELD IN QUARANTINE\n\n- "Rechnung" from Mallory <mallory@bad.example>: a virus was found',
    );
    expect(en!.text).toContain('PURCHASE POOLS THAT FAILED');
    // the next day without notices: no mail
    expect(
      await sendSummary({ networkId: 'nd1', scheduledTime: '2027-03-02T06:00:00Z' }, {} as never),
    ).toEqual({
      sent: 0,
    });
  });
});

describe('PUT /notifications/preference', () => {
  it('refuses bad values and unknown fields naming the field, and partners', async () => {
    await givenMailNetwork('nb1');
    const bad = await choose('nb1', 'a@nb1.example', { delivery: 'weekly' });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['delivery']);
    const extra = await choose('nb1', 'a@nb1.example', { delivery: 'daily', email: 'other@x.example' });
    expect(extra.status).toBe(400);
    const lang = await choose('nb1', 'a@nb1.example', { delivery: 'daily', language: 'fr-FR' });
    expect(lang.body.errors.map((e: { path: string }) => e.path)).toEqual(['language']);
    const partner = await call(putPreference, {
      method: 'PUT',
      path: '/notifications/preference',
      claims: claims.partner('nb1', 'nb1-p1'),
      body: { delivery: 'daily' },
    });
    expect(partner.status).toBe(403);
    const mine = await call(getPreference, {
      method: 'GET',
      path: '/notifications/preference',
      claims: as('nb1', 'a@nb1.example'),
    });
    expect(mine.body).toEqual({ email: 'a@nb1.example', delivery: 'off', contactPerson: false });
    expect(schedules.has('notify-summary-nb1')).toBe(false);
  });

  it('keeps each network’s choices to itself', async () => {
    await givenMailNetwork('nt1');
    await givenMailNetwork('nt2');
    // the same person opts in for daily in nt2 only; nt1's notice still goes to nt1's contact at once
    await choose('nt2', 'office@nt1.example', { delivery: 'daily' });
    await choose('nt2', 'spy@nt2.example', { delivery: 'immediate' });
    await virusMail('nt1', 'Vertraulich');
    const all = await sent();
    expect(all.filter((m) => m.to === 'office@nt1.example').map((m) => m.subject)).toEqual([
      'E-Mail zurückgehalten: Vertraulich',
    ]);
    expect(all.filter((m) => m.to === 'spy@nt2.example')).toEqual([]);
    const theirs = await call(getPreference, {
      method: 'GET',
      path: '/notifications/preference',
      claims: as('nt1', 'spy@nt2.example'),
    });
    expect(theirs.body).toMatchObject({ delivery: 'off' });
  });
});
