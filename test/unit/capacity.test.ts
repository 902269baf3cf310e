import { describe, expect, it } from 'vitest';
import {
  allocate,
  availableHours,
  BookingIndex,
  resourceWeeks,
  totals,
  utilisation,
} from '#functions/matching/capacity';
import { isoWeek, weekRange, weeksBetween } from '#shared/weeks';

describe('ISO weeks', () => {
  it('gives the week of the year its Thursday lies in', () => {
    expect(isoWeek('2026-03-04')).toBe('2026-W10');
    // 2026 starts on a Thursday, so it has 53 weeks and 1 January 2027 still belongs to it
    expect(isoWeek('2026-01-01')).toBe('2026-W01');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2027-01-04')).toBe('2027-W01');
    // 30 December 2024 is the Monday of 2025's first week
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
    expect(isoWeek('2021-01-03')).toBe('2020-W53');
  });

  it('runs a week from Monday to Sunday', () => {
    expect(weekRange('2026-W01')).toEqual({ from: '2025-12-29', to: '2026-01-04' });
    expect(weekRange('2026-W53')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
  });

  it('lists every week a date range touches, across the turn of the year', () => {
    expect(weeksBetween('2026-12-24', '2027-01-11')).toEqual([
      '2026-W52',
      '2026-W53',
      '2027-W01',
      '2027-W02',
    ]);
    expect(weeksBetween('2026-03-04', '2026-03-04')).toEqual(['2026-W10']);
  });
});

describe('capacity per week', () => {
  const werkstatt = {
    hoursPerWeek: 114,
    exceptions: [
      { from: '2026-12-24', to: '2027-01-06', hours: 0 },
      { from: '2026-08-05', to: '2026-08-05', hours: 90 },
    ],
  };

  it('offers hoursPerWeek in a normal week and the exception hours in weeks it overlaps', () => {
    expect(availableHours(werkstatt, '2026-W10')).toBe(114);
    expect(availableHours(werkstatt, '2026-W52')).toBe(0); // 21–27 Dec, overlaps on 24 Dec
    expect(availableHours(werkstatt, '2027-W01')).toBe(0); // 4–10 Jan, overlaps until 6 Jan
    expect(availableHours(werkstatt, '2027-W02')).toBe(114);
    expect(availableHours(werkstatt, '2026-W32')).toBe(90); // a one-day exception counts for its week
  });

  it('takes the smallest hours where exceptions overlap', () => {
    const r = {
      hoursPerWeek: 40,
      exceptions: [
        { from: '2026-03-02', to: '2026-03-20', hours: 20 },
        { from: '2026-03-09', to: '2026-03-09', hours: 8 },
      ],
    };
    expect(['2026-W10', '2026-W11', '2026-W12'].map((w) => availableHours(r, w))).toEqual([20, 8, 20]);
  });

  it('shows booked, free and utilisation per week and in total', () => {
    const resource = { id: 'r1', partnerId: 'p1', ...werkstatt };
    const bookings = new BookingIndex([
      { partnerId: 'p1', resourceId: 'r1', week: '2026-W10', booked: 57 },
      { partnerId: 'p1', resourceId: 'r2', week: '2026-W10', booked: 40 },
      { partnerId: 'p2', resourceId: 'r1', week: '2026-W11', booked: 40 },
    ]);
    const cells = resourceWeeks(resource, ['2026-W10', '2026-W11'], bookings);
    expect(cells).toEqual([
      { week: '2026-W10', capacity: 114, booked: 57, free: 57, utilisation: 0.5 },
      { week: '2026-W11', capacity: 114, booked: 0, free: 114, utilisation: 0 },
    ]);
    expect(totals(cells)).toEqual({ capacity: 228, booked: 57, free: 171, utilisation: 0.25 });
  });

  it('counts a week without capacity as fully used and never shows negative free hours', () => {
    expect(utilisation(0, 0)).toBe(1);
    const cells = resourceWeeks(
      { id: 'r', partnerId: 'p', hoursPerWeek: 10, exceptions: [] },
      ['2026-W10'],
      new BookingIndex([{ partnerId: 'p', resourceId: 'r', week: '2026-W10', booked: 12 }]),
    );
    expect(cells[0]).toMatchObject({ free: 0, utilisation: 1 });
  });
});

describe('allocate: spreading a job over free resource-weeks', () => {
  it('spreads evenly over the weeks, the tight week taking what it can', () => {
    const lines = allocate(100, [
      { resourceId: 'a', week: '2026-W10', free: 20 },
      { resourceId: 'a', week: '2026-W11', free: 60 },
      { resourceId: 'a', week: '2026-W12', free: 60 },
    ]);
    expect(lines).toEqual([
      { resourceId: 'a', week: '2026-W10', hours: 20 },
      { resourceId: 'a', week: '2026-W11', hours: 40 },
      { resourceId: 'a', week: '2026-W12', hours: 40 },
    ]);
  });

  it('fills the freest resource of a week first, using whole free hours only', () => {
    const lines = allocate(30, [
      { resourceId: 'a', week: '2026-W10', free: 12.5 },
      { resourceId: 'b', week: '2026-W10', free: 20.9 },
    ]);
    expect(lines).toEqual([
      { resourceId: 'a', week: '2026-W10', hours: 10 },
      { resourceId: 'b', week: '2026-W10', hours: 20 },
    ]);
    expect(
      allocate(33, [
        { resourceId: 'a', week: '2026-W10', free: 12.5 },
        { resourceId: 'b', week: '2026-W10', free: 20.9 },
      ]),
    ).toBeUndefined();
  });
});
