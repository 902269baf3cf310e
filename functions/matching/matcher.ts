/**
 * The matcher: a pure function from loaded data (requirements, timeframe, partners, resources,
 * bookings, referral balances, the customer's location) to ranked team proposals.
 *
 * A team assigns each required competence to one partner; a partner may take several. The work of
 * a competence is booked on the partner's `people` resources (and its room and machine hours on
 * its rooms and machines), so a partner qualifies for a block of competences when it has them (at
 * the minimum level) and its free people-, room- and machine-hours in the timeframe cover their
 * summed hours.
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

import { missingReason, proposal, relaxationReason } from './explanations';
import {
  MAX_PROPOSALS,
  MAX_REQUIREMENTS,
  type MatchInput,
  type MatchResult,
  type Pass,
  type Team,
} from './match-types';
import { loadCandidates, relaxationPasses } from './scoring';
import { TeamSearch } from './team-search';

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
    for (const h of [r.roomHours, r.machineHours]) {
      if (h !== undefined && (!Number.isInteger(h) || h < 0))
        throw new RangeError(
          `room and machine hours must be whole numbers ≥ 0, got ${h} for ${r.competenceId}`,
        );
    }
    reqIndex.set(r.competenceId, i);
  });
  const count = Math.max(1, Math.min(MAX_PROPOSALS, Math.floor(input.count)));
  const full = (1 << k) - 1;
  const hours = new Array<number>(1 << k).fill(0);
  const roomHours = new Array<number>(1 << k).fill(0);
  const machineHours = new Array<number>(1 << k).fill(0);
  for (let m = 1; m <= full; m++) {
    const r = reqs[31 - Math.clz32(m & -m)]!;
    hours[m] = hours[m & (m - 1)]! + r.hours;
    roomHours[m] = roomHours[m & (m - 1)]! + (r.roomHours ?? 0);
    machineHours[m] = machineHours[m & (m - 1)]! + (r.machineHours ?? 0);
  }

  const candidates = loadCandidates(input, reqIndex);
  const passes = relaxationPasses(candidates, input.customer);
  const search = new TeamSearch(candidates, hours, count, k, { room: roomHours, machine: machineHours });

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
