/**
 * The matcher: a pure function from loaded data (requirements, timeframe, partners, resources,
 * bookings, referral balances, the customer's location) to ranked team proposals.
 *
 * A team assigns each required competence to one partner; a partner may take several. The work of
 * a competence is booked on the partner's `people` resources, so a partner qualifies for a block
 * of competences when it has them (at the minimum level) and its free people-hours in the
 * timeframe cover their summed hours.
 *
 * Ranking, most important first: coverage, fewer partners, then one weighted score of
 * idle capacity (1 − utilisation), fairness (negative referral balance) and proximity. The score
 * is the hours-weighted mean over the assignments, computed in integer micro-units so equal
 * teams compare equal; remaining ties go by the assignment's partner ids.
 *
 * Step-wise relaxation: the first pass admits only partners near the customer (when its location
 * is known) whose referral balance is not above the network's mean, at the minimum level. When no
 * complete team exists, proximity is dropped, then fairness, then the level minimum. A team from
 * a stricter pass ranks before one that needed a relaxation. When no pass yields a complete team,
 * the best partial teams come back, each missing competence with its reason; when not even a
 * partial team exists, the answer says why per competence.
 */

import { dayNumber, weekMondayDay } from '#shared/weeks';
import { type BookedHours, BookingIndex } from './capacity';

/** Teams are searched exactly over set partitions of the competences; Bell(8) = 4140 partitions. */
export const MAX_REQUIREMENTS = 8;
export const MAX_PROPOSALS = 10;
/** Weights of the score terms, each term being 0…1. */
export const WEIGHTS = { idle: 3, fairness: 2, proximity: 1 } as const;
export const RELAXATIONS = ['proximity', 'fairness', 'levelMinimum'] as const;
export type Relaxation = (typeof RELAXATIONS)[number];

const MICRO = 1_000_000;

export interface Location {
  postcode?: string;
  region?: string;
}

export interface MatchPartner extends Location {
  id: string;
  name: string;
  active: boolean;
  competences: readonly { competenceId: string; level: number }[];
}

export interface MatchResource {
  id: string;
  partnerId: string;
  kind: string;
  hoursPerWeek: number;
  exceptions: readonly { from: string; to: string; hours: number }[];
}

export interface Requirement {
  competenceId: string;
  /** Whole hours of work for the whole timeframe. */
  hours: number;
  minLevel?: number;
}

export interface MatchInput {
  requirements: readonly Requirement[];
  /** The timeframe's ISO weeks. */
  weeks: readonly string[];
  partners: readonly MatchPartner[];
  resources: readonly MatchResource[];
  bookings: Iterable<BookedHours> | BookingIndex;
  /** Referral balance per partner: received − given hours (missing = 0). */
  balances: ReadonlyMap<string, number>;
  customer: Location;
  /** How many proposals at most (1…MAX_PROPOSALS). */
  count: number;
}

/** What the matcher knew about a partner of a proposal: the basis of the explanation. */
export interface PartnerFacts {
  partnerId: string;
  name: string;
  capacityHours: number;
  bookedHours: number;
  freeHours: number;
  utilisation: number;
  balance: number;
  /** 0…1, null when the customer's location is unknown. */
  proximity: number | null;
}

export interface Assignment {
  competenceId: string;
  partnerId: string;
  hours: number;
  level: number;
  minLevel?: number;
  /** Only after the level minimum was relaxed. */
  belowMinLevel: boolean;
}

export interface Missing {
  competenceId: string;
  hours: number;
  reason: string;
}

export interface Term {
  term: 'coverage' | 'partners' | 'idle' | 'fairness' | 'proximity';
  value: number;
  weight?: number;
  detail: string;
}

export interface Proposal {
  rank: number;
  complete: boolean;
  leadPartnerId: string;
  partnerIds: string[];
  assignments: Assignment[];
  missing: Missing[];
  relaxed: Relaxation[];
  /** Weighted score 0…(sum of weights), the hours-weighted mean over the assignments. */
  score: number;
  explanation: Term[];
  partners: PartnerFacts[];
}

export interface MatchResult {
  proposals: Proposal[];
  /** Why relaxations were needed, why competences are missing, or why there is nothing at all. */
  reasons: string[];
}

interface Candidate {
  index: number;
  partner: MatchPartner;
  levels: Map<number, number>;
  anyMask: number;
  levelMask: number;
  near: boolean;
  fair: boolean;
  facts: PartnerFacts;
  idle: number;
  fairness: number;
  /** Score per hour in micro-units. */
  value: number;
}

interface Team {
  /** Partner (candidate index) per requirement, -1 where missing. */
  byRequirement: number[];
  covered: number;
  partnerCount: number;
  /** Sum of hours × value (micro-units), exact. */
  total: number;
  key: string;
  setKey: string;
}

interface Pass {
  relaxed: Relaxation[];
  masks: Int32Array;
}

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

/** Hands out the proposals for one inquiry. Throws RangeError on input a handler must refuse. */
export function match(input: MatchInput): MatchResult {
  const reqs = input.requirements;
  const k = reqs.length;
  if (k === 0 || k > MAX_REQUIREMENTS)
    throw new RangeError(`between 1 and ${MAX_REQUIREMENTS} required competences, got ${k}`);
  const reqIndex = new Map<string, number>();
  reqs.forEach((r, i) => {
    if (reqIndex.has(r.competenceId)) throw new RangeError(`competence ${r.competenceId} is required twice`);
    if (!Number.isInteger(r.hours) || r.hours < 1)
      throw new RangeError(`hours must be a whole number ≥ 1, got ${r.hours} for ${r.competenceId}`);
    reqIndex.set(r.competenceId, i);
  });
  const count = Math.max(1, Math.min(MAX_PROPOSALS, Math.floor(input.count)));
  const full = (1 << k) - 1;
  const hours = new Array<number>(1 << k).fill(0);
  for (let m = 1; m <= full; m++) hours[m] = hours[m & (m - 1)]! + reqs[31 - Math.clz32(m & -m)]!.hours;

  const candidates = loadCandidates(input, reqIndex);
  const passes = relaxationPasses(candidates, input.customer);
  const search = new TeamSearch(candidates, hours, count, k);

  // complete teams: the first pass that has one wins; later passes fill up to `count`
  const found: { team: Team; pass: Pass }[] = [];
  const seen = new Set<string>();
  let winner = -1;
  for (let p = 0; p < passes.length; p++) {
    const pass = passes[p]!;
    // a team that breaks the level minimum is only offered when nothing else is complete
    if (winner >= 0 && pass.relaxed.includes('levelMinimum')) break;
    const teams = search.teams(pass.masks, full, count - found.length, seen);
    if (teams.length > 0 && winner < 0) winner = p;
    for (const team of teams) {
      seen.add(team.setKey);
      found.push({ team, pass });
    }
    if (found.length >= count) break;
  }

  const reasons: string[] = [];
  if (winner >= 0) {
    for (const r of passes[winner]!.relaxed) reasons.push(relaxationReason(r, input.customer));
  } else {
    // partial teams: the most competences any pass can cover, from the strictest pass that does
    const last = passes[passes.length - 1]!;
    const best = search.bestCoverage(last.masks, full);
    if (best > 0) {
      for (const pass of passes) {
        const teams = search.partialTeams(pass.masks, full, best, count);
        if (teams.length === 0) continue;
        for (const team of teams) found.push({ team, pass });
        for (const r of pass.relaxed) reasons.push(relaxationReason(r, input.customer));
        break;
      }
    }
  }

  const proposals = found.map(({ team, pass }, i) =>
    proposal(team, pass, i + 1, reqs, candidates, input.customer),
  );
  if (proposals.length > 0) {
    for (const m of proposals[0]!.missing) reasons.push(`${m.competenceId}: ${m.reason}`);
  } else {
    const relaxed = passes[passes.length - 1]!.relaxed;
    reqs.forEach((r, i) => {
      reasons.push(`${r.competenceId}: ${missingReason(i, r, candidates, relaxed, false)}`);
    });
  }
  return { proposals, reasons };
}

/** Active partners with at least one required competence, with their facts and per-hour value. */
function loadCandidates(input: MatchInput, reqIndex: Map<string, number>): Candidate[] {
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
function relaxationPasses(candidates: Candidate[], customer: Location): Pass[] {
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

/** Exact search over set partitions of the competences, candidates pruned to the best few. */
class TeamSearch {
  private readonly partitionsOf = new Map<number, number[][]>();

  constructor(
    private readonly candidates: Candidate[],
    private readonly hours: number[],
    private readonly count: number,
    private readonly k: number,
  ) {}

  /**
   * For each block of competences (a bit mask), the best candidates able to take the whole block
   * in this pass. `count + k` per block are enough for `count` teams of distinct partners.
   */
  private lists(masks: Int32Array): number[][] {
    const size = this.count + this.k;
    const lists: number[][] = Array.from({ length: 1 << this.k }, () => []);
    for (const c of this.candidates) {
      const mask = masks[c.index]!;
      if (mask === 0) continue;
      // every non-empty sub-block of what it can do, if its free hours cover the block
      for (let s = mask; s > 0; s = (s - 1) & mask) {
        const list = lists[s]!;
        if (list.length < size && this.hours[s]! <= c.facts.freeHours) list.push(c.index);
      }
    }
    return lists;
  }

  private partitions(mask: number): number[][] {
    let out = this.partitionsOf.get(mask);
    if (out) return out;
    out = [];
    const rec = (rest: number, blocks: number[]) => {
      if (rest === 0) {
        out!.push([...blocks]);
        return;
      }
      const low = rest & -rest;
      const others = rest ^ low;
      // every block holding the lowest competence left: low plus any subset of the others
      for (let s = others; ; s = (s - 1) & others) {
        blocks.push(s | low);
        rec(others & ~s, blocks);
        blocks.pop();
        if (s === 0) break;
      }
    };
    rec(mask, []);
    out.sort((a, b) => a.length - b.length);
    this.partitionsOf.set(mask, out);
    return out;
  }

  /** Up to `want` best teams covering all of `target`, none with a partner set in `exclude`. */
  teams(masks: Int32Array, target: number, want: number, exclude: ReadonlySet<string>): Team[] {
    if (want <= 0) return [];
    return this.search(this.lists(masks), [target], want, exclude);
  }

  /** The largest number of competences a team can cover in this pass. */
  bestCoverage(masks: Int32Array, full: number): number {
    const lists = this.lists(masks);
    for (let size = this.k; size > 0; size--) {
      const targets = subsetsOfSize(full, size).filter((t) => coverable(lists, t));
      if (this.search(lists, targets, 1, new Set()).length > 0) return size;
    }
    return 0;
  }

  /** Up to `want` best teams covering exactly `size` of the competences. */
  partialTeams(masks: Int32Array, full: number, size: number, want: number): Team[] {
    const lists = this.lists(masks);
    const targets = subsetsOfSize(full, size).filter((t) => coverable(lists, t));
    return this.search(lists, targets, want, new Set());
  }

  private search(lists: number[][], targets: number[], want: number, exclude: ReadonlySet<string>): Team[] {
    const best: Team[] = [];
    const byBlocks = new Map<number, { target: number; blocks: number[] }[]>();
    for (const target of targets) {
      for (const blocks of this.partitions(target)) {
        if (blocks.some((b) => lists[b]!.length === 0)) continue;
        const group = byBlocks.get(blocks.length) ?? [];
        group.push({ target, blocks });
        byBlocks.set(blocks.length, group);
      }
    }
    const sizes = [...byBlocks.keys()].sort((a, b) => a - b);
    for (const m of sizes) {
      // fewer partners always rank first: once `want` teams are found, more partners cannot win
      if (best.length >= want) break;
      const found: Team[] = [];
      for (const { blocks } of byBlocks.get(m)!) this.combine(lists, blocks, want, exclude, found);
      best.push(...found);
    }
    return best.slice(0, want);
  }

  /** Distinct partners for the blocks, best total first, pruned against the `want`-th best. */
  private combine(
    lists: number[][],
    blocks: number[],
    want: number,
    exclude: ReadonlySet<string>,
    found: Team[],
  ) {
    const order = [...blocks].sort((a, b) => this.hours[b]! - this.hours[a]! || a - b);
    // the best value still reachable from block i on, for pruning
    const bound = new Array<number>(order.length + 1).fill(0);
    for (let i = order.length - 1; i >= 0; i--) {
      const b = order[i]!;
      bound[i] = bound[i + 1]! + this.hours[b]! * this.candidates[lists[b]![0]!]!.value;
    }
    const chosen: number[] = [];
    const rec = (i: number, total: number) => {
      if (found.length >= want) {
        const worst = found[found.length - 1]!;
        if (total + bound[i]! < worst.total) return;
      }
      if (i === order.length) {
        this.offer(this.team(order, chosen, total), want, exclude, found);
        return;
      }
      const block = order[i]!;
      for (const c of lists[block]!) {
        if (chosen.includes(c)) continue;
        chosen.push(c);
        rec(i + 1, total + this.hours[block]! * this.candidates[c]!.value);
        chosen.pop();
      }
    };
    rec(0, 0);
  }

  private team(blocks: number[], chosen: number[], total: number): Team {
    const byRequirement = new Array<number>(this.k).fill(-1);
    let covered = 0;
    blocks.forEach((b, i) => {
      for (let r = 0; r < this.k; r++) {
        if (b & (1 << r)) {
          byRequirement[r] = chosen[i]!;
          covered++;
        }
      }
    });
    const ids = chosen.map((c) => this.candidates[c]!.partner.id);
    return {
      byRequirement,
      covered,
      partnerCount: chosen.length,
      total,
      key: byRequirement.map((c) => (c < 0 ? '' : this.candidates[c]!.partner.id)).join(','),
      setKey: [...ids].sort().join(','),
    };
  }

  /** Keeps `found` sorted (score, then key) and holding one team per partner set. */
  private offer(team: Team, want: number, exclude: ReadonlySet<string>, found: Team[]) {
    if (exclude.has(team.setKey)) return;
    const better = (a: Team, b: Team) => a.total > b.total || (a.total === b.total && a.key < b.key);
    const same = found.findIndex((t) => t.setKey === team.setKey);
    if (same >= 0) {
      if (!better(team, found[same]!)) return;
      found.splice(same, 1);
    }
    let at = found.length;
    while (at > 0 && better(team, found[at - 1]!)) at--;
    if (at >= want) return;
    found.splice(at, 0, team);
    if (found.length > want) found.pop();
  }
}

function subsetsOfSize(full: number, size: number): number[] {
  const out: number[] = [];
  for (let s = full; s > 0; s = (s - 1) & full) if (popcount(s) === size) out.push(s);
  return out.sort((a, b) => a - b);
}

function coverable(lists: number[][], target: number): boolean {
  for (let t = target; t > 0; t &= t - 1) if (lists[t & -t]!.length === 0) return false;
  return true;
}

const popcount = (n: number) => {
  let c = 0;
  for (let x = n; x > 0; x &= x - 1) c++;
  return c;
};

const round2 = (n: number) => Math.round(n * 100) / 100;
const round4 = (n: number) => Math.round(n * 10_000) / 10_000;
const pct = (n: number) => `${Math.round(n * 100)}%`;

function relaxationReason(r: Relaxation, customer: Location): string {
  const where = [customer.postcode, customer.region].filter(Boolean).join(' ');
  switch (r) {
    case 'proximity':
      return `no complete team of partners near the customer (${where}): proximity relaxed`;
    case 'fairness':
      return 'no complete team without partners whose referral balance is above the network mean: fairness relaxed';
    case 'levelMinimum':
      return 'no complete team at the minimum levels: level minimum relaxed';
  }
}

/** Why nobody takes competence `i` in a pass that relaxed `relaxed`. */
function missingReason(
  i: number,
  req: Requirement,
  candidates: Candidate[],
  relaxed: readonly Relaxation[],
  inTeam: boolean,
): string {
  const bit = 1 << i;
  const having = candidates.filter((c) => c.anyMask & bit);
  if (having.length === 0) return 'no active partner has this competence';
  const able = relaxed.includes('levelMinimum') ? having : having.filter((c) => c.levelMask & bit);
  if (able.length === 0) {
    const highest = Math.max(...having.map((c) => c.levels.get(i) ?? 0));
    return `no partner has it at level ≥ ${req.minLevel} (the highest is ${highest})`;
  }
  const mostFree = Math.max(...able.map((c) => c.facts.freeHours));
  if (mostFree < req.hours) {
    return `the partners who have it have at most ${mostFree} of the ${req.hours} hours free in the timeframe`;
  }
  if (inTeam) return 'the partners who could take it are needed for the other competences of the team';
  return 'no partner can take it';
}

function proposal(
  team: Team,
  pass: Pass,
  rank: number,
  reqs: readonly Requirement[],
  candidates: Candidate[],
  customer: Location,
): Proposal {
  const assignments: Assignment[] = [];
  const missing: Missing[] = [];
  const hoursByPartner = new Map<number, number>();
  let idle = 0;
  let fairness = 0;
  let prox = 0;
  let coveredHours = 0;
  team.byRequirement.forEach((c, i) => {
    const req = reqs[i]!;
    if (c < 0) {
      missing.push({ competenceId: req.competenceId, hours: req.hours, reason: '' });
      return;
    }
    const cand = candidates[c]!;
    const level = cand.levels.get(i)!;
    assignments.push({
      competenceId: req.competenceId,
      partnerId: cand.partner.id,
      hours: req.hours,
      level,
      ...(req.minLevel ? { minLevel: req.minLevel } : {}),
      belowMinLevel: level < (req.minLevel ?? 1),
    });
    hoursByPartner.set(c, (hoursByPartner.get(c) ?? 0) + req.hours);
    idle += req.hours * cand.idle;
    fairness += req.hours * cand.fairness;
    prox += req.hours * (cand.facts.proximity ?? 0);
    coveredHours += req.hours;
  });
  for (const m of missing) {
    const i = reqs.findIndex((r) => r.competenceId === m.competenceId);
    m.reason = missingReason(i, reqs[i]!, candidates, pass.relaxed, true);
  }
  const members = [...hoursByPartner.entries()]
    .map(([c, h]) => ({ cand: candidates[c]!, hours: h }))
    .sort((a, b) => b.hours - a.hours || (a.cand.partner.id < b.cand.partner.id ? -1 : 1));
  const lead = members[0]!.cand;
  const mean = (x: number) => (coveredHours > 0 ? round4(x / coveredHours) : 0);
  const facts = members.map((m) => m.cand.facts);
  const proximityKnown = Boolean(customer.postcode || customer.region);
  const explanation: Term[] = [
    {
      term: 'coverage',
      value: round4(team.covered / reqs.length),
      detail: `${team.covered} of ${reqs.length} competences covered${missing.length ? `, missing: ${missing.map((m) => m.competenceId).join(', ')}` : ''}`,
    },
    {
      term: 'partners',
      value: members.length,
      detail: `${members.length} partner${members.length === 1 ? '' : 's'}, lead ${lead.partner.name}`,
    },
    {
      term: 'idle',
      value: mean(idle),
      weight: WEIGHTS.idle,
      detail: `utilisation in the timeframe: ${facts.map((f) => `${f.name} ${pct(f.utilisation)}`).join(', ')}`,
    },
    {
      term: 'fairness',
      value: mean(fairness),
      weight: WEIGHTS.fairness,
      detail: `referral balance (received − given hours): ${facts.map((f) => `${f.name} ${f.balance > 0 ? '+' : ''}${f.balance}`).join(', ')}`,
    },
    {
      term: 'proximity',
      value: mean(prox),
      weight: WEIGHTS.proximity,
      detail: proximityKnown
        ? `closeness to the customer: ${facts.map((f) => `${f.name} ${f.proximity}`).join(', ')}`
        : 'customer location unknown: not scored',
    },
  ];
  return {
    rank,
    complete: missing.length === 0,
    leadPartnerId: lead.partner.id,
    partnerIds: members.map((m) => m.cand.partner.id).sort(),
    assignments,
    missing,
    relaxed: pass.relaxed,
    score: coveredHours > 0 ? round4(team.total / coveredHours / MICRO) : 0,
    explanation,
    partners: facts,
  };
}
