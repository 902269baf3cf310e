import { describe, expect, it } from 'vitest';
import { availableHours, BookingIndex, bookedShare } from '#functions/matching/capacity';
import { reportPeriod } from '#functions/reports/report';
import {
  bandOf,
  cell,
  mostIdle,
  networkTotals,
  partnerRows,
  type ReportResource,
} from '#functions/reports/utilisation';
import { instantOfWallTime } from '#shared/time';
import { addWeeks, isoWeek, isoWeekAt, startOfLocalDay, weeksSpan } from '#shared/weeks';

const VIENNA = 'Europe/Vienna';
const HOUR = 3_600_000;

describe('bands of the heat-map', () => {
  it('puts 60 % still into under-used, 80 % into 60–80 %, 100 % into 80–100 %, more into over-booked', () => {
    expect(bandOf(0)).toBe('under');
    expect(bandOf(0.6)).toBe('under');
    expect(bandOf(0.6001)).toBe('good');
    expect(bandOf(0.8)).toBe('good');
    expect(bandOf(0.81)).toBe('busy');
    expect(bandOf(1)).toBe('busy');
    expect(bandOf(1.01)).toBe('over');
    expect(bandOf(null)).toBe('none');
  });

  it('does not cap the booked share: over-booking shows, booked hours on a holiday are over-booked', () => {
    expect(bookedShare(40, 50)).toBe(1.25);
    expect(cell('2026-W10', 40, 50)).toEqual({
      week: '2026-W10',
      available: 40,
      booked: 50,
      projectHours: 0,
      utilisationPct: 125,
      band: 'over',
    });
    expect(cell('2026-W52', 0, 5)).toMatchObject({ utilisationPct: null, band: 'over' });
    expect(cell('2026-W52', 0, 0)).toMatchObject({ utilisationPct: null, band: 'none' });
    expect(cell('2026-W10', 78.5, 30).utilisationPct).toBe(38.2);
  });
});

describe('ISO weeks in the network timezone', () => {
  it('starts the week on Monday 00:00 in Vienna while UTC still says Sunday, in summer and in winter time', () => {
    // Sunday 22:30 UTC = Monday 00:30 CEST, right after the spring change (29 March 2026)
    expect(isoWeek('2026-03-29')).toBe('2026-W13');
    expect(isoWeekAt('2026-03-29T22:30:00Z', VIENNA)).toBe('2026-W14');
    expect(isoWeekAt('2026-03-29T21:30:00Z', VIENNA)).toBe('2026-W13');
    // Sunday 23:30 UTC = Monday 00:30 CET, right after the autumn change (25 October 2026)
    expect(isoWeekAt('2026-10-25T23:30:00Z', VIENNA)).toBe('2026-W44');
    expect(isoWeekAt('2026-10-25T22:30:00Z', VIENNA)).toBe('2026-W43');
  });

  it('gives the weeks with a DST change 167 and 169 clock hours but the same working hours', () => {
    const spring = weeksSpan('2026-W13', '2026-W13', VIENNA);
    expect(spring).toEqual({ from: '2026-03-22T23:00:00.000Z', until: '2026-03-29T22:00:00.000Z' });
    expect((Date.parse(spring.until) - Date.parse(spring.from)) / HOUR).toBe(167);
    const autumn = weeksSpan('2026-W43', '2026-W43', VIENNA);
    expect((Date.parse(autumn.until) - Date.parse(autumn.from)) / HOUR).toBe(169);
    const team = { hoursPerWeek: 38.5, exceptions: [] };
    expect(['2026-W12', '2026-W13', '2026-W43'].map((w) => availableHours(team, w))).toEqual([
      38.5, 38.5, 38.5,
    ]);
  });

  it('reads wall-clock times across the DST changes', () => {
    expect(startOfLocalDay('2026-03-30', VIENNA)).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfLocalDay('2026-03-23', VIENNA)).toBe('2026-03-22T23:00:00.000Z');
    // 02:30 does not exist on the spring Sunday: it means 03:30 CEST
    expect(instantOfWallTime('2026-03-29T02:30', VIENNA)).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on the autumn Sunday: the first (CEST) counts
    expect(instantOfWallTime('2026-10-25T02:30', VIENNA)).toBe('2026-10-25T00:30:00.000Z');
  });

  it('counts weeks across year ends, through 2026-W53 (28 Dec 2026 – 3 Jan 2027)', () => {
    expect(addWeeks('2026-W52', 1)).toBe('2026-W53');
    expect(addWeeks('2026-W53', 1)).toBe('2027-W01');
    expect(addWeeks('2025-W52', 1)).toBe('2026-W01'); // 2025 has 52 weeks
    expect(addWeeks('2027-W02', -3)).toBe('2026-W52');
  });
});

describe('the report period', () => {
  it('defaults to the 4 weeks before the current one and 8 from it on, in the network timezone', () => {
    // Monday 30 March 2026, 00:30 in Vienna: week 14
    const result = reportPeriod('2026-03-29T22:30:00Z', VIENNA);
    if (!('period' in result)) throw new Error('expected a period');
    const { period } = result;
    expect(period.currentWeek).toBe('2026-W14');
    expect([period.from, period.to, period.weeks.length]).toEqual(['2026-W10', '2026-W21', 12]);
    expect([period.firstDay, period.lastDay]).toEqual(['2026-03-02', '2026-05-24']);
    // from Monday 2 March 00:00 CET to Monday 25 May 00:00 CEST
    expect([period.start, period.until]).toEqual(['2026-03-01T23:00:00.000Z', '2026-05-24T22:00:00.000Z']);
    // the same instant in UTC is still week 13
    const utc = reportPeriod('2026-03-29T22:30:00Z', 'UTC');
    expect('period' in utc && [utc.period.from, utc.period.to]).toEqual(['2026-W09', '2026-W20']);
  });

  it('gives a Monday 07:00 schedule the same weeks in summer and in winter time', () => {
    const summer = reportPeriod(instantOfWallTime('2026-03-30T07:00', VIENNA), VIENNA);
    const winter = reportPeriod(instantOfWallTime('2026-10-26T07:00', VIENNA), VIENNA);
    expect('period' in summer && summer.period.currentWeek).toBe('2026-W14');
    expect('period' in winter && winter.period.currentWeek).toBe('2026-W44');
  });

  it('runs across the turn of the year through week 53', () => {
    const result = reportPeriod('2026-12-30T12:00:00Z', VIENNA);
    if (!('period' in result)) throw new Error('expected a period');
    expect(result.period.weeks).toEqual([
      '2026-W49',
      '2026-W50',
      '2026-W51',
      '2026-W52',
      '2026-W53',
      '2027-W01',
      '2027-W02',
      '2027-W03',
      '2027-W04',
      '2027-W05',
      '2027-W06',
      '2027-W07',
    ]);
  });

  it('takes weeks or dates, and names a bad from/to', () => {
    const given = reportPeriod('2026-03-04T12:00:00Z', VIENNA, { from: '2026-12-24', to: '2027-W02' });
    expect('period' in given && given.period.weeks).toEqual(['2026-W52', '2026-W53', '2027-W01', '2027-W02']);
    expect(reportPeriod('2026-03-04T12:00:00Z', VIENNA, { from: '2025-W53' })).toEqual({
      errors: [{ path: 'query.from', message: '2025-W53 does not exist', code: 'unknown_week' }],
    });
    expect(reportPeriod('2026-03-04T12:00:00Z', VIENNA, { from: '2026-W10', to: '2026-W09' })).toEqual({
      errors: [{ path: 'query.to', message: 'must not be before from (2026-W10)', code: 'before_from' }],
    });
    expect(reportPeriod('2026-03-04T12:00:00Z', VIENNA, { from: '2026-W01', to: '2027-W02' })).toEqual({
      errors: [
        { path: 'query.to', message: 'must be at most 53 ISO weeks after from', code: 'span_too_long' },
      ],
    });
  });
});

describe('utilisation per partner, resource kind and week', () => {
  const WEEKS = ['2026-W52', '2026-W53', '2027-W01', '2027-W02'];
  const partners = [
    { id: 'a', name: 'Tischlerei Müller' },
    { id: 'b', name: 'Elektro Özdemir' },
  ];
  const resources: ReportResource[] = [
    // holidays 24 Dec – 6 Jan: weeks 52, 53 and 2027-W01 offer 0 hours
    {
      id: 'r1',
      partnerId: 'a',
      kind: 'people',
      hoursPerWeek: 38.5,
      exceptions: [{ from: '2026-12-24', to: '2027-01-06', hours: 0 }],
    },
    { id: 'r2', partnerId: 'a', kind: 'people', hoursPerWeek: 40, exceptions: [] },
    // one day of maintenance in week 53 halves the machine
    {
      id: 'm1',
      partnerId: 'a',
      kind: 'machine',
      hoursPerWeek: 40,
      exceptions: [{ from: '2026-12-28', to: '2026-12-28', hours: 20 }],
    },
    {
      id: 'room',
      partnerId: 'b',
      kind: 'room',
      hoursPerWeek: 20,
      exceptions: [{ from: '2026-12-21', to: '2027-01-10', hours: 0 }],
    },
  ];
  // a job spanning the turn of the year: weeks 52, 53 and 2027-W01 on r2, the machine in week 53
  const bookings = new BookingIndex([
    { partnerId: 'a', resourceId: 'r2', week: '2026-W52', booked: 24 },
    { partnerId: 'a', resourceId: 'r2', week: '2026-W53', booked: 30 },
    { partnerId: 'a', resourceId: 'r1', week: '2026-W53', booked: 5 },
    { partnerId: 'a', resourceId: 'r2', week: '2027-W01', booked: 40 },
    { partnerId: 'a', resourceId: 'm1', week: '2026-W53', booked: 25 },
    { partnerId: 'a', resourceId: 'm1', week: '2027-W02', booked: 10 },
    { partnerId: 'a', resourceId: 'r1', week: '2027-W02', booked: 30 },
  ]);
  const rows = partnerRows(partners, resources, WEEKS, bookings);
  const pctBand = (cells: { utilisationPct: number | null; band: string }[]) =>
    cells.map((c) => [c.utilisationPct, c.band]);

  it('sums people per week with holidays, across week 53 and the year boundary (hand-computed)', () => {
    const people = rows[0]!.kinds.find((k) => k.kind === 'people')!;
    expect(people.resources).toBe(2);
    expect(people.weeks.map((c) => [c.available, c.booked])).toEqual([
      [40, 24], // r1 on holiday
      [40, 35], // r1 on holiday, 5 h booked on it anyway
      [40, 40],
      [78.5, 30],
    ]);
    expect(pctBand(people.weeks)).toEqual([
      [60, 'under'],
      [87.5, 'busy'],
      [100, 'busy'],
      [38.2, 'under'],
    ]);
  });

  it('shows the machine over-booked in the week of its maintenance', () => {
    const machine = rows[0]!.kinds.find((k) => k.kind === 'machine')!;
    expect(machine.weeks.map((c) => c.available)).toEqual([40, 20, 40, 40]);
    expect(pctBand(machine.weeks)).toEqual([
      [0, 'under'],
      [125, 'over'],
      [0, 'under'],
      [25, 'under'],
    ]);
  });

  it("adds up a partner's kinds per week and over the period", () => {
    const a = rows[0]!;
    expect(a.kinds.map((k) => k.kind)).toEqual(['people', 'machine']);
    expect(a.weeks.map((c) => [c.available, c.booked, c.utilisationPct])).toEqual([
      [80, 24, 30],
      [60, 60, 100],
      [80, 40, 50],
      [118.5, 40, 33.8],
    ]);
    expect(a.total).toMatchObject({ available: 338.5, booked: 164, utilisationPct: 48.4, band: 'under' });
  });

  it('marks weeks without capacity and without bookings as none, and totals the network per kind', () => {
    const room = rows[1]!.kinds[0]!;
    expect(room.weeks.map((c) => c.band)).toEqual(['none', 'none', 'none', 'under']);
    const totals = networkTotals(rows, WEEKS);
    expect(totals.weeks[1]).toMatchObject({ available: 60, booked: 60, utilisationPct: 100, band: 'busy' });
    expect(totals.weeks[1]!.byKind.room).toMatchObject({ available: 0, booked: 0, band: 'none' });
    // `all` sums the kinds jobs book (people, machines): the room nobody books is shown on its own
    expect(totals.weeks[3]!.byKind.room).toMatchObject({ available: 20, booked: 0, utilisationPct: 0 });
    expect(totals.weeks[3]).toMatchObject({ available: 118.5, booked: 40, utilisationPct: 33.8 });
    expect(totals.total).toMatchObject({ available: 338.5, booked: 164 });
  });

  it('names the partners with the most idle hours in the coming weeks; over-booking does not offset idle people', () => {
    expect(mostIdle(rows, ['2027-W01', '2027-W02'])).toEqual([
      {
        partnerId: 'a',
        name: 'Tischlerei Müller',
        idleHours: 118.5, // W01: people 0 + machine 40; W02: people 48.5 + machine 30
        available: 198.5,
        booked: 80,
        utilisationPct: 40.3,
      },
      // b's room is of a kind no job books: not idle capacity matching could fill
    ]);
    // week 53: people have 5 idle hours, the machine is over-booked by 5: still 5 idle
    expect(mostIdle(rows, ['2026-W53']).map((p) => [p.partnerId, p.idleHours])).toEqual([['a', 5]]);
  });
});
