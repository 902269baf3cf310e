import type * as z from 'zod/mini';
import { type FieldError, ValidationError } from './errors';

const show = (v: unknown) =>
  typeof v === 'string' ? JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v) : String(v);

/** ", got 0": only for scalars; echoing whole objects back helps nobody. */
const gotSuffix = (v: unknown) =>
  v === undefined || v === null || typeof v === 'object' ? '' : `, got ${show(v)}`;

/**
 * A message that says what was wrong and what is allowed. zod/mini ships no locale (its default
 * text is "Invalid input"); these few lines cost less than the English locale bundle.
 */
function message(issue: z.core.$ZodIssue, input: unknown): string {
  const got = gotSuffix(input);
  // a message written next to the schema (regex and refine checks) says it best
  if (issue.message && issue.message !== 'Invalid input') return `${issue.message}${got}`;
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined
        ? 'is required'
        : `must be ${issue.expected}, got ${typeof input === 'object' ? (Array.isArray(input) ? 'array' : input === null ? 'null' : 'object') : typeof input}`;
    case 'too_small':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `must have at least ${issue.minimum} ${issue.origin === 'string' ? 'characters' : 'items'}`
        : `must be ${issue.inclusive ? '≥' : '>'} ${issue.minimum}${got}`;
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `must have at most ${issue.maximum} ${issue.origin === 'string' ? 'characters' : 'items'}`
        : `must be ${issue.inclusive ? '≤' : '<'} ${issue.maximum}${got}`;
    case 'invalid_format':
      return `must be a valid ${issue.format}${got}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(show).join(', ')}${got}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}${got}`;
    default:
      return `is invalid${got}`;
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const k of path)
    v = v != null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

type Params = NonNullable<FieldError['params']>;

const scalar = (v: unknown) =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : String(v);

/**
 * The machine-readable code and its parameters: zod's issue code, except that a missing field is
 * `required` (zod says `invalid_type`) and a refine may name its own code (`params: { code }`).
 */
function codeOf(issue: z.core.$ZodIssue, input: unknown): { code: string; params?: Params } {
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined
        ? { code: 'required' }
        : { code: issue.code, params: { expected: issue.expected } };
    case 'too_small':
      return {
        code: issue.code,
        params: { origin: issue.origin, minimum: Number(issue.minimum), inclusive: issue.inclusive ?? true },
      };
    case 'too_big':
      return {
        code: issue.code,
        params: { origin: issue.origin, maximum: Number(issue.maximum), inclusive: issue.inclusive ?? true },
      };
    case 'invalid_format':
      return { code: issue.code, params: { format: issue.format } };
    case 'invalid_value':
      return { code: issue.code, params: { values: issue.values.map(scalar) } };
    case 'not_multiple_of':
      return { code: issue.code, params: { divisor: Number(issue.divisor) } };
    case 'custom': {
      const own = (issue.params as { code?: unknown } | undefined)?.code;
      return { code: typeof own === 'string' ? own : 'custom' };
    }
    default:
      return { code: issue.code };
  }
}

function issueToErrors(issue: z.core.$ZodIssue, input: unknown, prefix: string): FieldError[] {
  const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: path ? `${path}.${key}` : key,
      message: 'unknown field',
      code: 'unrecognized_keys',
    }));
  }
  const value = valueAt(input, issue.path);
  return [{ path: path || prefix || 'body', message: message(issue, value), ...codeOf(issue, value) }];
}

/**
 * Parses `value` with `schema` or throws a 400 naming every failing field. `where` prefixes the
 * paths for query and path parameters (`query.limit`, `path.partnerId`); body fields are bare.
 */
export function parseOrThrow<S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  where: 'body' | 'query' | 'path',
): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const prefix = where === 'body' ? '' : where;
  const errors = result.error.issues.flatMap((i) => issueToErrors(i, value, prefix));
  const first = errors[0];
  const detail = first ? `${first.path}: ${first.message}` : `invalid ${where}`;
  throw new ValidationError(errors.length > 1 ? `${detail} (and ${errors.length - 1} more)` : detail, errors);
}
