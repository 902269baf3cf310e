import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { CreatePartnerBody, CreateResourceBody, UpdateNetworkBody } from '#functions/networks/write-schema';
import { ConflictError, ValidationError } from '#shared/http/errors';
import { parseOrThrow } from '#shared/http/validate';

function errorsOf(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError)
      return { message: err.message, errors: err.errors, status: err.statusCode };
    throw err;
  }
  throw new Error('expected a ValidationError');
}

describe('parseOrThrow', () => {
  it('names each failing field with a message saying what is allowed', () => {
    const out = errorsOf(() =>
      parseOrThrow(CreateResourceBody, { kind: 'robot', name: 'CNC', hoursPerWeek: 200 }, 'body'),
    );
    expect(out.status).toBe(400);
    expect(out.errors).toEqual([
      {
        path: 'kind',
        message: 'must be one of "people", "room", "machine", got "robot"',
        code: 'invalid_value',
        params: { values: ['people', 'room', 'machine'] },
      },
      {
        path: 'hoursPerWeek',
        message: 'must be ≤ 168, got 200',
        code: 'too_big',
        params: { origin: 'number', maximum: 168, inclusive: true },
      },
    ]);
    expect(out.message).toBe('kind: must be one of "people", "room", "machine", got "robot" (and 1 more)');
  });

  it('reports unknown fields one by one, nested ones with their path', () => {
    const out = errorsOf(() =>
      parseOrThrow(
        CreatePartnerBody,
        { name: 'X', contact: { name: 'Y', email: 'y@x.example', fax: '1' }, admin: true },
        'body',
      ),
    );
    expect(out.errors).toEqual(
      expect.arrayContaining([
        { path: 'contact.fax', message: 'unknown field', code: 'unrecognized_keys' },
        { path: 'admin', message: 'unknown field', code: 'unrecognized_keys' },
      ]),
    );
  });

  it('says a missing field is required and prefixes path and query parameters', () => {
    const body = errorsOf(() =>
      parseOrThrow(CreatePartnerBody, { contact: { name: 'Y', email: 'y@x.example' } }, 'body'),
    );
    expect(body.errors).toEqual([{ path: 'name', message: 'is required', code: 'required' }]);
    const query = errorsOf(() => parseOrThrow(CreatePartnerBody, {}, 'query'));
    expect(query.errors.map((e) => e.path)).toContain('query.name');
  });

  it('uses the message written next to a check (regex, refine)', () => {
    const out = errorsOf(() => parseOrThrow(UpdateNetworkBody, { slug: 'Mein Netz' }, 'body'));
    expect(out.errors).toEqual([
      {
        path: 'slug',
        message: 'must be 1–40 lower-case letters, digits or dashes, got "Mein Netz"',
        code: 'invalid_format',
        params: { format: 'regex' },
      },
    ]);
    const empty = errorsOf(() => parseOrThrow(UpdateNetworkBody, {}, 'body'));
    expect(empty.errors).toEqual([
      { path: 'body', message: 'must contain at least one field', code: 'custom' },
    ]);
  });

  it('returns the parsed value, trimmed, when the input is good', () => {
    const ok = parseOrThrow(
      CreateResourceBody,
      { kind: 'room', name: '  Halle  ', hoursPerWeek: 40 },
      'body',
    );
    expect(ok).toEqual({ kind: 'room', name: 'Halle', hoursPerWeek: 40 });
  });
});

describe('field error codes', () => {
  it('gives every field error a stable code and the numbers a translation needs', () => {
    // Prepare: a message can change wording; the code and its params are what a UI translates
    const short = errorsOf(() =>
      parseOrThrow(CreateResourceBody, { kind: 'room', name: '', hoursPerWeek: 'x' }, 'body'),
    );
    // Assess
    expect(short.errors).toEqual([
      {
        path: 'name',
        message: 'must have at least 1 characters',
        code: 'too_small',
        params: { origin: 'string', minimum: 1, inclusive: true },
      },
      {
        path: 'hoursPerWeek',
        message: 'must be number, got string',
        code: 'invalid_type',
        params: { expected: 'number' },
      },
    ]);
  });

  it('takes the code a refine names, and gives domain errors without one their kind’s default', () => {
    const refined = z
      .string()
      .check(z.refine((s) => s === 'ok', { message: 'must be ok', params: { code: 'not_ok' } }));
    expect(errorsOf(() => parseOrThrow(refined, 'no', 'body')).errors[0]?.code).toBe('not_ok');
    expect(new ValidationError('bad', [{ path: 'x', message: 'bad' }]).errors).toEqual([
      { path: 'x', message: 'bad', code: 'invalid' },
    ]);
    expect(
      new ConflictError('taken', [{ path: 'slug', message: 'taken', code: 'taken' }]).errors[0]?.code,
    ).toBe('taken');
  });
});
