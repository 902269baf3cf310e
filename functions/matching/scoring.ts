/**
 * Scoring, pure: how close a partner is to the customer, each candidate's facts (capacity, booked
 * and free hours in the timeframe, utilisation, referral balance) and its value per hour (the
 * weighted idle, fairness and proximity terms), and the relaxation passes that admit candidates.
 */

import { dayNumber, weekMondayDay } from '#shared/weeks';
import { BookingIndex, type ResourceYear, weekParts } from './capacity';
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
export const proximity = (partner: Location, customer: Location): number | null =>
  proximityTo(customer)(partner);

/** proximity() with the customer's location normalised once, for many partners. */
function proximityTo(customer: Location): (partner: Location) => number | null {
  const cp = normalisePostcode(customer.postcode);
  const cr = customer.region?.trim().toLowerCase();
  if (!cp && !cr) return () => null;
  return (partner) => closeness(partner, cp, cr);
}

function closeness(partner: Location, cp: string | undefined, cr: string | undefined): number {
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

  // who has any required competence (and which at the level): only their people resources and
  // bookings are read, into arrays by candidate ordinal, so nothing per partner is kept in maps
  const ordinal = new Map<string, number>();
  const anyMasks: number[] = [];
  const levelMasks: number[] = [];
  const levelsOf: number[][] = [];
  for (const partner of active) {
    let anyMask = 0;
    let levelMask = 0;
    let levels: number[] | undefined;
    for (const c of partner.competences) {
      const i = reqIndex.get(c.competenceId);
      if (i === undefined) continue;
      anyMask |= 1 << i;
      levels ??= new Array<number>(reqs.length).fill(0);
      levels[i] = c.level;
      if (c.level >= (reqs[i]!.minLevel ?? 1)) levelMask |= 1 << i;
    }
    if (anyMask !== 0) {
      ordinal.set(partner.id, anyMasks.length);
      anyMasks.push(anyMask);
      levelMasks.push(levelMask);
      levelsOf.push(levels!);
    }
  }
  const { sums, freeRoom, freeMachine } = kindHours(input, ordinal, anyMasks.length);

  const out: Candidate[] = [];
  const closeness = proximityTo(input.customer);
  for (const partner of active) {
    const at = ordinal.get(partner.id);
    if (at === undefined) continue;
    const anyMask = anyMasks[at]!;
    const levelMask = levelMasks[at]!;
    const levels = levelsOf[at]!;
    const capacity = sums[3 * at]!;
    const bookedHours = sums[3 * at + 1]!;
    const free = sums[3 * at + 2]!;
    const utilisation = capacity > 0 ? Math.min(1, bookedHours / capacity) : 1;
    const balance = input.balances.get(partner.id) ?? 0;
    const prox = closeness(partner);
    const idle = 1 - utilisation;
    const fairness = maxAbs === 0 ? 0.5 : 0.5 - (0.5 * balance) / maxAbs;
    const value = Math.round(
      (WEIGHTS.idle * idle + WEIGHTS.fairness * fairness + WEIGHTS.proximity * (prox ?? 0)) * MICRO,
    );
    const room = freeRoom.length > 0 ? freeRoom[at]! : 0;
    const machine = freeMachine.length > 0 ? freeMachine[at]! : 0;
    out.push({
      index: 0,
      freeRoom: room,
      freeMachine: machine,
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
        ...(freeRoom.length > 0 ? { freeRoomHours: room } : {}),
        ...(freeMachine.length > 0 ? { freeMachineHours: machine } : {}),
      },
    });
  }
  // one order for every candidate list: best value first, then partner id
  out.sort((a, b) => b.value - a.value || (a.partner.id < b.partner.id ? -1 : 1));
  out.forEach((c, index) => {
    c.index = index;
  });
  return out;
}

/**
 * Capacity, booked and whole free hours in the timeframe summed over the `people` resources of
 * each candidate (and the whole free hours of its rooms and machines when a requirement needs them) (partners without a required competence are skipped before anything is built).
 * One capacity buffer is reused for every resource; week Mondays, years and week numbers are
 * computed once; bookings are read from the stored resource-years without building per-week maps.
 */
function kindHours(input: MatchInput, candidates: ReadonlyMap<string, number>, count: number) {
  const n = input.weeks.length;
  const mondays = new Float64Array(n);
  const years = new Int32Array(n);
  const numbers = new Int32Array(n);
  input.weeks.forEach((w, i) => {
    mondays[i] = weekMondayDay(w);
    const { year, n: number } = weekParts(w);
    years[i] = year;
    numbers[i] = number;
  });
  const index = input.bookings instanceof BookingIndex ? input.bookings : new BookingIndex(input.bookings);
  const capacity = new Float64Array(n);
  const booked = new Float64Array(n);
  // per candidate ordinal: capacity, booked and whole free people-hours; free room/machine hours
  const sums = new Float64Array(3 * count);
  const needs = {
    room: input.requirements.some((r) => (r.roomHours ?? 0) > 0),
    machine: input.requirements.some((r) => (r.machineHours ?? 0) > 0),
  };
  const freeRoom = new Float64Array(needs.room ? count : 0);
  const freeMachine = new Float64Array(needs.machine ? count : 0);
  const addYear = (y: ResourceYear) => {
    for (let w = 0; w < n; w++) if (years[w] === y.year) booked[w]! += y.hours[numbers[w]!] ?? 0;
  };
  for (const r of input.resources) {
    const other = r.kind === 'room' ? freeRoom : r.kind === 'machine' ? freeMachine : undefined;
    if (r.kind !== 'people' && (!other || other.length === 0)) continue;
    const at = candidates.get(r.partnerId);
    if (at === undefined) continue;
    capacity.fill(r.hoursPerWeek);
    for (const e of r.exceptions) {
      const from = dayNumber(e.from);
      const to = dayNumber(e.to);
      for (let w = 0; w < n; w++) {
        const monday = mondays[w]!;
        if (from <= monday + 6 && to >= monday && e.hours < capacity[w]!) capacity[w] = e.hours;
      }
    }
    booked.fill(0);
    index.eachYear(r.partnerId, r.id, addYear);
    if (other) {
      let f = other[at]!;
      for (let w = 0; w < n; w++) if (capacity[w]! > booked[w]!) f += Math.floor(capacity[w]! - booked[w]!);
      other[at] = f;
      continue;
    }
    let c = sums[3 * at]!;
    let b = sums[3 * at + 1]!;
    let f = sums[3 * at + 2]!;
    for (let w = 0; w < n; w++) {
      const cw = capacity[w]!;
      const bw = booked[w]!;
      c += cw;
      b += bw;
      if (cw > bw) f += Math.floor(cw - bw);
    }
    sums[3 * at] = c;
    sums[3 * at + 1] = b;
    sums[3 * at + 2] = f;
  }
  return { sums, freeRoom, freeMachine };
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
