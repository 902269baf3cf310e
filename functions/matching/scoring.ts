/**
 * Scoring, pure: how close a partner is to the customer, each candidate's facts (capacity, booked
 * and free hours in the timeframe, utilisation, referral balance) and its value per hour (the
 * weighted idle, fairness and proximity terms), and the relaxation passes that admit candidates.
 */

import { dayNumber, weekMondayDay } from '#shared/weeks';
import { BookingIndex } from './capacity';
import {
  type Candidate,
  type Location,
  type MatchInput,
  MICRO,
  type Pass,
  type Relaxation,
  WEIGHTS,
} from './match-types';

/** 0…1 closeness of a partner to the customer; null when the customer's location is unknown. */
export function proximity(partner: Location, customer: Location): number | null {
  const cp = normalisePostcode(customer.postcode);
  const cr = customer.region?.trim().toLowerCase();
  if (!cp && !cr) return null;
  let best = 0;
  const pp = normalisePostcode(partner.postcode);
  if (cp && pp) {
    if (cp === pp) best = 1;
    else if (cp.slice(0, 2) === pp.slice(0, 2)) best = 0.75;
    else if (cp[0] === pp[0]) best = 0.5;
  }
  if (cr && partner.region?.trim().toLowerCase() === cr) best = 1;
  return best;
}

/** A partner counts as near from 0.75 on: same postcode area (first two characters) or region. */
const NEAR = 0.75;

const normalisePostcode = (p?: string) => p?.replace(/[\s-]/g, '').toUpperCase() || undefined;

/** Active partners with at least one required competence, with their facts and per-hour value. */
export function loadCandidates(input: MatchInput, reqIndex: Map<string, number>): Candidate[] {
  const reqs = input.requirements;
  const active = input.partners.filter((p) => p.active);
  let balanceSum = 0;
  let maxAbs = 0;
  for (const p of active) {
    const b = input.balances.get(p.id) ?? 0;
    balanceSum += b;
    maxAbs = Math.max(maxAbs, Math.abs(b));
  }
  const meanBalance = active.length > 0 ? balanceSum / active.length : 0;

  // who has any required competence: only their people resources and bookings matter
  const masks = new Map<string, { anyMask: number; levelMask: number; levels: Map<number, number> }>();
  for (const partner of active) {
    let anyMask = 0;
    let levelMask = 0;
    const levels = new Map<number, number>();
    for (const c of partner.competences) {
      const i = reqIndex.get(c.competenceId);
      if (i === undefined) continue;
      anyMask |= 1 << i;
      levels.set(i, c.level);
      if (c.level >= (reqs[i]!.minLevel ?? 1)) levelMask |= 1 << i;
    }
    if (anyMask !== 0) masks.set(partner.id, { anyMask, levelMask, levels });
  }
  const weekly = bookedPerWeek(input, masks);

  const out: Omit<Candidate, 'index'>[] = [];
  for (const partner of active) {
    const m = masks.get(partner.id);
    if (!m) continue;
    const { anyMask, levelMask, levels } = m;
    let capacity = 0;
    let bookedHours = 0;
    let free = 0;
    for (const r of weekly.get(partner.id)?.values() ?? []) {
      for (let w = 0; w < r.capacity.length; w++) {
        const c = r.capacity[w]!;
        const b = r.booked[w]!;
        capacity += c;
        bookedHours += b;
        if (c > b) free += Math.floor(c - b);
      }
    }
    const utilisation = capacity > 0 ? Math.min(1, bookedHours / capacity) : 1;
    const balance = input.balances.get(partner.id) ?? 0;
    const prox = proximity(partner, input.customer);
    const idle = 1 - utilisation;
    const fairness = maxAbs === 0 ? 0.5 : 0.5 - (0.5 * balance) / maxAbs;
    const value = Math.round(
      (WEIGHTS.idle * idle + WEIGHTS.fairness * fairness + WEIGHTS.proximity * (prox ?? 0)) * MICRO,
    );
    out.push({
      partner,
      levels,
      anyMask,
      levelMask,
      near: prox === null || prox >= NEAR,
      fair: balance <= meanBalance + 1e-9,
      idle,
      fairness,
      value,
      facts: {
        partnerId: partner.id,
        name: partner.name,
        capacityHours: round2(capacity),
        bookedHours: round2(bookedHours),
        freeHours: free,
        utilisation: round4(utilisation),
        balance: round2(balance),
        proximity: prox,
      },
    });
  }
  // one order for every candidate list: best value first, then partner id
  out.sort((a, b) => b.value - a.value || (a.partner.id < b.partner.id ? -1 : 1));
  return out.map((c, index) => ({ ...c, index }));
}

/**
 * Capacity and booked hours per week position of every people resource of the candidates. Week
 * Mondays are computed once, bookings outside the timeframe or of other partners are skipped.
 */
function bookedPerWeek(input: MatchInput, candidates: ReadonlyMap<string, unknown>) {
  const n = input.weeks.length;
  const position = new Map(input.weeks.map((w, i) => [w, i]));
  const mondays = input.weeks.map(weekMondayDay);
  const byPartner = new Map<string, Map<string, { capacity: Float64Array; booked: Float64Array }>>();
  for (const r of input.resources) {
    if (r.kind !== 'people' || !candidates.has(r.partnerId)) continue;
    const capacity = new Float64Array(n).fill(r.hoursPerWeek);
    for (const e of r.exceptions) {
      const from = dayNumber(e.from);
      const to = dayNumber(e.to);
      for (let w = 0; w < n; w++) {
        const monday = mondays[w]!;
        if (from <= monday + 6 && to >= monday && e.hours < capacity[w]!) capacity[w] = e.hours;
      }
    }
    let resources = byPartner.get(r.partnerId);
    if (!resources) {
      resources = new Map();
      byPartner.set(r.partnerId, resources);
    }
    resources.set(r.id, { capacity, booked: new Float64Array(n) });
  }
  if (input.bookings instanceof BookingIndex) {
    for (const [partnerId, resources] of byPartner) {
      for (const [resourceId, r] of resources) {
        for (const [week, hours] of input.bookings.weeksOf(partnerId, resourceId) ?? []) {
          const w = position.get(week);
          if (w !== undefined) r.booked[w]! += hours;
        }
      }
    }
  } else {
    for (const b of input.bookings) {
      const r = byPartner.get(b.partnerId)?.get(b.resourceId);
      if (!r) continue;
      const w = position.get(b.week);
      if (w !== undefined) r.booked[w]! += b.booked;
    }
  }
  return byPartner;
}

/** The passes in relaxation order; a relaxation that admits nobody new adds no pass. */
export function relaxationPasses(candidates: Candidate[], customer: Location): Pass[] {
  const make = (f: (c: Candidate) => number) => Int32Array.from(candidates, f);
  const steps: { relaxation?: Relaxation; masks: Int32Array }[] = [
    { masks: make((c) => (c.near && c.fair ? c.levelMask : 0)) },
    { relaxation: 'proximity', masks: make((c) => (c.fair ? c.levelMask : 0)) },
    { relaxation: 'fairness', masks: make((c) => c.levelMask) },
    { relaxation: 'levelMinimum', masks: make((c) => c.anyMask) },
  ];
  const passes: Pass[] = [];
  const relaxed: Relaxation[] = [];
  let previous: Int32Array | undefined;
  for (const s of steps) {
    if (s.relaxation) {
      if (s.relaxation === 'proximity' && !customer.postcode && !customer.region) continue;
      if (previous && s.masks.every((m, i) => m === previous![i])) continue;
      relaxed.push(s.relaxation);
    }
    passes.push({ relaxed: [...relaxed], masks: s.masks });
    previous = s.masks;
  }
  return passes;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
export const round4 = (n: number) => Math.round(n * 10_000) / 10_000;
