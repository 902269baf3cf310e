import { describe, expect, it } from 'vitest';
import { canTransition, jobEffect, predecessors, TRANSITIONS } from '#functions/inquiries/lifecycle';
import { INQUIRY_STATUSES } from '#functions/inquiries/schema';

describe('inquiry lifecycle', () => {
  it('walks the happy path new → … → completed', () => {
    const path = [
      'new',
      'qualified',
      'matching',
      'proposed',
      'accepted',
      'in_progress',
      'completed',
    ] as const;
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
  });

  it('allows the side exits and the way back the contract names', () => {
    expect(canTransition('new', 'spam')).toBe(true);
    expect(canTransition('spam', 'new')).toBe(true);
    expect(canTransition('accepted', 'matching')).toBe(true);
    expect(canTransition('proposed', 'matching')).toBe(true);
    expect(canTransition('matching', 'qualified')).toBe(true);
  });

  it('refuses skipping steps and leaving a final status', () => {
    expect(canTransition('new', 'accepted')).toBe(false);
    expect(canTransition('completed', 'new')).toBe(false);
    expect(canTransition('declined', 'new')).toBe(false);
    expect(canTransition('in_progress', 'matching')).toBe(false);
  });

  it('declined is reachable from every working status', () => {
    expect(predecessors('declined').sort()).toEqual(
      INQUIRY_STATUSES.filter((s) => !['completed', 'declined', 'spam'].includes(s)).sort(),
    );
  });

  it('cancels the job exactly when a change leaves accepted or in_progress for a status without a job', () => {
    const allowed = INQUIRY_STATUSES.flatMap((from) => TRANSITIONS[from].map((to) => `${from}→${to}`));
    const byEffect = (effect: string) =>
      allowed.filter((t) => {
        const [from, to] = t.split('→') as [never, never];
        return jobEffect(from, to) === effect;
      });
    expect(byEffect('cancel').sort()).toEqual([
      'accepted→declined',
      'accepted→matching',
      'in_progress→declined',
    ]);
    expect(byEffect('keep').sort()).toEqual(['accepted→in_progress', 'in_progress→completed']);
    expect(byEffect('refuse')).toEqual(['proposed→accepted']);
  });
});
