import { describe, expect, it } from 'vitest';
import { handler as createNetwork } from '#functions/networks/create-network.handler';
import { handler as getNetwork } from '#functions/networks/get-network.handler';
import {
  getNetwork as loadNetwork,
  networkIdByInbox,
  networkIdBySlug,
  updateNetwork as storeUpdateNetwork,
} from '#functions/networks/store';
import { handler as updateNetwork } from '#functions/networks/update-network.handler';
import { call, claims } from '#test/support/api';
import { givenNetwork } from '#test/support/networks';

const body = (slug: string, extra: object = {}) => ({
  name: 'Holzbau & Haustechnik Netzwerk',
  slug,
  contact: { name: 'Maria Huber', email: 'office@hhn.example', phone: '+43 1 234 5678' },
  ...extra,
});

describe('POST /networks', () => {
  it('lets the operator create a network with defaults a coordinator would expect', async () => {
    // Act
    const res = await call(createNetwork, {
      method: 'POST',
      path: '/networks',
      claims: claims.operator(),
      body: body('hhn'),
    });
    // Assess
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Holzbau & Haustechnik Netzwerk',
      slug: 'hhn',
      inboundLocalPart: 'hhn',
      timezone: 'Europe/Vienna',
      referencePrefix: 'HHN',
    });
    expect(await networkIdBySlug('hhn')).toBe(res.body.id);
    expect(await networkIdByInbox('hhn')).toBe(res.body.id);
  });

  it('refuses coordinators and partners: creating networks is an operator action', async () => {
    const asCoordinator = await call(createNetwork, {
      method: 'POST',
      path: '/networks',
      claims: claims.coordinator('x'),
      body: body('coord-made'),
    });
    const asPartner = await call(createNetwork, {
      method: 'POST',
      path: '/networks',
      claims: claims.partner('x', 'p'),
      body: body('partner-made'),
    });
    expect([asCoordinator.status, asPartner.status]).toEqual([403, 403]);
    expect(await networkIdBySlug('coord-made')).toBeUndefined();
  });

  it('answers 401 without a token', async () => {
    const res = await call(createNetwork, { method: 'POST', path: '/networks', body: body('anon') });
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toBe('application/problem+json');
  });

  it('names every bad and unknown field and writes nothing', async () => {
    // Act
    const res = await call(createNetwork, {
      method: 'POST',
      path: '/networks',
      claims: claims.operator(),
      body: {
        ...body('Bad Slug!'),
        contact: { name: '', email: 'nope' },
        timezone: 'Mars/Base',
        plan: 'gold',
      },
    });
    // Assess
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json');
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['contact.email', 'contact.name', 'plan', 'slug', 'timezone']);
    expect(res.body.errors.find((e: { path: string }) => e.path === 'plan').message).toBe('unknown field');
    expect(await networkIdBySlug('Bad Slug!'.toLowerCase().replace(/[^a-z]/g, ''))).toBeUndefined();
  });

  it('gives exactly one 201 and one 409 for two concurrent creates with the same slug', async () => {
    // Act
    const results = await Promise.all(
      [1, 2].map((i) =>
        call(createNetwork, {
          method: 'POST',
          path: '/networks',
          claims: claims.operator(),
          body: body('raced', { name: `Netzwerk ${i}` }),
        }),
      ),
    );
    // Assess
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const conflict = results.find((r) => r.status === 409)!;
    expect(conflict.body.errors).toContainEqual({
      path: 'slug',
      message: 'slug raced is taken',
      code: 'taken',
    });
    const winner = results.find((r) => r.status === 201)!;
    expect(await networkIdBySlug('raced')).toBe(winner.body.id);
  });

  it('answers 409 when the inbound address is held by another network', async () => {
    await call(createNetwork, {
      method: 'POST',
      path: '/networks',
      claims: claims.operator(),
      body: body('first', { inboundLocalPart: 'office' }),
    });
    const res = await call(createNetwork, {
      method: 'POST',
      path: '/networks',
      claims: claims.operator(),
      body: body('second', { inboundLocalPart: 'office' }),
    });
    expect(res.status).toBe(409);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['inboundLocalPart']);
    expect(await networkIdBySlug('second')).toBeUndefined();
  });
});

describe('reserved inbound addresses', () => {
  const reserved = ['postmaster', 'abuse', 'hostmaster', 'webmaster', 'mailer-daemon', 'noreply', 'no-reply'];

  it.each(reserved.map((l, i) => [l, i] as const))(
    'refuses %s as the inbound address on create and update, and keeps nothing',
    async (local, i) => {
      // Prepare
      const networkId = `res-${i}`;
      await givenNetwork(networkId);
      // Act
      const explicit = await call(createNetwork, {
        method: 'POST',
        path: '/networks',
        claims: claims.operator(),
        body: body(`new-${networkId}`, { inboundLocalPart: local }),
      });
      const bySlug = await call(createNetwork, {
        method: 'POST',
        path: '/networks',
        claims: claims.operator(),
        body: body(local),
      });
      const update = await call(updateNetwork, {
        method: 'PATCH',
        path: '/network',
        claims: claims.coordinator(networkId),
        body: { inboundLocalPart: local },
      });
      // Assess
      for (const res of [explicit, bySlug, update]) {
        expect(res.status).toBe(400);
        expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['inboundLocalPart']);
      }
      expect(await networkIdByInbox(local)).toBeUndefined();
      expect(await networkIdBySlug(`new-${networkId}`)).toBeUndefined();
      expect((await loadNetwork(networkId))?.inboundLocalPart).toBe(`${networkId}-slug`);
    },
  );

  it('still takes a slug like a reserved name when another inbound address is given', async () => {
    const res = await call(createNetwork, {
      method: 'POST',
      path: '/networks',
      claims: claims.operator(),
      body: body('support', { inboundLocalPart: 'support-team' }),
    });
    expect(res.status).toBe(201);
    expect(await networkIdByInbox('support-team')).toBe(res.body.id);
  });
});

describe('GET /network and PATCH /network', () => {
  it('shows the coordinator everything and a partner only the public face', async () => {
    await givenNetwork('alpha');
    const coord = await call(getNetwork, {
      method: 'GET',
      path: '/network',
      claims: claims.coordinator('alpha'),
    });
    const partner = await call(getNetwork, {
      method: 'GET',
      path: '/network',
      claims: claims.partner('alpha', 'alpha-p1'),
    });
    expect(coord.status).toBe(200);
    expect(coord.body).toMatchObject({ id: 'alpha', slug: 'alpha-slug', inboundLocalPart: 'alpha-slug' });
    expect(partner.status).toBe(200);
    expect(Object.keys(partner.body).sort()).toEqual(['contact', 'id', 'name', 'slug', 'timezone']);
  });

  it('moves the slug: the old one is free again, the new one routes to the network', async () => {
    await givenNetwork('beta');
    const res = await call(updateNetwork, {
      method: 'PATCH',
      path: '/network',
      claims: claims.coordinator('beta'),
      body: { slug: 'beta-neu', timezone: 'Europe/Berlin' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ slug: 'beta-neu', timezone: 'Europe/Berlin' });
    expect(await networkIdBySlug('beta-neu')).toBe('beta');
    expect(await networkIdBySlug('beta-slug')).toBeUndefined();
  });

  it("answers 409 for another network's slug and changes nothing", async () => {
    await givenNetwork('gamma');
    await givenNetwork('delta');
    const res = await call(updateNetwork, {
      method: 'PATCH',
      path: '/network',
      claims: claims.coordinator('delta'),
      body: { slug: 'gamma-slug', name: 'Umbenannt' },
    });
    expect(res.status).toBe(409);
    expect(res.body.errors).toContainEqual({ path: 'slug', message: 'gamma-slug is taken', code: 'taken' });
    expect((await loadNetwork('delta'))?.name).toBe('Netzwerk delta');
    expect(await networkIdBySlug('gamma-slug')).toBe('gamma');
  });

  it('rejects unknown fields and an empty patch with 400', async () => {
    await givenNetwork('eps');
    const unknown = await call(updateNetwork, {
      method: 'PATCH',
      path: '/network',
      claims: claims.coordinator('eps'),
      body: { id: 'other', name: 'X' },
    });
    const empty = await call(updateNetwork, {
      method: 'PATCH',
      path: '/network',
      claims: claims.coordinator('eps'),
      body: {},
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([
      { path: 'id', message: 'unknown field', code: 'unrecognized_keys' },
    ]);
    expect(empty.status).toBe(400);
    expect((await loadNetwork('eps'))?.name).toBe('Netzwerk eps');
  });

  it('lets only the coordinator change the network', async () => {
    await givenNetwork('zeta');
    const res = await call(updateNetwork, {
      method: 'PATCH',
      path: '/network',
      claims: claims.partner('zeta', 'zeta-p1'),
      body: { name: 'Gekapert' },
    });
    expect(res.status).toBe(403);
    expect((await loadNetwork('zeta'))?.name).toBe('Netzwerk zeta');
  });

  it('answers 404 to a token for a network that does not exist', async () => {
    const res = await call(getNetwork, {
      method: 'GET',
      path: '/network',
      claims: claims.coordinator('nowhere'),
    });
    expect(res.status).toBe(404);
  });

  it('lets one of two concurrent slug changes win and answers 409 to the other', async () => {
    // Prepare: both coordinators have loaded the network (the handler reads, then writes; two
    // requests only race if both read before either writes, which a busy machine may not do)
    await givenNetwork('eta');
    const seen = (await loadNetwork('eta'))!;
    // Act
    const results = await Promise.allSettled(
      ['eta-a', 'eta-b'].map((slug) => storeUpdateNetwork(seen, { slug })),
    );
    // Assess
    const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.slug] : []));
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.statusCode)).toEqual([409]);
    const winner = won[0]!;
    const final = await loadNetwork('eta');
    expect(final?.slug).toBe(winner);
    // exactly one directory entry routes to the network: the loser's slug was not left behind
    const loser = winner === 'eta-a' ? 'eta-b' : 'eta-a';
    expect(await networkIdBySlug(loser)).toBeUndefined();
  });
});
