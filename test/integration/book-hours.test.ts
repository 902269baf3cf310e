/**
 * bookPartnerHours (functions/matching/store.ts): how another capability (funded projects) books
 * a partner resource's hours in weeks, with the same capacity conditions as accepting a job.
 */
import { describe, expect, it } from 'vitest';
import { bookPartnerHours, listBookings } from '#functions/matching/store';
import { givenMatchingNetwork, givenPartner } from '#test/support/matching';
import { givenResource } from '#test/support/reports';

describe('booking a partner resource’s hours in weeks', () => {
  it('books weeks across a year end and refuses what the resource does not offer, naming the week', async () => {
    // Prepare: 40 h a week, a holiday of 0 h in 2031-W01
    await givenMatchingNetwork('bh1');
    await givenPartner('bh1', 'bh1-p', { carpentry: 3 }, 40);
    await givenResource('bh1', 'bh1-p', 'cnc', 'machine', 40, [
      { from: '2030-12-30', to: '2031-01-05', hours: 0 },
    ]);
    // Act
    const booked = await bookPartnerHours('bh1', 'bh1-p', 'cnc', [
      { week: '2030-W52', hours: 30 },
      { week: '2030-W01', hours: 40 },
    ]);
    const holiday = await bookPartnerHours('bh1', 'bh1-p', 'cnc', [{ week: '2031-W01', hours: 1 }]).catch(
      (err: unknown) => err,
    );
    const tooMuch = await bookPartnerHours('bh1', 'bh1-p', 'cnc', [
      { week: '2030-W51', hours: 5 },
      { week: '2030-W52', hours: 11 },
    ]).catch((err: unknown) => err);
    // Assess
    expect(booked).toHaveLength(2);
    expect(holiday).toMatchObject({ statusCode: 409, message: expect.stringContaining('2031-W01') });
    expect(tooMuch).toMatchObject({
      statusCode: 409,
      message: 'capacity ran out: resource cnc of partner bh1-p in week 2030-W52 cannot take 11 more hours',
    });
    // the refused booking wrote nothing, not even its other week
    expect((await listBookings('bh1', '2030-W01', '2031-W01')).map((b) => [b.week, b.booked])).toEqual([
      ['2030-W01', 40],
      ['2030-W52', 30],
    ]);
  });

  it('never overbooks: 12 concurrent bookings of 10 h on a week of 40 h', async () => {
    await givenMatchingNetwork('bh2');
    await givenPartner('bh2', 'bh2-p', { carpentry: 3 }, 40);
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () =>
        bookPartnerHours('bh2', 'bh2-p', 'bh2-p-r1', [{ week: '2030-W10', hours: 10 }]),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    expect(
      results
        .filter((r) => r.status === 'rejected')
        .map((r) => (r as PromiseRejectedResult).reason.statusCode),
    ).toEqual(Array(8).fill(409));
    expect((await listBookings('bh2', '2030-W10', '2030-W10')).map((b) => b.booked)).toEqual([40]);
  });

  it('finds no resource of another network or partner, and names bad lines', async () => {
    await givenMatchingNetwork('bh3');
    await givenPartner('bh3', 'bh3-p', { carpentry: 3 }, 40);
    await givenMatchingNetwork('bh4');
    await expect(
      bookPartnerHours('bh4', 'bh3-p', 'bh3-p-r1', [{ week: '2030-W10', hours: 1 }]),
    ).rejects.toMatchObject({
      statusCode: 404,
    });
    await expect(
      bookPartnerHours('bh3', 'bh3-p', 'other', [{ week: '2030-W10', hours: 1 }]),
    ).rejects.toMatchObject({
      statusCode: 404,
    });
    await expect(
      bookPartnerHours('bh3', 'bh3-p', 'bh3-p-r1', [
        { week: '2030-W54', hours: 1 },
        { week: '2030-W11', hours: 1.5 },
      ]),
    ).rejects.toMatchObject({
      statusCode: 400,
      errors: [
        { path: 'lines.0.week', message: 'must be an ISO week like 2030-W10', code: 'invalid_week' },
        { path: 'lines.1.hours', message: 'must be whole hours ≥ 1', code: 'invalid_hours' },
      ],
    });
    expect(await listBookings('bh3', '2030-W01', '2030-W53')).toEqual([]);
    expect(await listBookings('bh4', '2030-W01', '2030-W53')).toEqual([]);
  });
});
