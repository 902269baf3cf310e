/**
 * The matcher's types and constants: its input (requirements, partners, resources, bookings,
 * balances, the customer), its proposals with their explanations, and the internal shapes its
 * modules pass among themselves (candidates, teams, passes).
 */

import type { BookedHours, BookingIndex } from './capacity';

/** Teams are searched exactly over set partitions of the competences; Bell(8) = 4140 partitions. */
export const MAX_REQUIREMENTS = 8;
export const MAX_PROPOSALS = 10;
/** Weights of the score terms, each term being 0…1. */
export const WEIGHTS = { idle: 3, fairness: 2, proximity: 1 } as const;
export const RELAXATIONS = ['proximity', 'fairness', 'levelMinimum'] as const;
export type Relaxation = (typeof RELAXATIONS)[number];

/** Scores are summed in integer micro-units, so equal teams compare equal. */
export const MICRO = 1_000_000;

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
  /** Whole hours of work for the whole timeframe (booked on the partner's `people`). */
  hours: number;
  minLevel?: number;
  /** Whole hours of the partner's rooms (a workshop, a hall) the work needs, if any. */
  roomHours?: number;
  /** Whole hours of the partner's machines (a CNC, a crane) the work needs, if any. */
  machineHours?: number;
}

/** The resource kinds a job books, and the requirement field each one's hours come from. */
export const BOOKED_KINDS = [
  { kind: 'people', field: 'hours' },
  { kind: 'room', field: 'roomHours' },
  { kind: 'machine', field: 'machineHours' },
] as const;

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
  /** Whole free room / machine hours in the timeframe, only when the match asks for them. */
  freeRoomHours?: number;
  freeMachineHours?: number;
}

export interface Assignment {
  competenceId: string;
  partnerId: string;
  hours: number;
  level: number;
  minLevel?: number;
  /** Only after the level minimum was relaxed. */
  belowMinLevel: boolean;
  roomHours?: number;
  machineHours?: number;
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

/** Internal to the matcher's modules. */
export interface Candidate {
  index: number;
  partner: MatchPartner;
  /** The partner's level per requirement index (0 where it lacks the competence). */
  levels: readonly number[];
  anyMask: number;
  levelMask: number;
  near: boolean;
  fair: boolean;
  facts: PartnerFacts;
  idle: number;
  fairness: number;
  /** Score per hour in micro-units. */
  value: number;
  /** Whole free people-hours in the timeframe (as in `facts`, which is built only when shown). */
  freeHours: number;
  /** Whole free room and machine hours in the timeframe (0 when the match needs none). */
  freeRoom: number;
  freeMachine: number;
}

/** Internal to the matcher's modules. */
export interface Team {
  /** Partner (candidate index) per requirement, -1 where missing. */
  byRequirement: number[];
  covered: number;
  partnerCount: number;
  /** Sum of hours × value (micro-units), exact. */
  total: number;
  key: string;
  setKey: string;
}

/** Internal to the matcher's modules. */
export interface Pass {
  relaxed: Relaxation[];
  masks: Int32Array;
}
