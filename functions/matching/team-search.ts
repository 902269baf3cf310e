/**
 * Team search, pure: the exact search over set partitions of the required competences for the
 * best teams of distinct partners (fewest partners first, then the highest score), pruned
 * against the best teams found so far.
 */

import type { Candidate, Team } from './match-types';

/** Exact search over set partitions of the competences, candidates pruned to the best few. */
export class TeamSearch {
  private readonly partitionsOf = new Map<number, number[][]>();

  constructor(
    private readonly candidates: Candidate[],
    private readonly hours: number[],
    private readonly count: number,
    private readonly k: number,
    /** Room and machine hours per block, like `hours` (all 0 when the match needs none). */
    private readonly other: { room: number[]; machine: number[] },
  ) {}

  /**
   * For each block of competences (a bit mask), the best candidates able to take the whole block
   * in this pass (people, room and machine hours free for all of it), best first: highest value,
   * then partner id. `count + k` per block are enough for `count` teams of distinct partners.
   * The candidates come in no particular order; each list keeps its best few as it goes, so
   * nobody sorts thousands of candidates to use a handful.
   */
  private lists(masks: Int32Array): number[][] {
    const size = this.count + this.k;
    const lists: number[][] = Array.from({ length: 1 << this.k }, () => []);
    const candidates = this.candidates;
    for (const c of candidates) {
      const mask = masks[c.index]!;
      if (mask === 0) continue;
      // every non-empty sub-block of what it can do, if its free hours cover the block
      for (let s = mask; s > 0; s = (s - 1) & mask) {
        if (
          this.hours[s]! > c.freeHours ||
          this.other.room[s]! > c.freeRoom ||
          this.other.machine[s]! > c.freeMachine
        )
          continue;
        const list = lists[s]!;
        if (list.length === size && !ahead(c, candidates[list[size - 1]!]!)) continue;
        let at = list.length;
        while (at > 0 && ahead(c, candidates[list[at - 1]!]!)) at--;
        list.splice(at, 0, c.index);
        if (list.length > size) list.pop();
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

/** The order of every candidate list: higher value first, then partner id. */
const ahead = (a: Candidate, b: Candidate) =>
  a.value > b.value || (a.value === b.value && a.partner.id < b.partner.id);

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
