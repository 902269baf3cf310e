import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningRuntime, removeDataDir, startRuntime } from '#test/support/runtime';

describe('npm start: the local network back office over real HTTP', () => {
  let rt: RunningRuntime;

  beforeAll(async () => {
    rt = await startRuntime();
  });

  afterAll(async () => {
    if (rt) {
      await rt.stop();
      removeDataDir(rt);
    }
  });

  it('answers /health and serves the OpenAPI document for every route', async () => {
    const health = await rt.api('GET', '/health');
    expect(health.status).toBe(200);
    const doc = (await (await rt.api('GET', '/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/partners/{partnerId}/resources/{resourceId}');
  });

  it('seeds the demo network so the printed tokens work at once', async () => {
    const coordinator = await rt.token({ role: 'coordinator', networkId: 'demo' });
    const res = await rt.api('GET', '/partners', { token: coordinator });
    const body = (await res.json()) as { items: { id: string }[] };
    expect(res.status).toBe(200);
    expect(body.items.length).toBeGreaterThanOrEqual(8);
    expect(body.items.map((p) => p.id)).toContain('demo-p1');
    expect(rt.output()).toMatch(/Coordinator token \(network demo\):\n\s+eyJ/);
  });

  it('answers 401 without a token and 401 for a token signed by another key', async () => {
    expect((await rt.api('GET', '/partners')).status).toBe(401);
    const forged =
      'eyJhbGciOiJFUzI1NiJ9.eyJjdXN0b206cm9sZSI6ImNvb3JkaW5hdG9yIiwiY3VzdG9tOm5ldHdvcmtJZCI6ImRlbW8ifQ.' +
      'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    expect((await rt.api('GET', '/partners', { token: forged })).status).toBe(401);
  });

  it('lets an operator create a network and its coordinator build taxonomy, partners and resources', async () => {
    // Prepare
    const operator = await rt.token({ role: 'operator' });
    // Act: operator creates the network
    const created = await rt.api('POST', '/networks', {
      token: operator,
      body: {
        name: 'Bad & Küche Verbund',
        slug: 'bkv',
        contact: { name: 'Jana Kovač', email: 'jana@bkv.example' },
      },
    });
    const network = (await created.json()) as { id: string; referencePrefix: string };
    expect(created.status).toBe(201);
    expect(network.referencePrefix).toBe('BKV');
    // Act: its coordinator builds the network
    const coordinator = await rt.token({ role: 'coordinator', networkId: network.id });
    const competence = await rt.api('POST', '/competences', {
      token: coordinator,
      body: { label_de: 'Fliesenlegen', label_en: 'Tiling', synonyms: ['Fliesenleger', 'tiler'] },
    });
    expect(competence.status).toBe(201);
    const partner = await rt.api('POST', '/partners', {
      token: coordinator,
      body: {
        id: 'fliesen-kaya',
        name: 'Fliesen Kaya',
        contact: { name: 'Emre Kaya', email: 'emre@kaya.example' },
        competences: [{ competenceId: 'tiling', level: 4 }],
      },
    });
    expect(partner.status).toBe(201);
    const partnerToken = await rt.token({
      role: 'partner',
      networkId: network.id,
      partnerId: 'fliesen-kaya',
    });
    const resource = await rt.api('POST', '/partners/fliesen-kaya/resources', {
      token: partnerToken,
      body: {
        kind: 'people',
        name: 'Fliesenleger (2)',
        hoursPerWeek: 76,
        exceptions: [{ from: '2026-12-24', to: '2027-01-06', hours: 0 }],
      },
    });
    expect(resource.status).toBe(201);
    // Assess: the partner sees itself with its resource; the demo network sees none of it
    const own = (await (await rt.api('GET', '/partners/fliesen-kaya', { token: partnerToken })).json()) as {
      competences: unknown[];
      resources: { name: string }[];
    };
    expect(own.competences).toEqual([{ competenceId: 'tiling', level: 4 }]);
    expect(own.resources.map((r) => r.name)).toEqual(['Fliesenleger (2)']);
    const demo = await rt.token({ role: 'coordinator', networkId: 'demo' });
    expect((await rt.api('GET', '/partners/fliesen-kaya', { token: demo })).status).toBe(404);
  });

  it('runs side by side with a second runtime on other ports and another DATA_DIR', async () => {
    const second = await startRuntime();
    try {
      const operator = await second.token({ role: 'operator' });
      const created = await second.api('POST', '/networks', {
        token: operator,
        body: { name: 'Zweites Netz', slug: 'zweites', contact: { name: 'A', email: 'a@zweites.example' } },
      });
      expect(created.status).toBe(201);
      // the first runtime has its own data: the slug is still free there
      const again = await rt.api('POST', '/networks', {
        token: await rt.token({ role: 'operator' }),
        body: { name: 'Zweites Netz', slug: 'zweites', contact: { name: 'A', email: 'a@zweites.example' } },
      });
      expect(again.status).toBe(201);
      expect(second.apiUrl).not.toBe(rt.apiUrl);
    } finally {
      await second.stop();
      removeDataDir(second);
    }
  });

  it('stops on SIGTERM and leaves no child process (DynamoDB Local included) behind', async () => {
    expect(rt.survivors().length).toBeGreaterThan(0);
    const code = await rt.stop();
    expect(code).toBe(0);
    expect(await rt.gone()).toEqual([]);
  });
});
