import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { match } from '#functions/matching/matcher';
import { seededScenarios } from '#test/support/matching-seeded';

// recorded with the matcher as it was before its candidates and bookings were read in one pass
// (commit "Record the matcher's proposals for a seeded network"); a faster matcher must not change them
const recorded = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'matching', 'seeded-proposals.json'), 'utf8'),
) as Record<string, unknown>;

describe('match: the same proposals for a fixed seeded network of 600 partners', () => {
  it.each(seededScenarios().map((s) => [s.name, s] as const))('%s', (name, s) => {
    // Act
    const result = match(s.input);
    // Assess: every proposal, its assignments, scores, facts and reasons as recorded
    expect(JSON.parse(JSON.stringify(result))).toEqual(recorded[name]);
  });

  it('covers every recorded scenario', () => {
    expect(seededScenarios().map((s) => s.name)).toEqual(Object.keys(recorded));
  });
});
