/**
 * The generated network the matching benchmark and its profiling driver match against: `n`
 * partners from a fixed seed, so every run (and every process) sees the same network.
 */
import { type BookedHours, type ResourceYear, WEEK_SLOTS } from '#functions/matching/capacity';
import type { MatchPartner, MatchResource, Requirement } from '#functions/matching/match-types';
import { weeksBetween } from '#shared/weeks';

const COMPETENCES = [
  'carpentry',
  'timber-construction',
  'electrical',
  'plumbing',
  'heating',
  'ventilation',
  'solar',
  'planning',
  'building-physics',
  'painting',
];
export const WEEKS = weeksBetween('2030-01-07', '2031-01-05'); // 52 ISO weeks
export const REQUIREMENTS: Requirement[] = [
  { competenceId: 'carpentry', hours: 400, minLevel: 3 },
  { competenceId: 'electrical', hours: 240 },
  { competenceId: 'plumbing', hours: 200, minLevel: 2 },
  { competenceId: 'heating', hours: 160 },
  { competenceId: 'planning', hours: 80, minLevel: 4 },
];

/** A small deterministic PRNG (mulberry32), so every run benchmarks the same network. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Generated {
  partners: MatchPartner[];
  resources: (MatchResource & { name: string })[];
  /** Booked hours per resource and week, 52 weeks: the old layout's items, one per line. */
  bookings: BookedHours[];
  balances: Map<string, number>;
}

/** `n` partners with 1–3 competences, 1–2 people resources and a machine, booked 0–90 % a week. */
export function generate(n: number, seed = 42): Generated {
  const rnd = prng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const out: Generated = { partners: [], resources: [], bookings: [], balances: new Map() };
  for (let i = 0; i < n; i++) {
    const id = `p${String(i).padStart(5, '0')}`;
    const competences = new Map<string, number>();
    const k = 1 + Math.floor(rnd() * 3);
    while (competences.size < k) competences.set(pick(COMPETENCES), 1 + Math.floor(rnd() * 5));
    out.partners.push({
      id,
      name: `Firma ${id}`,
      active: rnd() > 0.05,
      competences: [...competences].map(([competenceId, level]) => ({ competenceId, level })),
      postcode: String(1000 + Math.floor(rnd() * 8000)),
    });
    const people = 1 + Math.floor(rnd() * 2);
    for (let r = 0; r < people + 1; r++) {
      const kind = r < people ? 'people' : 'machine';
      const hoursPerWeek = kind === 'people' ? 38 * (1 + Math.floor(rnd() * 5)) : 40;
      const resource = {
        id: `${id}-r${r + 1}`,
        partnerId: id,
        kind,
        name: `${kind} ${r + 1}`,
        hoursPerWeek,
        exceptions: rnd() < 0.5 ? [{ from: '2030-12-24', to: '2031-01-06', hours: 0 }] : [],
      };
      out.resources.push(resource);
      const load = rnd() * 0.9;
      for (const week of WEEKS) {
        const booked = Math.round(hoursPerWeek * load * rnd() * 2);
        if (booked > 0)
          out.bookings.push({
            partnerId: id,
            resourceId: resource.id,
            week,
            booked: Math.min(booked, hoursPerWeek),
          });
      }
    }
    if (rnd() < 0.3) out.balances.set(id, Math.round((rnd() - 0.5) * 400));
  }
  return out;
}

/** The resource-years the new layout stores for the generated week lines. */
export function yearsOf(lines: readonly BookedHours[]): ResourceYear[] {
  const out = new Map<string, ResourceYear>();
  for (const l of lines) {
    const year = Number(l.week.slice(0, 4));
    const key = `${l.partnerId}#${l.resourceId}#${year}`;
    let y = out.get(key);
    if (!y) {
      y = { partnerId: l.partnerId, resourceId: l.resourceId, year, hours: new Float64Array(WEEK_SLOTS) };
      out.set(key, y);
    }
    y.hours[Number(l.week.slice(6))]! += l.booked;
  }
  return [...out.values()];
}

export const TIMEFRAMES = { 4: WEEKS.slice(0, 4), 52: WEEKS } as const;
