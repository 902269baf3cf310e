import type { FilterPattern } from '#infra/streams';

/**
 * Applies a Lambda event filter pattern to a stream record as Lambda does for the subset used in
 * infra/streams.ts: every field of the pattern must be present, a list of values matches when the
 * record's value equals one of them, an object matches the record's object field by field.
 * Content filters (`prefix`, `exists`, `numeric`, …) are refused, so the local poller never
 * silently passes what Lambda would drop.
 */
export function matchesFilter(pattern: FilterPattern, record: unknown): boolean {
  if (typeof record !== 'object' || record === null) return false;
  const fields = record as Record<string, unknown>;
  return Object.entries(pattern).every(([name, rule]) => {
    const value = fields[name];
    if (Array.isArray(rule)) {
      for (const allowed of rule) {
        if (typeof allowed === 'object' && allowed !== null) {
          throw new Error(`filter field ${name}: only exact values are supported locally`);
        }
      }
      return rule.includes(value as string | number | boolean);
    }
    return matchesFilter(rule as FilterPattern, value);
  });
}
