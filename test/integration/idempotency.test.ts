import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handler as createInquiry } from '#functions/inquiries/create-inquiry.handler';
import { handler as listInquiries } from '#functions/inquiries/list-inquiries.handler';
import { handler as submit } from '#functions/inquiries/submit-public-inquiry.handler';
import { db } from '#shared/db/client';
import { CLAIMS } from '#shared/http/auth';
import { call, claims } from '#test/support/api';
import { givenMailNetwork, useMailSandbox } from '#test/support/mail';
import { deliverQueuedMail } from '#test/support/outbox';

const sandbox = useMailSandbox();

const apiBody = { customer: { name: 'Karin Berger', email: 'karin@kunde.example' }, text: 'Dachstuhl neu' };
const formBody = {
  customer: { name: 'Jörg Müller', email: 'joerg@kunde.example' },
  subject: 'Einbauküche',
  text: 'Wir suchen einen Tischler für eine Einbauküche.',
  consent: true,
};

const create = (networkId: string, key: string, opts: { sub?: string; body?: object } = {}) =>
  call(createInquiry, {
    method: 'POST',
    path: '/inquiries',
    claims: { ...claims.coordinator(networkId), ...(opts.sub ? { sub: opts.sub } : {}) },
    body: opts.body ?? apiBody,
    headers: { 'idempotency-key': key },
  });

const submitForm = (slug: string, key: string, ip = '203.0.113.10') =>
  call(submit, {
    method: 'POST',
    path: `/public/${slug}/inquiries`,
    body: formBody,
    sourceIp: ip,
    headers: { 'idempotency-key': key },
  });

const inquiries = async (networkId: string) =>
  (
    await call(listInquiries, {
      method: 'GET',
      path: '/inquiries?limit=100',
      claims: claims.coordinator(networkId),
    })
  ).body.items as { id: string; reference: string }[];

const acknowledgementsTo = async (address: string) => {
  await deliverQueuedMail();
  return (await sandbox.outbox()).filter((m) => m.mail.to?.some((t) => t.address === address));
};

/**
 * The process dies right after the effect's transaction landed: every later database call of
 * that invocation fails, as if the Lambda had timed out or the local process had been killed.
 */
function crashAfterTheEffect() {
  const send = db.send.bind(db);
  let crashed = false;
  return vi.spyOn(db, 'send').mockImplementation((async (command: unknown, ...rest: unknown[]) => {
    if (crashed) throw new Error('process killed');
    const out = await (send as (c: unknown, ...r: unknown[]) => Promise<unknown>)(command, ...rest);
    if (command instanceof TransactWriteCommand) crashed = true;
    return out;
  }) as never);
}

/** Holds the effect's transaction until `release` is called (a request still in flight). */
function holdTheEffect() {
  const send = db.send.bind(db);
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  let entered!: () => void;
  const inFlight = new Promise<void>((r) => {
    entered = r;
  });
  const spy = vi.spyOn(db, 'send').mockImplementation((async (command: unknown, ...rest: unknown[]) => {
    if (command instanceof TransactWriteCommand) {
      entered();
      await gate;
    }
    return (send as (c: unknown, ...r: unknown[]) => Promise<unknown>)(command, ...rest);
  }) as never);
  return { spy, inFlight, release };
}

/** A retry well after the first attempt could count as abandoned (its claim is stale). */
function muchLater() {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() + 5 * 60_000);
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('Idempotency-Key after a crash', () => {
  it('replays the API create that landed before the process died: one inquiry', async () => {
    // Prepare
    await givenMailNetwork('crash-api');
    const spy = crashAfterTheEffect();
    const first = await create('crash-api', 'api-crash-1');
    spy.mockRestore();
    muchLater();
    // Act
    const retry = await create('crash-api', 'api-crash-1');
    // Assess
    expect(first.status).toBe(500);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const items = await inquiries('crash-api');
    expect(items).toHaveLength(1);
    expect(retry.body.id).toBe(items[0]!.id);
  });

  it('replays the public form that landed before the process died: one inquiry, one acknowledgement', async () => {
    // Prepare
    await givenMailNetwork('crash-form');
    const spy = crashAfterTheEffect();
    await submitForm('crash-form-slug', 'form-crash-1');
    spy.mockRestore();
    muchLater();
    // Act
    const retry = await submitForm('crash-form-slug', 'form-crash-1');
    // Assess
    expect(retry.status).toBe(201);
    const items = await inquiries('crash-form');
    expect(items).toHaveLength(1);
    expect(retry.body.reference).toBe(items[0]!.reference);
    expect(await acknowledgementsTo('joerg@kunde.example')).toHaveLength(1);
  });

  it('gives concurrent requests with one key one effect: one 201, the others 409 or the replay', async () => {
    // Prepare
    await givenMailNetwork('idem-race');
    // Act
    const results = await Promise.all(Array.from({ length: 12 }, () => create('idem-race', 'race-1')));
    // Assess
    const items = await inquiries('idem-race');
    expect(items).toHaveLength(1);
    for (const r of results) expect([201, 409]).toContain(r.status);
    const created = results.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const r of created) expect(r.body.id).toBe(items[0]!.id);
  });

  it('answers 409 while the first request with the key is in flight, and 422 for another body', async () => {
    // Prepare
    await givenMailNetwork('idem-flight');
    const held = holdTheEffect();
    const first = create('idem-flight', 'flight-1');
    await held.inFlight;
    // Act
    const during = await create('idem-flight', 'flight-1');
    held.release();
    const done = await first;
    held.spy.mockRestore();
    const otherBody = await create('idem-flight', 'flight-1', {
      body: { ...apiBody, text: 'Etwas anderes' },
    });
    // Assess
    expect(during.status).toBe(409);
    expect(during.headers['content-type']).toMatch(/problem\+json/);
    expect(done.status).toBe(201);
    expect(otherBody.status).toBe(422);
    expect(await inquiries('idem-flight')).toHaveLength(1);
  });
});

describe('Idempotency-Key after a refused request', () => {
  it('frees the key when the request is refused, so the corrected request with the same key goes through', async () => {
    // Prepare
    await givenMailNetwork('idem-refused');
    // Act: a competence the network does not have refuses the create after the key was claimed
    const refused = await create('idem-refused', 'fix-1', {
      body: { ...apiBody, competences: [{ competenceId: 'no-such-competence', hours: 8 }] },
    });
    const corrected = await create('idem-refused', 'fix-1');
    const again = await create('idem-refused', 'fix-1');
    // Assess
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { code: string }) => e.code)).toEqual(['unknown_competence']);
    expect(corrected.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await inquiries('idem-refused')).toHaveLength(1);
  });
});

describe('Idempotency-Key is bound to the caller', () => {
  it('never hands one coordinator the answer to another who used the same key', async () => {
    // Prepare
    await givenMailNetwork('idem-who');
    const mine = await create('idem-who', 'shared-key', { sub: 'coord-anna' });
    // Act
    const theirs = await create('idem-who', 'shared-key', { sub: 'coord-ben' });
    // Assess
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(await inquiries('idem-who')).toHaveLength(2);
  });

  it('never hands one form client the answer to another client who used the same key', async () => {
    // Prepare
    await givenMailNetwork('idem-clients');
    const mine = await submitForm('idem-clients-slug', 'form-key', '198.51.100.1');
    // Act
    const theirs = await submitForm('idem-clients-slug', 'form-key', '198.51.100.2');
    // Assess
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(theirs.body.reference).not.toBe(mine.body.reference);
  });

  it('keeps keys of one network away from another network', async () => {
    // Prepare
    await givenMailNetwork('idem-net-a');
    await givenMailNetwork('idem-net-b');
    const a = await create('idem-net-a', 'same-key', { sub: 'same-sub' });
    // Act
    const b = await call(createInquiry, {
      method: 'POST',
      path: '/inquiries',
      claims: { sub: 'same-sub', [CLAIMS.role]: 'coordinator', [CLAIMS.networkId]: 'idem-net-b' },
      body: apiBody,
      headers: { 'idempotency-key': 'same-key' },
    });
    // Assess
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
    expect(await inquiries('idem-net-b')).toHaveLength(1);
  });
});
