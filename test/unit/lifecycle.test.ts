import { describe, expect, it } from 'vitest';
import { canTransition, predecessors } from '#functions/inquiries/lifecycle';
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
});
