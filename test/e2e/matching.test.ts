import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForMail } from '#test/support/outbox';
import { type RunningRuntime, removeDataDir, startRuntime } from '#test/support/runtime';

/** A bathroom job in March 2027 (ISO weeks 2027-W09 … 2027-W12). */
const TIMEFRAME = { from: '2027-03-01', to: '2027-03-28' };

describe('npm start: matching a customer inquiry to a team of the demo network', () => {
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

  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely
  const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });

  it('creates, qualifies, matches and accepts an inquiry; calendars and mails show the job', async () => {
    // Prepare: the coordinator records an inquiry with its competences and qualifies it
    const created = await json(
      await rt.api('POST', '/inquiries', {
        token: coordinator,
        body: {
          customer: { name: 'Familie Leitner', email: 'leitner@example.org' },
          subject: 'Badsanierung mit Fußbodenheizung',
          text: 'Altes Bad raus, neues Bad mit Fußbodenheizung.',
          postcode: '2340',
          timeframe: TIMEFRAME,
          competences: [
            { competenceId: 'plumbing', hours: 120, minLevel: 3 },
            { competenceId: 'heating', hours: 60 },
          ],
        },
      }),
    );
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const qualified = await rt.api('POST', `/inquiries/${id}/status`, {
      token: coordinator,
      body: { status: 'qualified' },
    });
    expect(qualified.status).toBe(200);

    // Act: request proposals
    const run = await json(
      await rt.api('POST', `/inquiries/${id}/proposals`, { token: coordinator, body: {} }),
    );
    expect(run.status).toBe(201);
    const best = run.body.proposals[0];
    expect(best.complete).toBe(true);
    expect(best.explanation.map((t: { term: string }) => t.term)).toContain('fairness');
    const lead = best.leadPartnerId as string;

    // the lead partner sees the offer, its calendar still free
    const leadToken = await rt.token({ role: 'partner', networkId: 'demo', partnerId: lead });
    const offers = await json(await rt.api('GET', '/proposals', { token: leadToken }));
    expect(offers.body.items.map((o: { inquiryId: string }) => o.inquiryId)).toContain(id);
    const calendarPath = `/calendar?from=${TIMEFRAME.from}&to=${TIMEFRAME.to}`;
    const before = await json(await rt.api('GET', calendarPath, { token: leadToken }));
    expect(before.body.partners[0].totals.booked).toBe(0);

    // Act: accept the best proposal
    const job = await json(
      await rt.api('POST', `/inquiries/${id}/proposals/${best.id}/accept`, { token: coordinator, body: {} }),
    );

    // Assess: the job, the inquiry, the calendars, the mails
    expect(job.status).toBe(201);
    expect(job.body.leadPartnerId).toBe(lead);
    const inquiry = await json(await rt.api('GET', `/inquiries/${id}`, { token: coordinator }));
    expect(inquiry.body).toMatchObject({ status: 'accepted', leadPartnerId: lead });
    const after = await json(await rt.api('GET', calendarPath, { token: leadToken }));
    const leadHours = job.body.assignments
      .filter((a: { partnerId: string }) => a.partnerId === lead)
      .reduce((s: number, a: { hours: number }) => s + a.hours, 0);
    expect(after.body.partners[0].totals.booked).toBe(leadHours);
    const everyone = await json(await rt.api('GET', calendarPath, { token: coordinator }));
    const booked = everyone.body.partners.reduce(
      (s: number, p: { totals: { booked: number } }) => s + p.totals.booked,
      0,
    );
    expect(booked).toBe(180);

    // the job mails were queued with the job; the local stream poller sends them
    const isJobMail = (m: { subject: string }) => m.subject.startsWith(`[${created.body.reference}] Auftrag`);
    const mails = await waitForMail(
      join(rt.dataDir, 'outbox'),
      (all) => all.filter(isJobMail).length >= job.body.mailed.length,
    );
    const jobMails = mails.filter(isJobMail);
    expect(jobMails).toHaveLength(job.body.mailed.length);
    expect(jobMails.find((m) => m.subject.includes('(Lead)'))!.text).toContain('leitner@example.org');
  });

  it('lets a partner refer its own customer, which then credits it in the ledger', async () => {
    const partner = await rt.token({ role: 'partner', networkId: 'demo', partnerId: 'demo-p1' });
    const referral = await json(
      await rt.api('POST', '/referrals', {
        token: partner,
        body: {
          customer: { name: 'Berta Bauherr', email: 'berta@bau.example' },
          subject: 'Photovoltaik aufs Carport',
          text: 'PV-Anlage mit 10 kWp auf dem neuen Carport.',
          timeframe: { from: '2027-05-03', to: '2027-05-16' },
          competences: [{ competenceId: 'solar', hours: 40 }],
        },
      }),
    );
    expect(referral.status).toBe(201);
    expect(referral.body).toMatchObject({ source: 'referral', referredByPartnerId: 'demo-p1' });
    const id = referral.body.id as string;
    await rt.api('POST', `/inquiries/${id}/status`, { token: coordinator, body: { status: 'qualified' } });
    const run = await json(
      await rt.api('POST', `/inquiries/${id}/proposals`, { token: coordinator, body: {} }),
    );
    const accepted = await rt.api('POST', `/inquiries/${id}/proposals/${run.body.proposals[0].id}/accept`, {
      token: coordinator,
      body: {},
    });
    expect(accepted.status).toBe(201);
    const ledger = await json(await rt.api('GET', '/referrals/ledger', { token: partner }));
    expect(ledger.body.partners).toEqual([
      expect.objectContaining({ partnerId: 'demo-p1', givenHours: 40, givenCount: 1 }),
    ]);
  });
});
