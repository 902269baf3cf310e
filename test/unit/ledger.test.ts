import { describe, expect, it } from 'vitest';
import { balances, entriesForJob, ledgerForPartner, NETWORK, summarise } from '#functions/matching/ledger';

const at = '2026-03-01T10:00:00.000Z';

describe('referral ledger', () => {
  it('records one entry per receiving partner, none for a referrer working on its own customer', () => {
    const entries = entriesForJob({
      at,
      jobId: 'j1',
      inquiryId: 'i1',
      giver: 'p1',
      assignments: [
        { partnerId: 'p2', hours: 30 },
        { partnerId: 'p1', hours: 50 },
        { partnerId: 'p2', hours: 10 },
        { partnerId: 'p3', hours: 20 },
      ],
    });
    expect(entries.map((e) => [e.giver, e.receiver, e.hours])).toEqual([
      ['p1', 'p2', 40],
      ['p1', 'p3', 20],
    ]);
  });

  it('sums hours and counts jobs per pair and per partner; balance is received − given', () => {
    // Prepare: p1 refers two customers; the network brings one
    const entries = [
      ...entriesForJob({
        at,
        jobId: 'j1',
        inquiryId: 'i1',
        giver: 'p1',
        assignments: [{ partnerId: 'p2', hours: 40 }],
      }),
      ...entriesForJob({
        at,
        jobId: 'j2',
        inquiryId: 'i2',
        giver: 'p1',
        assignments: [
          { partnerId: 'p2', hours: 10 },
          { partnerId: 'p3', hours: 5 },
        ],
      }),
      ...entriesForJob({
        at,
        jobId: 'j3',
        inquiryId: 'i3',
        giver: NETWORK,
        assignments: [{ partnerId: 'p1', hours: 25 }],
      }),
    ];
    // Act
    const summary = summarise(entries, ['p4']);
    // Assess
    expect(summary.pairs).toEqual([
      { giver: 'network', receiver: 'p1', hours: 25, count: 1 },
      { giver: 'p1', receiver: 'p2', hours: 50, count: 2 },
      { giver: 'p1', receiver: 'p3', hours: 5, count: 1 },
    ]);
    expect(summary.partners).toEqual([
      { partnerId: 'p1', givenHours: 55, givenCount: 2, receivedHours: 25, receivedCount: 1, balance: -30 },
      { partnerId: 'p2', givenHours: 0, givenCount: 0, receivedHours: 50, receivedCount: 2, balance: 50 },
      { partnerId: 'p3', givenHours: 0, givenCount: 0, receivedHours: 5, receivedCount: 1, balance: 5 },
      { partnerId: 'p4', givenHours: 0, givenCount: 0, receivedHours: 0, receivedCount: 0, balance: 0 },
    ]);
    expect(Object.fromEntries(balances(entries))).toEqual({ p1: -30, p2: 50, p3: 5 });
    // a partner sees its own row and its own pairs only
    expect(ledgerForPartner(summary, 'p3')).toEqual({
      pairs: [{ giver: 'p1', receiver: 'p3', hours: 5, count: 1 }],
      partners: [
        { partnerId: 'p3', givenHours: 0, givenCount: 0, receivedHours: 5, receivedCount: 1, balance: 5 },
      ],
    });
  });
});
