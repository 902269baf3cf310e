import type { InquiryStatus } from './schema';

/**
 * The lifecycle of an inquiry: which status may follow which. `spam → new` is the coordinator
 * releasing a wrongly flagged inquiry; `accepted → matching` is a job cancelled before it
 * started (matching releases the bookings in the same transaction).
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
