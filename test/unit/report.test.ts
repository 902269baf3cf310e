import { describe, expect, it } from 'vitest';
import { CSV_HEADER, reportCsv } from '#functions/reports/csv';
import type { LearningPost } from '#functions/reports/learning';
import { buildReport, partnerReport, type ReportInput, reportPeriod } from '#functions/reports/report';
import { reportHtml, reportMail } from '#functions/reports/reports-mail';
import {
  expressionOf,
  reportScheduleName,
  SCHEDULED_TIME,
  scheduleErrors,
} from '#functions/reports/schedule';
import { withContextAttributes } from '#infra/local/scheduler';

const VIENNA = 'Europe/Vienna';
const NOW = '2026-12-30T12:00:00.000Z'; // Wednesday of 2026-W53

function period() {
  const r = reportPeriod(NOW, VIENNA, { from: '2026-W52', to: '2027-W02' });
  if (!('period' in r)) throw new Error('expected a period');
  return r.period;
}

const post = (
  kind: 'question' | 'practice',
  title: string,
  createdAt: string,
  more: Partial<LearningPost> = {},
): LearningPost => ({
  kind,
  title,
  createdAt,
  authorPartnerId: 'a',
  answerCount: 0,
  helpful: 0,
  hidden: false,
  deleted: false,
  ...more,
});

const pool = (id: string, closedAt: string, lines: [string, number][]) => ({
  id,
  article: { name: `Artikel ${id}` },
  supplier: { name: 'Holz Großhandel GmbH' },
  closedAt,
  allocation: {
    savingsVsListCents: lines.reduce((s, [, c]) => s + c, 0),
    savingsVsAloneCents: 100,
    lines: lines.map(([partnerId, savingsVsListCents]) => ({
      partnerId,
      savingsVsListCents,
      savingsVsAloneCents: 50,
    })),
  },
});

const input: ReportInput = {
  network: { id: 'hhn', name: 'Holzbau & Haustechnik' },
  period: period(),
  generatedAt: NOW,
  partners: [
    { id: 'a', name: 'Tischlerei "Müller", Söhne', active: true },
    { id: 'b', name: 'Elektro Özdemir', active: true },
    { id: 'c', name: 'Ehemals GmbH', active: false },
  ],
  resources: [
    { id: 'r1', partnerId: 'a', kind: 'people', hoursPerWeek: 40, exceptions: [] },
    { id: 'r2', partnerId: 'b', kind: 'people', hoursPerWeek: 40, exceptions: [] },
    { id: 'r3', partnerId: 'c', kind: 'people', hoursPerWeek: 40, exceptions: [] },
  ],
  bookings: [
    { partnerId: 'a', resourceId: 'r1', week: '2026-W53', booked: 36 },
    { partnerId: 'a', resourceId: 'r1', week: '2027-W01', booked: 44 },
    { partnerId: 'b', resourceId: 'r2', week: '2027-W01', booked: 28 },
  ],
  ledger: [
    {
      at: '2026-12-22T10:00:00.000Z',
      jobId: 'j1',
      inquiryId: 'i1',
      giver: 'network',
      receiver: 'a',
      hours: 30,
    },
    { at: '2026-12-29T10:00:00.000Z', jobId: 'j2', inquiryId: 'i2', giver: 'b', receiver: 'a', hours: 10 },
  ],
  openInquiries: [
    { status: 'new', createdAt: '2026-12-29T08:00:00.000Z' }, // 1 day
    { status: 'new', createdAt: '2026-12-01T12:00:00.000Z' }, // 29 days
    { status: 'qualified', createdAt: '2026-10-01T12:00:00.000Z' }, // 90 days
  ],
  closedPools: [
    pool('p1', '2026-12-23T16:00:00.000Z', [
      ['a', 1200],
      ['b', 800],
    ]),
    // closed before the period: not counted
    pool('p0', '2026-12-20T16:00:00.000Z', [['a', 999]]),
  ],
  exchange: {
    posts: [
      post('question', 'Dampfsperre?', '2026-12-22T08:00:00.000Z', {
        firstAnsweredAt: '2026-12-22T11:00:00.000Z',
        answerCount: 2,
      }),
      post('question', 'Welcher Kleber?', '2026-12-28T08:00:00.000Z', {
        firstAnsweredAt: '2026-12-29T08:00:00.000Z',
        answerCount: 1,
      }),
      post('question', 'Offene Frage', '2027-01-05T08:00:00.000Z'),
      // hidden by the coordinator, and asked before the period: not counted
      post('question', 'Versteckt', '2027-01-06T08:00:00.000Z', {
        hidden: true,
        answerCount: 1,
        firstAnsweredAt: '2027-01-06T09:00:00.000Z',
      }),
      post('question', 'Vorher', '2026-12-10T08:00:00.000Z', {
        answerCount: 1,
        firstAnsweredAt: '2026-12-10T09:00:00.000Z',
      }),
      post('practice', 'Angebotsvorlage', '2026-12-23T08:00:00.000Z', { helpful: 5 }),
      post('practice', 'Baustellen-Checkliste', '2027-01-04T08:00:00.000Z', {
        helpful: 9,
        authorPartnerId: 'b',
      }),
      post('practice', 'Lieferant für Schrauben', '2027-01-07T08:00:00.000Z', { helpful: 1 }),
      post('practice', 'Urlaubsplanung', '2027-01-08T08:00:00.000Z', { helpful: 2 }),
    ],
    meetings: [
      {
        meeting: { title: 'Erfa-Runde Jänner', startsAt: '2027-01-12T17:00:00.000Z' },
        attending: ['a', 'b'],
      },
      {
        meeting: {
          title: 'Abgesagt',
          startsAt: '2027-01-13T17:00:00.000Z',
          cancelledAt: '2027-01-02T09:00:00.000Z',
        },
        attending: [],
      },
      { meeting: { title: 'Später', startsAt: '2027-02-12T17:00:00.000Z' }, attending: ['a'] },
    ],
  },
};

describe('the coordinator report', () => {
  const report = buildReport(input);

  it('covers active partners only, sorted by name, with network totals per week', () => {
    expect(report.partners.map((p) => p.partnerId)).toEqual(['b', 'a']);
    expect(report.totals.weeks.map((w) => [w.week, w.available, w.booked, w.band])).toEqual([
      ['2026-W52', 80, 0, 'under'],
      ['2026-W53', 80, 36, 'under'],
      ['2027-W01', 80, 72, 'busy'],
      ['2027-W02', 80, 0, 'under'],
    ]);
  });

  it('lists idle partners from the current week on', () => {
    expect(report.idle.weeks).toEqual(['2026-W53', '2027-W01', '2027-W02']);
    // b: 40 + 12 + 40 = 92; a: 4 + 0 (over-booked) + 40 = 44
    expect(report.idle.partners.map((p) => [p.partnerId, p.idleHours])).toEqual([
      ['b', 92],
      ['a', 44],
    ]);
  });

  it('shows referral balances in the period: received minus given', () => {
    expect(report.referrals.map((r) => [r.partnerId, r.givenHours, r.receivedHours, r.balance])).toEqual([
      ['a', 0, 40, 40],
      ['b', 10, 0, -10],
    ]);
  });

  it('counts open inquiries by status and age', () => {
    const byStatus = Object.fromEntries(report.inquiries.byStatus.map((s) => [s.status, s]));
    expect(report.inquiries.open).toBe(3);
    expect(byStatus.new).toEqual({
      status: 'new',
      count: 2,
      oldestDays: 29,
      byAge: { '0-7': 1, '8-30': 1, '31+': 0 },
    });
    expect(byStatus.qualified).toMatchObject({ count: 1, oldestDays: 90, byAge: { '31+': 1 } });
    expect(byStatus.matching).toMatchObject({ count: 0, oldestDays: null });
  });

  it('sums pool savings of pools closed in the period', () => {
    expect(report.pools).toMatchObject({ closed: 1, savingsVsListCents: 2000, savingsVsAloneCents: 100 });
    expect(report.pools.pools.map((p) => p.poolId)).toEqual(['p1']);
  });
});

describe('learning from each other', () => {
  it('counts the questions asked and answered in the period, the median time to a first answer, the most helpful practices and the meetings', () => {
    const { learning } = buildReport(input);
    expect(learning).toEqual({
      questionsAsked: 3,
      questionsAnswered: 2,
      medianHoursToFirstAnswer: 13.5,
      practices: [
        { title: 'Baustellen-Checkliste', author: 'Elektro Özdemir', helpful: 9 },
        { title: 'Angebotsvorlage', author: 'Tischlerei "Müller", Söhne', helpful: 5 },
        { title: 'Urlaubsplanung', author: 'Tischlerei "Müller", Söhne', helpful: 2 },
      ],
      meetings: [{ title: 'Erfa-Runde Jänner', startsAt: '2027-01-12T17:00:00.000Z', attending: 2 }],
    });
    // a partner's version has the counts and titles, not the other firms' names
    expect(partnerReport(buildReport(input), 'a').learning.practices.map((p) => Object.keys(p))).toEqual(
      Array(3).fill(['title', 'helpful']),
    );
  });

  it('has no median before a question is answered', () => {
    const { learning } = buildReport({
      ...input,
      exchange: { posts: [post('question', 'Q', '2027-01-05T08:00:00.000Z')], meetings: [] },
    });
    expect(learning).toMatchObject({
      questionsAsked: 1,
      questionsAnswered: 0,
      medianHoursToFirstAnswer: null,
    });
  });
});

describe("a partner's version", () => {
  const mine = partnerReport(buildReport(input), 'b');

  it("has its own rows, network totals, its own balance and savings, and nobody else's numbers", () => {
    expect(mine.partners.map((p) => p.partnerId)).toEqual(['b']);
    expect(mine.totals.weeks[2]).toMatchObject({ available: 80, booked: 72 });
    expect(mine.referrals).toEqual([expect.objectContaining({ partnerId: 'b', balance: -10 })]);
    expect(mine.pools.own).toEqual({
      partnerId: 'b',
      savingsVsListCents: 800,
      savingsVsAloneCents: 50,
      pools: 1,
    });
    expect(mine).not.toHaveProperty('idle');
    const text = JSON.stringify(mine);
    expect(text).not.toContain('Müller');
    expect(text).not.toContain('"a"');
  });
});

describe('CSV', () => {
  it('writes the report with a BOM, CRLF line ends, one row per partner, kind and week, then totals', () => {
    const csv = reportCsv(buildReport(input));
    const bytes = Buffer.from(csv, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.includes(Buffer.from('Ö', 'utf8'))).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(CSV_HEADER.join(','));
    expect(lines).toContain(
      '2027-W01,2027-01-04,a,"Tischlerei ""Müller"", Söhne",people,40,44,44,0,110,over',
    );
    expect(lines).toContain('2026-W53,2026-12-28,b,Elektro Özdemir,all,40,0,0,0,0,under');
    expect(lines).toContain(
      '2027-W01,2027-01-04,,Holzbau & Haustechnik (network total),all,80,72,72,0,90,busy',
    );
    // 2 partners × (1 kind + all) × 4 weeks + network (people + all) × 4 weeks, header, final CRLF
    expect(lines.length).toBe(1 + 16 + 8 + 1);
    expect(lines.at(-1)).toBe('');
  });

  it("gives a partner its own rows and the network's only", () => {
    const csv = reportCsv(partnerReport(buildReport(input), 'b'));
    expect(csv).not.toContain('Müller');
    expect(csv).toContain('Elektro Özdemir');
  });
});

describe('the report e-mail', () => {
  const report = buildReport(input);
  const mailTo = (version: typeof report | ReturnType<typeof partnerReport>, lang?: 'de' | 'en') =>
    reportMail(
      version,
      { name: 'HH', address: 'hhn@inbound.example' },
      { address: 'b@firm.example' },
      { name: 'Maria', address: 'maria@hhn.example' },
      lang,
    );

  it('is HTML without scripts or external images, a heat-map cell per partner and week plus totals', () => {
    const html = reportHtml(report);
    expect(html).not.toMatch(/<script|<img|src=|<link|https?:\/\//i);
    expect(html.match(/data-band=/g)?.length).toBe(3 * 4);
    expect(html).toContain('data-band="over"');
    expect(html).toContain('Tischlerei &quot;Müller&quot;, Söhne');
    expect(html).toContain('Holzbau &amp; Haustechnik');
  });

  it('is German by default: weeks, dates, amounts and percentages as Austrians write them', () => {
    // Act
    const mail = mailTo(report);
    // Assess
    expect(mail.subject).toBe('Auslastungsbericht Holzbau & Haustechnik: KW 52/2026 bis KW 2/2027');
    expect(mail.html).toContain('<html lang="de">');
    expect(mail.text).toContain('KW 52/2026 bis KW 2/2027 (21.12.2026 bis 17.01.2027, Europe/Vienna)');
    expect(mail.text).toContain('erstellt am 30.12.2026, 13:00');
    // Müller: 44 of 40 hours in KW 1 (110 %), Özdemir 28 of 40 (70 %)
    expect(mail.text).toContain('Elektro Özdemir – KW 52: 0 %; KW 53: 0 %; KW 1: 70 %; KW 2: 0 %');
    expect(mail.text).toContain(
      'Holzbau & Haustechnik (gesamt) – KW 52: 0 %; KW 53: 45 %; KW 1: 90 %; KW 2: 0 %',
    );
    expect(mail.html).toContain('<th class="w">KW 53<br>jetzt</th>');
    expect(mail.html).toContain('>110&nbsp;%</td>');
    expect(mail.text).toContain('Farben: ≤ 60 % (unterausgelastet); 60–80 %; 80–100 %; > 100 % (überbucht)');
    // pool p1 saved 12,00 € + 8,00 € against list prices, 1,00 € against ordering alone
    expect(mail.text).toContain(
      '1 Pool; Ersparnis gegenüber Listenpreisen 20,00 €, gegenüber Einzelbestellungen 1,00 €.',
    );
    expect(mail.text).toContain('neu | 2 | 1 | 1 | 0 | 29');
    expect(mail.text).toContain('geprüft | 1 | 0 | 0 | 1 | 90');
    expect(mail.html).toContain('Offene Anfragen');
    expect(mail.html).not.toMatch(/Utilisation|Open inquiries|ISO week/);
  });

  it('is English for an English recipient, the same numbers', () => {
    const mail = mailTo(report, 'en');
    expect(mail.subject).toBe('Utilisation report Holzbau & Haustechnik: week 52/2026 to week 2/2027');
    expect(mail.html).toContain('<html lang="en">');
    expect(mail.text).toContain('(21/12/2026 to 17/01/2027, Europe/Vienna)');
    expect(mail.text).toContain('Elektro Özdemir – week 52: 0 %; week 53: 0 %; week 1: 70 %; week 2: 0 %');
    expect(mail.text).toContain('1 pool; savings against list prices €20.00, against ordering alone €1.00.');
    expect(mail.html).not.toContain('Auslastungsbericht');
  });

  it('gives a partner its own rows and the network totals, not the others', () => {
    const html = reportHtml(partnerReport(report, 'b'));
    expect(html).not.toContain('Müller');
    expect(html).toContain('Elektro Özdemir – Personen');
    expect(html).not.toContain('Die meisten freien Stunden');
    expect(html).toContain('Ihr Anteil: 8,00 € gegenüber Listenpreisen in 1 Pool.');
  });

  it('attaches the CSV of the same version and has a text part', () => {
    const mail = mailTo(partnerReport(report, 'b'));
    expect(mail.attachments?.[0]).toMatchObject({
      filename: 'utilisation-hhn-b-2026-W52-2027-W02.csv',
      contentType: 'text/csv; charset=utf-8',
    });
    expect(String(mail.attachments?.[0]?.content)).not.toContain('Müller');
    expect(mail.text).not.toContain('Müller');
    expect(mail.text).toContain('Elektro Özdemir – Personen – KW 52: 0 %');
  });
});

describe('report schedules', () => {
  it('makes EventBridge expressions: weekly, monthly, once', () => {
    expect(expressionOf({ frequency: 'weekly', weekday: 'MON', time: '07:00' })).toBe('cron(0 7 ? * MON *)');
    expect(expressionOf({ frequency: 'monthly', dayOfMonth: 1, time: '06:30' })).toBe('cron(30 6 1 * ? *)');
    expect(expressionOf({ frequency: 'once', at: '2026-11-02T07:00' })).toBe('at(2026-11-02T07:00:00)');
  });

  it('names the schedule after the network, within 64 characters', () => {
    expect(reportScheduleName('demo')).toBe('report-demo');
    const long = reportScheduleName('x'.repeat(64));
    expect(long.length).toBeLessThanOrEqual(64);
    expect(long).not.toBe(reportScheduleName(`${'x'.repeat(63)}y`));
  });

  it('wants a one-time report in the future, read in the schedule timezone', () => {
    const now = new Date('2026-11-02T05:30:00Z'); // 06:30 in Vienna
    const body = { enabled: true, frequency: 'once' as const, at: '2026-11-02T06:00' };
    expect(scheduleErrors(body, VIENNA, now)).toEqual([
      {
        path: 'at',
        message: 'must be in the future, got 2026-11-02T06:00 Europe/Vienna (2026-11-02T05:00:00.000Z)',
        code: 'not_in_future',
      },
    ]);
    expect(scheduleErrors({ ...body, at: '2026-11-02T07:00' }, VIENNA, now)).toEqual([]);
  });

  it('gets the scheduled time filled in by the local scheduler as EventBridge Scheduler does', () => {
    const event = withContextAttributes(
      { networkId: 'demo', scheduledTime: SCHEDULED_TIME, note: 'attempt <aws.scheduler.attempt-number>' },
      { name: 'report-demo', scheduledTime: new Date('2026-03-30T05:00:00.000Z'), attempt: 2 },
    );
    expect(event).toEqual({ networkId: 'demo', scheduledTime: '2026-03-30T05:00:00Z', note: 'attempt 2' });
  });
});
