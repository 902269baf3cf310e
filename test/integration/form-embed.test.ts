import { describe, expect, it } from 'vitest';
import { handler as listInquiries } from '#functions/inquiries/list-inquiries.handler';
import { handler as preflight } from '#functions/inquiries/preflight-public-inquiry.handler';
import { handler as submit } from '#functions/inquiries/submit-public-inquiry.handler';
import { getNetwork as loadNetwork, updateNetwork as storeUpdateNetwork } from '#functions/networks/store';
import { handler as updateNetwork } from '#functions/networks/update-network.handler';
import { call, claims } from '#test/support/api';
import { givenNetwork } from '#test/support/networks';

const form = (text: string) => ({
  customer: { name: 'Kundin Embed', email: 'kundin@embed.example' },
  text,
  consent: true,
});

const allow = (networkId: string, embedOrigins: string[]) =>
  call(updateNetwork, {
    method: 'PATCH',
    path: '/network',
    claims: claims.coordinator(networkId),
    body: { embedOrigins },
  });

const post = (slug: string, text: string, headers: Record<string, string> = {}) =>
  call(submit, { method: 'POST', path: `/public/${slug}/inquiries`, body: form(text), headers });

/** The texts of the network's inquiries, as its coordinator sees them in the inbox. */
const inbox = async (networkId: string) => {
  const res = await call(listInquiries, {
    method: 'GET',
    path: '/inquiries',
    claims: claims.coordinator(networkId),
  });
  return (res.body.items as { text: string }[]).map((i) => i.text);
};

describe("the hosted form embedded on the network's own website (CORS)", () => {
  it('lets a listed website post and read the answer; another website gets 403 and writes nothing', async () => {
    // Prepare
    await givenNetwork('emb');
    expect(
      (await allow('emb', ['https://www.tischlerei.example', 'https://shop.emb.example:8443'])).status,
    ).toBe(200);
    // Act
    const listed = await post('emb-slug', 'Von der eigenen Website', {
      origin: 'https://www.tischlerei.example',
    });
    const other = await post('emb-slug', 'Von einer fremden Website', { origin: 'https://spam.example' });
    // Assess
    expect(listed.status).toBe(201);
    expect(listed.headers['access-control-allow-origin']).toBe('https://www.tischlerei.example');
    expect(listed.headers.vary).toBe('Origin');
    expect(listed.body.reference).toMatch(/-\d{4}-\d{4}$/);
    expect(other.status).toBe(403);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    expect(other.body.detail).toContain('https://spam.example');
    expect(await inbox('emb')).toEqual(['Von der eigenen Website']);
  });

  it('takes a post without Origin (server to server, curl) and a same-origin form post as today', async () => {
    // Prepare
    await givenNetwork('emb2');
    // Act
    const server = await post('emb2-slug', 'Ohne Origin');
    // a browser's own form post under Referrer-Policy: no-referrer sends Origin: null
    const ownForm = await post('emb2-slug', 'Vom gehosteten Formular', {
      origin: 'null',
      'sec-fetch-site': 'same-origin',
    });
    // Assess
    expect(server.status).toBe(201);
    expect(server.headers['access-control-allow-origin']).toBeUndefined();
    expect(ownForm.status).toBe(201);
    expect(ownForm.headers['access-control-allow-origin']).toBeUndefined();
    expect((await inbox('emb2')).sort()).toEqual(['Ohne Origin', 'Vom gehosteten Formular']);
  });

  it('answers the preflight for a listed website only', async () => {
    // Prepare
    await givenNetwork('emb3');
    await allow('emb3', ['https://www.emb3.example']);
    const ask = (origin: string) =>
      call(preflight, {
        method: 'OPTIONS',
        path: '/public/emb3-slug/inquiries',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
    // Act
    const listed = await ask('https://www.emb3.example');
    const other = await ask('https://www.emb3.example.evil.example');
    // Assess
    expect(listed.status).toBe(204);
    expect(listed.headers).toMatchObject({
      'access-control-allow-origin': 'https://www.emb3.example',
      'access-control-allow-methods': 'POST',
      'access-control-max-age': '600',
      vary: 'Origin',
    });
    expect(listed.headers['access-control-allow-headers']).toContain('content-type');
    expect(other.status).toBe(403);
    expect(Object.keys(other.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it("does not let network A's website post to network B's form", async () => {
    // Prepare
    await givenNetwork('emba');
    await givenNetwork('embb');
    await allow('emba', ['https://www.a-netzwerk.example']);
    await allow('embb', ['https://www.b-netzwerk.example']);
    // Act
    const res = await post('embb-slug', 'A schreibt an B', { origin: 'https://www.a-netzwerk.example' });
    const pre = await call(preflight, {
      method: 'OPTIONS',
      path: '/public/embb-slug/inquiries',
      headers: { origin: 'https://www.a-netzwerk.example', 'access-control-request-method': 'POST' },
    });
    // Assess
    expect(res.status).toBe(403);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(pre.status).toBe(403);
    expect(await inbox('embb')).toEqual([]);
  });

  it('refuses a list entry that is no https origin, names the field and keeps the old list', async () => {
    // Prepare
    await givenNetwork('emb4');
    await allow('emb4', ['https://www.emb4.example']);
    // Act
    const bad = await Promise.all([
      allow('emb4', ['http://www.emb4.example']),
      allow('emb4', ['https://www.emb4.example/kontakt']),
      allow('emb4', ['https://www.emb4.example', 'https://www.emb4.example']),
      allow(
        'emb4',
        Array.from({ length: 11 }, (_, i) => `https://site${i}.example`),
      ),
    ]);
    const unknown = await call(updateNetwork, {
      method: 'PATCH',
      path: '/network',
      claims: claims.coordinator('emb4'),
      body: { embedOrigin: ['https://www.emb4.example'] },
    });
    // Assess
    expect(bad.map((r) => r.status)).toEqual([400, 400, 400, 400]);
    expect(bad[0]!.body.errors[0].path).toBe('embedOrigins.0');
    expect(bad[0]!.body.errors[0].message).toContain('https://host[:port]');
    expect(bad[1]!.body.errors[0].path).toBe('embedOrigins.0');
    expect(bad[2]!.body.errors[0].path).toBe('embedOrigins');
    expect(bad[3]!.body.errors[0]).toMatchObject({ path: 'embedOrigins', message: 'at most 10 origins' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('embedOrigin');
    expect((await loadNetwork('emb4'))?.embedOrigins).toEqual(['https://www.emb4.example']);
  });
});

describe('two coordinators changing the list at once', () => {
  it('keeps one of the two lists whole: the other save, made on the same reading, gets 409', async () => {
    // Prepare: both coordinators loaded the settings page before either saved
    await givenNetwork('emb5');
    const seen = (await loadNetwork('emb5'))!;
    const lists = [
      ['https://www.erste.example'],
      ['https://www.zweite.example', 'https://shop.zweite.example'],
    ];
    // Act
    const results = await Promise.allSettled(
      lists.map((embedOrigins) => storeUpdateNetwork(seen, { embedOrigins })),
    );
    // Assess
    const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.embedOrigins] : []));
    const lost = results.flatMap((r) =>
      r.status === 'rejected' ? [r.reason as { statusCode: number }] : [],
    );
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.statusCode)).toEqual([409]);
    expect((await loadNetwork('emb5'))?.embedOrigins).toEqual(won[0]);
  });
});

describe('a cross-origin post to a malformed or unknown slug', () => {
  it('gets the same 400 / 404 as any other caller', async () => {
    // Act
    const malformed = await post('Nicht-Gueltig', 'x', { origin: 'https://spam.example' });
    const unknown = await post('gibt-es-nicht', 'x', { origin: 'https://spam.example' });
    // Assess
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].path).toBe('path.slug');
    expect(unknown.status).toBe(404);
  });
});
