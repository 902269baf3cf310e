/**
 * The calendar feed through `npm start` over HTTP: the lead partner of an accepted job subscribes
 * to its feed URL as a calendar app would (a plain GET, no login), sees the job's weeks, and the
 * URL stops working when the partner rotates it.
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningRuntime, removeDataDir, startRuntime } from '#test/support/runtime';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
/** Days from today to next week's Monday (UTC). */
const nextMonday = ((8 - new Date().getUTCDay()) % 7 || 7) + 7;

describe('npm start: a partner subscribes to its calendar feed', () => {
  let rt: RunningRuntime;
  let coordinator: string;

  beforeAll(async () => {
    rt = await startRuntime();
    coordinator = await rt.token({ role: 'coordinator', networkId: 'demo' });
  });

  afterAll(async () => {
    if (rt) {
      await rt.stop();
      removeDataDir(rt);
    }
  });

  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely
  const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });

  it('lists the accepted job in the feed, and the rotated URL answers 404', async () => {
    // Prepare: an accepted joinery job in the week after next
    const created = await json(
      await rt.api('POST', '/inquiries', {
        token: coordinator,
        body: {
          customer: { name: 'Familie Leitner', email: 'leitner@example.org' },
          subject: 'Einbauschränke',
          text: 'Einbauschränke für das Wohnzimmer.',
          timeframe: { from: day(nextMonday), to: day(nextMonday + 6) },
          competences: [{ competenceId: 'carpentry', hours: 20 }],
        },
      }),
    );
    const id = created.body.id as string;
    await rt.api('POST', `/inquiries/${id}/status`, { token: coordinator, body: { status: 'qualified' } });
    const run = await json(
      await rt.api('POST', `/inquiries/${id}/proposals`, { token: coordinator, body: {} }),
    );
    const accepted = await json(
      await rt.api('POST', `/inquiries/${id}/proposals/${run.body.proposals[0].id}/accept`, {
        token: coordinator,
        body: {},
      }),
    );
    expect(accepted.status).toBe(201);
    const partner = await rt.token({
      role: 'partner',
      networkId: 'demo',
      partnerId: accepted.body.leadPartnerId,
    });
    // Act: the partner creates its feed; a calendar app fetches the URL without a login
    const feed = await json(await rt.api('POST', '/calendar/feed', { token: partner }));
    expect(feed.status).toBe(201);
    const res = await fetch(feed.body.url);
    // Assess
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const cal = new ICAL.Component(ICAL.parse(await res.text()));
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const job = events.find((e) => e.summary.includes('Einbauschränke'));
    expect(job?.startDate.toString()).toBe(day(nextMonday));
    expect(job?.startDate.isDate).toBe(true);
    // rotated: the old URL is dead, the new one works
    const rotated = await json(await rt.api('POST', '/calendar/feed', { token: partner }));
    expect((await fetch(feed.body.url)).status).toBe(404);
    expect((await fetch(rotated.body.url)).status).toBe(200);
  });
});
