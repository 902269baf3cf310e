import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eTarget, startTarget } from '#test/support/target';

/**
 * The journeys that run against the local runtime by default and against a deployed stack when
 * API_URL is set (test/support/target.ts): HTTP only, nothing that needs the local machine.
 */
describe('journeys over HTTP, locally or against a deployed stack', () => {
  let target: E2eTarget;
  let reference: string;
  let inquiryId: string;

  beforeAll(async () => {
    target = await startTarget();
  });

  afterAll(async () => {
    await target?.stop();
  });

  it('is up and documents every route', async () => {
    expect((await target.api('GET', '/health')).status).toBe(200);
    const doc = (await (await target.api('GET', '/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/inquiries', '/pools', '/reports/utilisation']),
    );
  });

  it('takes a customer inquiry from the public form and answers with a reference', async () => {
    const res = await target.api('POST', `/public/${target.slug}/inquiries`, {
      body: {
        customer: { name: 'Jörg Müller', email: 'joerg@kunde.example' },
        postcode: '1070',
        text: 'Badezimmer sanieren und eine Wärmepumpe einbauen',
        consent: true,
      },
    });
    expect(res.status).toBe(201);
    ({ reference } = (await res.json()) as { reference: string });
    expect(reference).toMatch(/^[A-Z]{2,6}-\d{4}-\d{4,}$/);
  });

  it("shows the inquiry in the coordinator's inbox and on its page", async () => {
    const coordinator = await target.token('coordinator');
    const list = await target.api('GET', '/inquiries?status=new', { token: coordinator });
    expect(list.status).toBe(200);
    const items = ((await list.json()) as { items: { id: string; reference: string }[] }).items;
    const listed = items.find((i) => i.reference === reference);
    expect(listed).toBeDefined();
    inquiryId = listed!.id;
    const page = await target.api('GET', `/inquiries/${inquiryId}`, { token: coordinator });
    expect(page.status).toBe(200);
    expect(await page.json()).toMatchObject({ reference, customer: { name: 'Jörg Müller' } });
  });

  it('gives a partner the network but not the inbox, and another network nothing', async () => {
    const partner = await target.token('partner');
    expect((await target.api('GET', '/network', { token: partner })).status).toBe(200);
    expect((await target.api('GET', '/inquiries', { token: partner })).status).toBe(403);
    const other = await target.token('other-coordinator');
    const foreign = await target.api('GET', `/inquiries/${inquiryId}`, { token: other });
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(await foreign.json())).not.toContain('Müller');
  });

  it('refuses a request without a token', async () => {
    expect((await target.api('GET', '/inquiries')).status).toBe(401);
  });
});
