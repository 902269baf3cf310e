/**
 * Scoring, pure: how close a partner is to the customer, each candidate's facts (capacity, booked
 * and free hours in the timeframe, utilisation, referral balance) and its value per hour (the
 * weighted idle, fairness and proximity terms), and the relaxation passes that admit candidates.
 */

import { dayNumber, weekMondayDay } from '#shared/weeks';
import { BookingIndex, weekParts } from './capacity';
import {
  type Candidate,
  type Location,
  type MatchInput,
  type MatchPartner,
  MICRO,
  type PartnerFacts,
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
    else if (sameStart(cp, pp, 2)) best = 0.75;
    else if (cp.charCodeAt(0) === pp.charCodeAt(0)) best = 0.5;
  }
  if (cr && partner.region?.trim().toLowerCase() === cr) best = 1;
  return best;
}

/** `a.slice(0, n) === b.slice(0, n)` without building the slices. */
function sameStart(a: string, b: string, n: number): boolean {
  if (a.length < n || b.length < n) return a.length === b.length && a === b;
  for (let i = 0; i < n; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}

/** A partner counts as near from 0.75 on: same postcode area (first two characters) or region. */
const NEAR = 0.75;

/** Postcodes as typed (`A-1010`, `10 10`) compared without spaces and hyphens, in capitals. */
function normalisePostcode(p?: string): string | undefined {
  if (!p) return undefined;
  // most postcodes are digits already: no new string for them
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c < 48 || c > 57) return p.replace(/[\s-]/g, '').toUpperCase() || undefined;
  }
  return p;
}

/**
 * A candidate's facts as the proposal shows them, built only for the few partners a proposal
 * names (a match at 10,000 partners has thousands of candidates; building every one's facts was a
 * good part of its time and of its garbage).
 */
class ScoredCandidate implements Candidate {
  near = false;
  fair = false;
  value = 0;
  freeHours = 0;
  freeRoom = 0;
  freeMachine = 0;
  proximity: number | null = null;
  private built?: PartnerFacts;
  private levelList?: number[];

  index = 0;
  partner!: MatchPartner;
  anyMask = 0;
  levelMask = 0;
  balance = 0;
  private match!: MatchFacts;

  /** Sets the candidate up for a match (objects are kept from match to match, see `pool`). */
  reset(
    index: number,
    partner: MatchPartner,
    anyMask: number,
    levelMask: number,
    balance: number,
    match: MatchFacts,
  ) {
    this.index = index;
    this.partner = partner;
    this.anyMask = anyMask;
    this.levelMask = levelMask;
    this.balance = balance;
    this.match = match;
    this.near = false;
    this.fair = false;
    this.value = 0;
    this.freeHours = 0;
    this.freeRoom = 0;
    this.freeMachine = 0;
    this.proximity = null;
    this.built = undefined;
    this.levelList = undefined;
    return this;
  }

  private get capacity() {
    return this.match.sums[3 * this.index]!;
  }

  private get booked() {
    return this.match.sums[3 * this.index + 1]!;
  }

  get utilisation() {
    return this.capacity > 0 ? Math.min(1, this.booked / this.capacity) : 1;
  }

  get idle() {
    return 1 - this.utilisation;
  }

  get fairness() {
    return this.match.maxAbs === 0 ? 0.5 : 0.5 - (0.5 * this.balance) / this.match.maxAbs;
  }

  get levels(): readonly number[] {
    if (!this.levelList) {
      const levels = new Array<number>(this.match.reqIndex.size).fill(0);
      for (const c of this.partner.competences) {
        const i = this.match.reqIndex.get(c.competenceId);
        if (i !== undefined) levels[i] = c.level;
      }
      this.levelList = levels;
    }
    return this.levelList;
  }

  get facts(): PartnerFacts {
    this.built ??= {
      partnerId: this.partner.id,
      name: this.partner.name,
      capacityHours: round2(this.capacity),
      bookedHours: round2(this.booked),
      freeHours: this.freeHours,
      utilisation: round4(this.utilisation),
      balance: round2(this.balance),
      proximity: this.proximity,
      ...(this.match.shown.room ? { freeRoomHours: this.freeRoom } : {}),
      ...(this.match.shown.machine ? { freeMachineHours: this.freeMachine } : {}),
    };
    return this.built;
  }
}

/**
 * Candidate objects kept from one match to the next (a match is synchronous, so one pool serves
 * every match of a process): at 10,000 partners, thousands of fresh candidates per match were a
 * good part of its garbage collection, which grows faster than the network.
 */
const pool: ScoredCandidate[] = [];

/** What every candidate of one match shares: the summed hours by ordinal, the scale of balances. */
interface MatchFacts {
  sums: Float64Array;
  maxAbs: number;
  reqIndex: ReadonlyMap<string, number>;
  shown: { room: boolean; machine: boolean };
}

/**
 * Active partners with at least one required competence, with their facts and per-hour value, in
 * the order of `input.partners` (TeamSearch picks the best few per block without sorting them all).
 */
export function loadCandidates(input: MatchInput, reqIndex: Map<string, number>): Candidate[] {
  const reqs = input.requirements;
  let activeCount = 0;
  let balanceSum = 0;
  let maxAbs = 0;
  for (const p of input.partners) {
    if (!p.active) continue;
    activeCount++;
    const b = input.balances.get(p.id) ?? 0;
    balanceSum += b;
    maxAbs = Math.max(maxAbs, Math.abs(b));
  }
  const meanBalance = activeCount > 0 ? balanceSum / activeCount : 0;
  const shown = {
    room: reqs.some((r) => (r.roomHours ?? 0) > 0),
    machine: reqs.some((r) => (r.machineHours ?? 0) > 0),
  };

  // who has any required competence (and which at the level): only their resources and bookings
  // are read, by candidate ordinal
  const ordinal = new Map<string, number>();
  const out: ScoredCandidate[] = [];
  const facts: MatchFacts = { sums: new Float64Array(0), maxAbs, reqIndex, shown };
  for (const partner of input.partners) {
    if (!partner.active) continue;
    let anyMask = 0;
    let levelMask = 0;
    for (const c of partner.competences) {
      const i = reqIndex.get(c.competenceId);
      if (i === undefined) continue;
      anyMask |= 1 << i;
      if (c.level >= (reqs[i]!.minLevel ?? 1)) levelMask |= 1 << i;
    }
    if (anyMask === 0) continue;
    ordinal.set(partner.id, out.length);
    const balance = input.balances.get(partner.id) ?? 0;
    let c = pool[out.length];
    if (!c) {
      c = new ScoredCandidate();
      pool.push(c);
    }
    out.push(c.reset(out.length, partner, anyMask, levelMask, balance, facts));
  }
  const { sums, freeRoom, freeMachine } = kindHours(input, ordinal, out.length, shown);
  facts.sums = sums;

  const closeness = proximityTo(input.customer);
  for (let at = 0; at < out.length; at++) {
    const c = out[at]!;
    const prox = closeness(c.partner);
    c.freeHours = sums[3 * at + 2]!;
    c.proximity = prox;
    c.value = Math.round(
      (WEIGHTS.idle * c.idle + WEIGHTS.fairness * c.fairness + WEIGHTS.proximity * (prox ?? 0)) * MICRO,
    );
    c.near = prox === null || prox >= NEAR;
    c.fair = c.balance <= meanBalance + 1e-9;
    c.freeRoom = shown.room ? freeRoom[at]! : 0;
    c.freeMachine = shown.machine ? freeMachine[at]! : 0;
  }
  return out;
}

/**
 * Buffers a match reuses (matching is synchronous, one match at a time per process): grown to
 * the largest network seen, so a match at 10,000 partners allocates next to nothing per resource.
 */
const buffers = {
  slotResource: new Int32Array(0),
  slotOrdinal: new Int32Array(0),
  /** Per candidate ordinal, its first resource slot (-1: none), and per slot the next one. */
  firstSlot: new Int32Array(0),
  nextSlot: new Int32Array(0),
  /** Per slot, where its records start in `records` (counting sort by slot, stable). */
  recordStart: new Int32Array(0),
  pairSlot: new Int32Array(0),
  pairRecord: new Int32Array(0),
  sortedRecord: new Int32Array(0),
};

function grown(a: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  return a.length >= size ? a : new Int32Array(Math.max(size, a.length * 2));
}

/**
 * Capacity, booked and whole free hours in the timeframe summed over the `people` resources of
 * each candidate (and the whole free hours of its rooms and machines when a requirement needs
 * them); partners without a required competence are skipped before anything is built. The
 * bookings are read in one pass over the stored records, each matched to its resource through its
 * partner's candidate ordinal (a few resources per partner), so no map of every resource is built.
 * Per resource, hours are summed week by week in the resources' order, as before, so the sums
 * come out bit for bit the same.
 */
function kindHours(
  input: MatchInput,
  candidates: ReadonlyMap<string, number>,
  count: number,
  needs: { room: boolean; machine: boolean },
) {
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
  const records = index.records();
  const resources = input.resources;

  // 1. the resources that count, as slots in the resources' order, chained per candidate
  const b = buffers;
  b.firstSlot = grown(b.firstSlot, count);
  const firstSlot = b.firstSlot;
  firstSlot.fill(-1, 0, count);
  b.slotResource = grown(b.slotResource, resources.length);
  b.slotOrdinal = grown(b.slotOrdinal, resources.length);
  b.nextSlot = grown(b.nextSlot, resources.length);
  const { slotResource, slotOrdinal, nextSlot } = b;
  let slots = 0;
  // the ids side by side, so matching a record to its resource reads no resource object
  const slotId: string[] = [];
  // resources and records come grouped by partner (as the store reads them): one lookup per run
  let lastPartner: string | undefined;
  let lastAt: number | undefined;
  const ordinalOf = (partnerId: string) => {
    if (partnerId !== lastPartner) {
      lastPartner = partnerId;
      lastAt = candidates.get(partnerId);
    }
    return lastAt;
  };
  for (let ri = 0; ri < resources.length; ri++) {
    const r = resources[ri]!;
    const counted =
      r.kind === 'people' || (r.kind === 'room' && needs.room) || (r.kind === 'machine' && needs.machine);
    if (!counted) continue;
    const at = ordinalOf(r.partnerId);
    if (at === undefined) continue;
    slotResource[slots] = ri;
    slotId[slots] = r.id;
    slotOrdinal[slots] = at;
    nextSlot[slots] = firstSlot[at]!;
    firstSlot[at] = slots;
    slots++;
  }

  // 2. each record to the slots of its resource (in the records' order), then grouped by slot
  b.pairSlot = grown(b.pairSlot, records.length);
  b.pairRecord = grown(b.pairRecord, records.length);
  let pairSlot = b.pairSlot;
  let pairRecord = b.pairRecord;
  let pairs = 0;
  // a record of a year the timeframe does not touch adds nothing: skipped before any lookup
  let firstYear = Number.POSITIVE_INFINITY;
  let lastYear = Number.NEGATIVE_INFINITY;
  for (let w = 0; w < n; w++) {
    firstYear = Math.min(firstYear, years[w]!);
    lastYear = Math.max(lastYear, years[w]!);
  }
  for (let yi = 0; yi < records.length; yi++) {
    const y = records[yi]!;
    if (y.year < firstYear || y.year > lastYear) continue;
    const at = ordinalOf(y.partnerId);
    if (at === undefined) continue;
    for (let s = firstSlot[at]!; s >= 0; s = nextSlot[s]!) {
      if (slotId[s] !== y.resourceId) continue;
      if (pairs === pairSlot.length) {
        // a resource listed twice takes its records twice: more pairs than records
        b.pairSlot = pairSlot = grownCopy(pairSlot, pairs + 1);
        b.pairRecord = pairRecord = grownCopy(pairRecord, pairs + 1);
      }
      pairSlot[pairs] = s;
      pairRecord[pairs] = yi;
      pairs++;
    }
  }
  b.recordStart = grown(b.recordStart, slots + 1);
  b.sortedRecord = grown(b.sortedRecord, pairs);
  const { recordStart, sortedRecord } = b;
  recordStart.fill(0, 0, slots + 1);
  for (let p = 0; p < pairs; p++) recordStart[pairSlot[p]! + 1]!++;
  for (let s = 0; s < slots; s++) recordStart[s + 1]! += recordStart[s]!;
  // placed from the back, so each slot's records keep their order
  for (let p = pairs - 1; p >= 0; p--) {
    const s = pairSlot[p]!;
    const to = recordStart[s + 1]! - 1;
    sortedRecord[to] = pairRecord[p]!;
    recordStart[s + 1] = to;
  }
  // recordStart[s + 1] is now where slot s starts; slot s ends where slot s + 1 starts
  const startOf = (s: number) => recordStart[s + 1]!;
  const endOf = (s: number) => (s + 1 < slots ? recordStart[s + 2]! : pairs);

  // 3. per slot: capacity and booked hours week by week, summed into its candidate's totals
  const capacity = new Float64Array(n);
  const booked = new Float64Array(n);
  const sums = new Float64Array(3 * count);
  const freeRoom = new Float64Array(needs.room ? count : 0);
  const freeMachine = new Float64Array(needs.machine ? count : 0);
  const days = new Map<string, number>();
  const dayOf = (date: string) => {
    let d = days.get(date);
    if (d === undefined) {
      d = dayNumber(date);
      days.set(date, d);
    }
    return d;
  };
  for (let s = 0; s < slots; s++) {
    const r = resources[slotResource[s]!]!;
    const at = slotOrdinal[s]!;
    capacity.fill(r.hoursPerWeek);
    for (const e of r.exceptions) {
      const from = dayOf(e.from);
      const to = dayOf(e.to);
      for (let w = 0; w < n; w++) {
        const monday = mondays[w]!;
        if (from <= monday + 6 && to >= monday && e.hours < capacity[w]!) capacity[w] = e.hours;
      }
    }
    booked.fill(0);
    for (let p = startOf(s), end = endOf(s); p < end; p++) {
      const y = records[sortedRecord[p]!]!;
      for (let w = 0; w < n; w++) if (years[w] === y.year) booked[w]! += y.hours[numbers[w]!] ?? 0;
    }
    const other = r.kind === 'room' ? freeRoom : r.kind === 'machine' ? freeMachine : undefined;
    if (other) {
      let f = other[at]!;
      for (let w = 0; w < n; w++) if (capacity[w]! > booked[w]!) f += Math.floor(capacity[w]! - booked[w]!);
      other[at] = f;
      continue;
    }
    let c = sums[3 * at]!;
    let bk = sums[3 * at + 1]!;
    let f = sums[3 * at + 2]!;
    for (let w = 0; w < n; w++) {
      const cw = capacity[w]!;
      const bw = booked[w]!;
      c += cw;
      bk += bw;
      if (cw > bw) f += Math.floor(cw - bw);
    }
    sums[3 * at] = c;
    sums[3 * at + 1] = bk;
    sums[3 * at + 2] = f;
  }
  return { sums, freeRoom, freeMachine };
}

function grownCopy(a: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(Math.max(size, a.length * 2));
  out.set(a);
  return out;
}

/** The passes in relaxation order; a relaxation that admits nobody new adds no pass. */
export function relaxationPasses(candidates: Candidate[], customer: Location): Pass[] {
  // four masks per candidate in one loop (no callback per candidate and mask)
  const n = candidates.length;
  const strict = new Int32Array(n);
  const anyDistance = new Int32Array(n);
  const anyBalance = new Int32Array(n);
  const anyLevel = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = candidates[i]!;
    const fair = c.fair ? c.levelMask : 0;
    strict[i] = c.near ? fair : 0;
    anyDistance[i] = fair;
    anyBalance[i] = c.levelMask;
    anyLevel[i] = c.anyMask;
  }
  const steps: { relaxation?: Relaxation; masks: Int32Array }[] = [
    { masks: strict },
    { relaxation: 'proximity', masks: anyDistance },
    { relaxation: 'fairness', masks: anyBalance },
    { relaxation: 'levelMinimum', masks: anyLevel },
  ];
  const passes: Pass[] = [];
  const relaxed: Relaxation[] = [];
  let previous: Int32Array | undefined;
  for (const s of steps) {
    if (s.relaxation) {
      if (s.relaxation === 'proximity' && !customer.postcode && !customer.region) continue;
      if (previous && sameMasks(previous, s.masks)) continue;
      relaxed.push(s.relaxation);
    }
    passes.push({ relaxed: [...relaxed], masks: s.masks });
    previous = s.masks;
  }
  return passes;
}

function sameMasks(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
export const round4 = (n: number) => Math.round(n * 10_000) / 10_000;
