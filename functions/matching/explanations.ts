/**
 * Explanations, pure: a team becomes a proposal with its assignments, the score's terms in words,
 * why competences are missing and why relaxations were needed.
 */

import {
  type Assignment,
  type Candidate,
  type Location,
  MICRO,
  type Missing,
  type Pass,
  type Proposal,
  type Relaxation,
  type Requirement,
  type Team,
  type Term,
  WEIGHTS,
} from './match-types';
import { round4 } from './scoring';

const pct = (n: number) => `${Math.round(n * 100)}%`;

export function relaxationReason(r: Relaxation, customer: Location): string {
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
export function missingReason(
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
    const highest = Math.max(...having.map((c) => c.levels[i] ?? 0));
    return `no partner has it at level ≥ ${req.minLevel} (the highest is ${highest})`;
  }
  const mostFree = Math.max(...able.map((c) => c.freeHours));
  if (mostFree < req.hours) {
    return `the partners who have it have at most ${mostFree} of the ${req.hours} hours free in the timeframe`;
  }
  for (const [field, label, free] of [
    ['roomHours', 'room', (c: Candidate) => c.freeRoom],
    ['machineHours', 'machine', (c: Candidate) => c.freeMachine],
  ] as const) {
    const wanted = req[field] ?? 0;
    const most = Math.max(...able.map(free));
    if (wanted > 0 && most < wanted)
      return `the partners who have it have at most ${most} of the ${wanted} ${label} hours free in the timeframe`;
  }
  if (inTeam) return 'the partners who could take it are needed for the other competences of the team';
  return 'no partner can take it';
}

/** A team as the proposal the coordinator sees: assignments, what is missing and why, the score's terms. */
export function proposal(
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
    const level = cand.levels[i]!;
    assignments.push({
      competenceId: req.competenceId,
      partnerId: cand.partner.id,
      hours: req.hours,
      level,
      ...(req.minLevel ? { minLevel: req.minLevel } : {}),
      belowMinLevel: level < (req.minLevel ?? 1),
      ...(req.roomHours ? { roomHours: req.roomHours } : {}),
      ...(req.machineHours ? { machineHours: req.machineHours } : {}),
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
