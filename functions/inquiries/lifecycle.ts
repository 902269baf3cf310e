import type { InquiryStatus } from './schema';

/**
 * The lifecycle of an inquiry: which status may follow which. `spam → new` is the coordinator
 * releasing a wrongly flagged inquiry; `accepted → matching` is a job cancelled before it
 * started. Leaving `accepted` or `in_progress` for a status without a job cancels the job in the
 * same transaction (see `jobEffect`); only matching's accept route reaches `accepted`.
 */
export const TRANSITIONS: Readonly<Record<InquiryStatus, readonly InquiryStatus[]>> = {
  new: ['qualified', 'declined', 'spam'],
  qualified: ['matching', 'declined', 'spam'],
  matching: ['proposed', 'qualified', 'declined'],
  proposed: ['accepted', 'matching', 'declined'],
  accepted: ['in_progress', 'matching', 'declined'],
  in_progress: ['completed', 'declined'],
  completed: [],
  declined: [],
  spam: ['new'],
};

export function canTransition(from: InquiryStatus, to: InquiryStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The statuses an inquiry may come from to reach `to`. */
export function predecessors(to: InquiryStatus): InquiryStatus[] {
  return (Object.keys(TRANSITIONS) as InquiryStatus[]).filter((from) => canTransition(from, to));
}

/** The statuses of an inquiry whose accepted job holds booked hours. */
export const JOB_STATUSES: readonly InquiryStatus[] = ['accepted', 'in_progress', 'completed'];

/**
 * What an allowed status change does to the inquiry's accepted job (docs/matching.md, "Jobs and
 * the inquiry's status"):
 * - `keep`: the job goes on (accepted → in_progress → completed; a completed job keeps its hours,
 *   the work was done);
 * - `cancel`: the change leaves the job behind (accepted → matching or declined, in_progress →
 *   declined), so the job is cancelled in the same transaction: its bookings and ledger entries
 *   are released and the team is told;
 * - `refuse`: the change would accept without a job; only accepting a proposal books hours;
 * - `none`: no job is involved.
 */
export function jobEffect(from: InquiryStatus, to: InquiryStatus): 'keep' | 'cancel' | 'refuse' | 'none' {
  const had = JOB_STATUSES.includes(from);
  const has = JOB_STATUSES.includes(to);
  if (had) return has ? 'keep' : 'cancel';
  return has ? 'refuse' : 'none';
}
