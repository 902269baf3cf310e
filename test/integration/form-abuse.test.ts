import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { LIMITS } from '#functions/inquiries/limits';
import { handler as submit } from '#functions/inquiries/submit-public-inquiry.handler';
import { startDevServer } from '#infra/local/dev-server';
import { routes } from '#infra/routes';
import { call } from '#test/support/api';
import { givenMailNetwork, useMailSandbox } from '#test/support/mail';
import { deliverQueuedMail } from '#test/support/outbox';

const sandbox = useMailSandbox();

const form = (email: string, text = 'Bitte um ein Angebot für neue Fenster.') => ({
  customer: { name: 'Kundin', email },
  text,
  consent: true,
});

/** Acknowledgements in the outbox to one address. */
const acksTo = async (address: string) =>
  (await deliverQueuedMail().then(sandbox.outbox)).filter((m) => m.mail.to?.[0]?.address === address);

describe('the public form is no open relay', () => {
  it('sends one address at most 3 acknowledgements a day, however many submissions arrive at once', async () => {
    // Prepare
    await givenMailNetwork('relay');
    // Act: 12 submissions with a stranger's address, from 12 client networks at the same moment
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        call(submit, {
          method: 'POST',
          path: '/public/relay-slug/inquiries',
          body: form('victim@fremd.example', `Anfrage ${i}`),
          sourceIp: `203.0.113.${i + 1}`,
        }),
      ),
    );
    // Assess: every submission is taken (the network wants its inquiries), 3 are acknowledged
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
    expect(await acksTo('victim@fremd.example')).toHaveLength(3);
  });

  it('counts the acknowledgements of a whole UTC day, not of an hour', async () => {
    // Prepare: three acknowledgements in the morning
    await givenMailNetwork('daily');
    const morning = Date.UTC(2026, 4, 14, 7, 0, 0);
    const now = vi.spyOn(Date, 'now').mockReturnValue(morning);
    try {
      for (let i = 0; i < 3; i++) {
        await call(submit, {
          method: 'POST',
          path: '/public/daily-slug/inquiries',
          body: form('frueh@kunde.example', `Morgens ${i}`),
          sourceIp: `198.51.100.${i + 1}`,
        });
      }
      // Act: the same address in the afternoon, and the next morning
      now.mockReturnValue(morning + 6 * 3600_000);
      const afternoon = await call(submit, {
        method: 'POST',
        path: '/public/daily-slug/inquiries',
        body: form('frueh@kunde.example', 'Nachmittags'),
        sourceIp: '198.51.100.9',
      });
      const before = (await acksTo('frueh@kunde.example')).length;
      now.mockReturnValue(morning + 24 * 3600_000);
      const nextDay = await call(submit, {
        method: 'POST',
        path: '/public/daily-slug/inquiries',
        body: form('frueh@kunde.example', 'Am nächsten Tag'),
        sourceIp: '198.51.100.10',
      });
      // Assess
      expect(afternoon.status).toBe(201);
      expect(nextDay.status).toBe(201);
      expect(before).toBe(3);
      expect(await acksTo('frueh@kunde.example')).toHaveLength(4);
    } finally {
      now.mockRestore();
    }
  });
});

describe("one network's abuse does not close every network's form", () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    await givenMailNetwork('flooded');
    await givenMailNetwork('calm');
    ({ server, url } = await startDevServer({
      routes,
      host: '127.0.0.1',
      port: 0,
      root: process.cwd(),
      verify: async () => null,
    }));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (slug: string, email: string) =>
    fetch(`${url}/public/${slug}/inquiries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(form(email)),
    });

  it("answers a flood against one network with that network's 429 while another network's customer gets through", async () => {
    // Prepare: the clock a second into a per-client window, so the flood cannot straddle two
    // (it did once, at 21:00:00: 5 posts taken in each window)
    const windowMs = LIMITS.formPerClient.windowSeconds * 1000;
    const realNow = Date.now.bind(Date);
    const shift = windowMs - (realNow() % windowMs) + 1000;
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => realNow() + shift);
    onTestFinished(() => clock.mockRestore());
    // Act: 60 posts against one network, and in the middle of them one customer of another
    const flood = Array.from({ length: 60 }, (_, i) => post('flooded-slug', `bot${i}@spam.example`));
    const calm = post('calm-slug', 'kundin@ruhig.example');
    const answers = await Promise.all(flood);
    const customer = await calm;
    // Assess
    expect(customer.status).toBe(201);
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(55);
    const problems = await Promise.all(
      answers
        .filter((r) => r.status === 429)
        .map(async (r) => ((await r.json()) as { detail: string }).detail),
    );
    expect(problems.filter((d) => d.includes('route is throttled'))).toEqual([]);
  });
});
