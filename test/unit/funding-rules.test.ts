import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consortiumCounts, money, type PartnerFacts, runChecks } from '#functions/funding/checks';
import {
  calendarErrors,
  countingDay,
  defaultPeriods,
  durationMonths,
  numbered,
  partnersWithoutHours,
  periodOf,
  previousMonth,
} from '#functions/funding/periods';
import { COIN_NETZWERKE, copyPreset } from '#functions/funding/programmes';
import type { Cost, TimeRecord } from '#functions/funding/schema';
import { actualGrid, fundingCents, personnelCents, planGrid, sumWhere } from '#functions/funding/totals';
import { SME_THRESHOLDS, sizeClassOf } from '#functions/networks/firm-size';

const M = 100_000_000; // one million euros in cents

describe('EU SME size class (thresholds as data)', () => {
  it('puts firms into the class whose staff ceiling they stay below and whose turnover OR balance sheet fits', () => {
    expect(sizeClassOf({ staff: 9, turnoverCents: 2 * M, balanceSheetCents: 5 * M })).toBe('micro');
    expect(sizeClassOf({ staff: 10, turnoverCents: 1 * M, balanceSheetCents: 1 * M })).toBe('small');
    expect(sizeClassOf({ staff: 49, turnoverCents: 60 * M, balanceSheetCents: 10 * M })).toBe('small');
    expect(sizeClassOf({ staff: 200, turnoverCents: 60 * M, balanceSheetCents: 43 * M })).toBe('medium');
    expect(sizeClassOf({ staff: 200, turnoverCents: 51 * M, balanceSheetCents: 44 * M })).toBe('large');
    expect(sizeClassOf({ staff: 250, turnoverCents: 1 * M, balanceSheetCents: 1 * M })).toBe('large');
  });

  it('flips exactly at the staff threshold of each class', () => {
    for (const t of SME_THRESHOLDS) {
      const small = { turnoverCents: 0, balanceSheetCents: 0 };
      expect(sizeClassOf({ staff: t.staffBelow - 0.5, ...small })).toBe(t.sizeClass);
      expect(sizeClassOf({ staff: t.staffBelow, ...small })).not.toBe(t.sizeClass);
    }
  });
});

const firm = (
  id: string,
  sizeClass?: PartnerFacts['sizeClass'],
  affiliationGroup?: string,
): PartnerFacts => ({
  partnerId: id,
  name: `Firma ${id}`,
  kind: 'firm',
  sizeClass,
  affiliationGroup,
});

describe('consortium validity', () => {
  it('counts affiliated firms once, and a group as an SME only when every member is one', () => {
    const counts = consortiumCounts([
      firm('a', 'small', 'g1'),
      firm('b', 'micro', 'g1'),
      firm('c', 'large', 'g2'),
      firm('d', 'small', 'g2'),
      firm('e', 'medium'),
      { partnerId: 'uni', name: 'Uni', kind: 'research' },
    ]);
    expect(counts).toEqual({ companies: 3, smes: 2 });
  });

  it('flips exactly at the thresholds: n independent SMEs are valid iff n ≥ 4 companies and ≥ 3 SMEs', () => {
    fc.assert(
      fc.property(fc.nat(8), fc.nat(8), fc.nat(3), (smes, large, research) => {
        const facts = new Map<string, PartnerFacts>();
        for (let i = 0; i < smes; i++) facts.set(`s${i}`, firm(`s${i}`, 'small'));
        for (let i = 0; i < large; i++) facts.set(`l${i}`, firm(`l${i}`, 'large'));
        for (let i = 0; i < research; i++)
          facts.set(`r${i}`, { partnerId: `r${i}`, name: 'R', kind: 'research' });
        const checks = runChecks({
          rules: COIN_NETZWERKE,
          start: '2027-01-01',
          end: '2028-12-31',
          partners: [...facts.keys()].map((partnerId) => ({ partnerId, role: 'partner', fundingRatePct: 0 })),
          facts,
          plan: new Map(),
          actual: new Map(),
        });
        const byId = (id: string) => checks.find((c) => c.id === id)!;
        expect(byId('consortium.companies').ok).toBe(smes + large >= 4);
        expect(byId('consortium.smes').ok).toBe(smes >= 3);
      }),
    );
  });

  it('explains a failing consortium in German and English, naming what is missing', () => {
    const facts = new Map([
      ['a', firm('a', 'small')],
      ['b', firm('b', 'small')],
    ]);
    const checks = runChecks({
      rules: COIN_NETZWERKE,
      start: '2027-01-01',
      end: '2028-12-31',
      partners: [...facts.keys()].map((partnerId) => ({
        partnerId,
        role: 'partner' as const,
        fundingRatePct: 60,
      })),
      facts,
      plan: new Map(),
      actual: new Map(),
    });
    const c = checks.find((x) => x.id === 'consortium.companies')!;
    expect(c.ok).toBe(false);
    expect(c.message_de).toContain('Nur 2 Unternehmen');
    expect(c.message_de).toContain('es fehlen 2');
    expect(c.message_en).toContain('2 missing');
    expect(c.source).toContain('COIN');
  });
});

const record = (partnerId: string, hours: number, over: Partial<TimeRecord> = {}): TimeRecord => ({
  id: `r${Math.random()}`,
  partnerId,
  categoryId: 'eng',
  workPackageId: 'wp1',
  when: '2027-W05',
  hours,
  periodId: 'p1',
  enteredBy: 'x',
  createdAt: '2027-01-01T00:00:00.000Z',
  updatedAt: '2027-01-01T00:00:00.000Z',
  ...over,
});

describe('money: personnel costs and funding', () => {
  it('funding never exceeds rate × eligible costs and is never more than a cent below it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 100 }), (eligible, rate) => {
        const f = fundingCents(eligible, rate);
        expect(Number.isInteger(f)).toBe(true);
        expect(f * 100).toBeLessThanOrEqual(eligible * rate);
        expect((f + 1) * 100).toBeGreaterThan(eligible * rate);
      }),
    );
  });

  it('sums are exact to the cent: per partner, per work package and in total the same integers', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            partner: fc.constantFrom('a', 'b', 'c'),
            wp: fc.constantFrom('wp1', 'wp2'),
            quarters: fc.integer({ min: 1, max: 400 }),
          }),
          { maxLength: 60 },
        ),
        fc.array(fc.record({ partner: fc.constantFrom('a', 'b'), cents: fc.integer({ min: 1, max: 1e7 }) }), {
          maxLength: 10,
        }),
        fc.integer({ min: 1, max: 20_000 }),
        (recs, costRows, rate) => {
          const categories = ['a', 'b', 'c'].map((p) => ({
            id: 'eng',
            partnerId: p,
            name: 'Eng',
            hourlyRateCents: rate,
          }));
          const records = recs.map((r) => record(r.partner, r.quarters / 4, { workPackageId: r.wp }));
          const costs: Cost[] = costRows.map((c, i) => ({
            id: `c${i}`,
            partnerId: c.partner,
            kind: i % 2 ? 'thirdParty' : 'material',
            workPackageId: 'wp1',
            date: '2027-02-01',
            amountCents: c.cents,
            description: 'x',
            periodId: 'p1',
            enteredBy: 'x',
            createdAt: '2027-02-01T00:00:00.000Z',
          }));
          const grid = actualGrid(records, costs, categories);
          const total = sumWhere(grid, () => true);
          const perPartner = ['a', 'b', 'c'].reduce(
            (s, p) => s + sumWhere(grid, (x) => x === p).totalCents,
            0,
          );
          const perWp = ['wp1', 'wp2'].reduce((s, w) => s + sumWhere(grid, (_, x) => x === w).totalCents, 0);
          const expected =
            records.reduce((s, r) => s + personnelCents(r.hours, rate), 0) +
            costs.reduce((s, c) => s + c.amountCents, 0);
          expect(total.totalCents).toBe(expected);
          expect(perPartner).toBe(expected);
          expect(perWp).toBe(expected);
          expect(Number.isInteger(total.totalCents)).toBe(true);
        },
      ),
    );
  });

  it('prices hours × rate exactly: 7.5 h at 85.00 € are 637.50 €', () => {
    expect(personnelCents(7.5, 8500)).toBe(63_750);
    expect(personnelCents(0.25, 1)).toBe(0);
    expect(personnelCents(0.5, 1)).toBe(1);
  });

  it('formats money the German and the English way', () => {
    expect(money(1_234_567, 'de')).toBe('12.345,67 €');
    expect(money(1_234_567, 'en')).toBe('12,345.67 €');
  });
});

describe('costs, duration and rates', () => {
  const facts = new Map<string, PartnerFacts>([
    ['a', firm('a', 'medium')],
    ['b', firm('b', 'small')],
  ]);
  const plan = (thirdPartyCents: number, personnelCents: number) =>
    planGrid([
      {
        id: 'wp1',
        title: 'WP',
        plan: [
          { partnerId: 'a', hours: 100, personnelCents, materialCents: 0, thirdPartyCents, travelCents: 0 },
        ],
      },
    ]);
  const run = (over: Partial<Parameters<typeof runChecks>[0]>) =>
    runChecks({
      rules: COIN_NETZWERKE,
      start: '2027-01-01',
      end: '2028-12-31',
      partners: [
        { partnerId: 'a', role: 'lead', fundingRatePct: 60 },
        { partnerId: 'b', role: 'partner', fundingRatePct: 60 },
      ],
      facts,
      plan: plan(0, 20_000_000),
      actual: new Map(),
      ...over,
    });

  it('third-party share: 40 % passes, a cent more fails', () => {
    const at = run({ plan: plan(4_000_000, 6_000_000) }).find((c) => c.id === 'costs.thirdParty.plan')!;
    expect(at.ok).toBe(true);
    const over = run({ plan: plan(4_000_001, 5_999_999) }).find((c) => c.id === 'costs.thirdParty.plan')!;
    expect(over.ok).toBe(false);
    expect(over.message_de).toContain('mehr als die zulässigen 40 %');
  });

  it('total within 100,000–500,000 €', () => {
    expect(run({ plan: plan(0, 9_999_999) }).find((c) => c.id === 'costs.range')!.ok).toBe(false);
    expect(run({ plan: plan(0, 10_000_000) }).find((c) => c.id === 'costs.range')!.ok).toBe(true);
    expect(run({ plan: plan(0, 50_000_001) }).find((c) => c.id === 'costs.range')!.message_en).toContain(
      'above',
    );
  });

  it('duration 12–36 months', () => {
    expect(durationMonths('2027-01-01', '2028-12-31')).toBe(24);
    expect(durationMonths('2027-01-15', '2028-01-14')).toBe(12);
    expect(run({ end: '2027-06-30' }).find((c) => c.id === 'duration')!.ok).toBe(false);
    expect(run({ end: '2030-01-31' }).find((c) => c.id === 'duration')!.ok).toBe(false);
  });

  it("caps a rate above the partner's maximum and says so (medium firms: 50 %)", () => {
    const checks = run({});
    const a = checks.find((c) => c.id === 'funding.rate' && c.partnerId === 'a')!;
    expect(a.ok).toBe(false);
    expect(a.message_de).toContain('gerechnet wird mit 50 %');
    expect(checks.find((c) => c.id === 'funding.rate' && c.partnerId === 'b')!.ok).toBe(true);
  });

  it('reads only the project copy of the rules: a copy changed to 70 % admits 70 %', () => {
    const rules = copyPreset('coin-netzwerke');
    rules.maxFundingRatePct.medium.value = 70;
    expect(COIN_NETZWERKE.maxFundingRatePct.medium.value).toBe(50);
    const a = run({ rules }).find((c) => c.id === 'funding.rate' && c.partnerId === 'a')!;
    expect(a.ok).toBe(true);
  });
});

describe('periods and the calendar', () => {
  it('gives one period per project year by default, gapless from start to end', () => {
    const periods = numbered(defaultPeriods('2027-03-01', '2029-02-28'));
    expect(periods).toEqual([
      { id: 'p1', from: '2027-03-01', to: '2028-02-29' },
      { id: 'p2', from: '2028-03-01', to: '2029-02-28' },
    ]);
    expect(calendarErrors('2027-03-01', '2029-02-28', periods)).toEqual([]);
  });

  it('refuses a gap between periods, naming the field', () => {
    const errors = calendarErrors(
      '2027-01-01',
      '2027-12-31',
      numbered([
        { from: '2027-01-01', to: '2027-06-30' },
        { from: '2027-07-02', to: '2027-12-31' },
      ]),
    );
    expect(errors.map((e) => e.path)).toEqual(['periods.1.from']);
  });

  it('counts a week on its Thursday, so a week across two periods belongs to exactly one', () => {
    const periods = numbered([
      { from: '2027-01-01', to: '2027-06-30' },
      { from: '2027-07-01', to: '2027-12-31' },
    ]);
    // 2027-W26 runs Mon 28 June to Sun 4 July; its Thursday is 1 July
    expect(countingDay('2027-W26')).toBe('2027-07-01');
    expect(periodOf(periods, '2027-W26')?.id).toBe('p2');
    expect(periodOf(periods, '2027-06-30')?.id).toBe('p1');
    expect(periodOf(periods, '2028-01-01')).toBeUndefined();
  });

  it('reminds exactly the partners without hours in the previous month', () => {
    expect(previousMonth('2027-01-03')).toBe('2026-12');
    const records = [
      { partnerId: 'a', when: '2026-W50' },
      { partnerId: 'b', when: '2026-11-30' },
      { partnerId: 'c', when: '2026-12-31' },
    ];
    expect(partnersWithoutHours(['a', 'b', 'c', 'd'], records, '2026-12')).toEqual(['b', 'd']);
  });
});

describe('CSV dialects (shared/csv.ts)', () => {
  it('writes the German dialect with decimal commas, and the RFC 4180 default unchanged', async () => {
    const { csvRow } = await import('#shared/csv');
    const row = ['Müller; Söhne', 1234.56, -3, '=HYPERLINK("x")'];
    expect(csvRow(row)).toBe('"Müller; Söhne",1234.56,-3,"\'=HYPERLINK(""x"")"');
    expect(csvRow(row, 'de')).toBe('"Müller; Söhne";1234,56;-3;"\'=HYPERLINK(""x"")"');
  });
});
