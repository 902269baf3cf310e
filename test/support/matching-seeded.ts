import { generate, REQUIREMENTS, TIMEFRAMES, yearsOf } from '#bench/matching-network';
import { BookingIndex, type ResourceYear, WEEK_SLOTS } from '#functions/matching/capacity';
import type { MatchInput, Requirement } from '#functions/matching/match-types';
import { weeksBetween } from '#shared/weeks';

/**
 * Matches against one generated network (fixed seed, bench/matching-network.ts), in every shape
 * a match can take: both booking layouts, a resource-year stored as two records, room and machine
 * hours, partial teams, nobody at all, relaxed levels, unknown and odd customer locations, a
 * timeframe across three ISO years. test/unit/matcher-seeded.test.ts holds the matcher to the
 * results recorded in test/fixtures/matching/seeded-proposals.json.
 */
export function seededScenarios(): { name: string; input: MatchInput }[] {
  const net = generate(600, 7);
  // a few postcodes as people type them, and regions, so normalising is exercised too
  const partners = net.partners.map((p, i) =>
    i % 37 === 0
      ? { ...p, postcode: ` ${p.postcode?.slice(0, 2)}-${p.postcode?.slice(2)} `, region: ' Wien ' }
      : i % 41 === 0
        ? { ...p, postcode: `a${p.postcode}` }
        : p,
  );
  const years = yearsOf(net.bookings);
  // one resource-year in three stored as two records, to be summed
  const split: ResourceYear[] = years.flatMap((y, i) => {
    if (i % 3 !== 0) return [y];
    const a = new Float64Array(WEEK_SLOTS);
    const b = new Float64Array(WEEK_SLOTS);
    y.hours.forEach((h, n) => {
      a[n] = Math.floor(h / 2);
      b[n] = h - Math.floor(h / 2);
    });
    return [
      { ...y, hours: a },
      { ...y, hours: b },
    ];
  });
  const base = {
    requirements: REQUIREMENTS,
    weeks: TIMEFRAMES[52],
    partners,
    resources: net.resources,
    balances: net.balances,
    customer: { postcode: '1010' },
    count: 3,
  };
  const index = () => BookingIndex.fromYears(years);
  const machine: Requirement[] = REQUIREMENTS.map((r, i) =>
    i === 1 ? { ...r, machineHours: 900 } : i === 3 ? { ...r, machineHours: 1600 } : r,
  );
  const scenarios: { name: string; input: () => MatchInput }[] = [
    { name: '52 weeks, resource-years', input: () => ({ ...base, bookings: index() }) },
    {
      name: '4 weeks, resource-years, 10 proposals',
      input: () => ({ ...base, weeks: TIMEFRAMES[4], bookings: index(), count: 10 }),
    },
    { name: '52 weeks, week lines', input: () => ({ ...base, bookings: net.bookings }) },
    {
      name: '52 weeks, index of week lines',
      input: () => ({ ...base, bookings: new BookingIndex(net.bookings) }),
    },
    {
      name: '52 weeks, resource-years split in two records',
      input: () => ({ ...base, bookings: BookingIndex.fromYears(split) }),
    },
    { name: 'machine hours', input: () => ({ ...base, requirements: machine, bookings: index() }) },
    {
      name: 'room hours nobody has',
      input: () => ({
        ...base,
        requirements: [{ ...REQUIREMENTS[0]!, roomHours: 10 }, REQUIREMENTS[1]!],
        bookings: index(),
      }),
    },
    { name: 'customer location unknown', input: () => ({ ...base, customer: {}, bookings: index() }) },
    {
      name: 'customer by region',
      input: () => ({ ...base, customer: { region: 'wien' }, bookings: index() }),
    },
    {
      name: 'customer postcode typed oddly',
      input: () => ({ ...base, customer: { postcode: ' 10-10' }, bookings: index() }),
    },
    {
      name: 'partial: one competence nobody has hours for',
      input: () => ({
        ...base,
        requirements: [...REQUIREMENTS, { competenceId: 'painting', hours: 100_000 }],
        bookings: index(),
      }),
    },
    {
      name: 'nobody',
      input: () => ({ ...base, requirements: [{ competenceId: 'roofing', hours: 10 }], bookings: index() }),
    },
    {
      name: 'level minimum relaxed',
      input: () => ({
        ...base,
        requirements: REQUIREMENTS.map((r, i) => (i === 0 ? { ...r, minLevel: 6 } : r)),
        bookings: index(),
      }),
    },
    {
      name: 'fairness relaxed, partial',
      input: () => ({
        ...base,
        requirements: REQUIREMENTS.map((r) => ({ ...r, minLevel: 5, hours: r.hours * 40 })),
        bookings: index(),
      }),
    },
    {
      name: 'one competence, near partners',
      input: () => ({
        ...base,
        requirements: [{ competenceId: 'electrical', hours: 40 }],
        // where a partner with the competence and a negative referral balance is
        customer: {
          postcode: partners.find(
            (p) =>
              p.active &&
              (net.balances.get(p.id) ?? 0) < -50 &&
              p.competences.some((c) => c.competenceId === 'electrical'),
          )?.postcode,
        },
        bookings: index(),
      }),
    },
    {
      name: 'three ISO years, 8 requirements',
      input: () => ({
        ...base,
        weeks: weeksBetween('2029-12-03', '2031-02-03'),
        requirements: [
          ...REQUIREMENTS,
          { competenceId: 'solar', hours: 120 },
          { competenceId: 'ventilation', hours: 90, minLevel: 2 },
          { competenceId: 'painting', hours: 60 },
        ],
        bookings: index(),
        count: 5,
      }),
    },
  ];
  return scenarios.map((s) => ({ name: s.name, input: s.input() }));
}
