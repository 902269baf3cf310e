import { describe, expect, it } from 'vitest';
import { handler as cancelMeeting } from '#functions/exchange/cancel-meeting.handler';
import { handler as getMeeting } from '#functions/exchange/get-meeting.handler';
import { handler as getPage } from '#functions/exchange/get-rsvp-page.handler';
import { handler as listMeetings } from '#functions/exchange/list-meetings.handler';
import { handler as postLink } from '#functions/exchange/post-rsvp-link.handler';
import { signRsvpToken } from '#functions/exchange/rsvp-link';
import { handler as scheduleMeeting } from '#functions/exchange/schedule-meeting.handler';
import { linkKey } from '#functions/exchange/store';
import { ENV } from '#shared/env-names';
import { useScheduler } from '#shared/scheduler/index';
import { type Claims, call, claims } from '#test/support/api';
import { givenNetwork } from '#test/support/networks';
import { deliverQueuedMail, useFileOutbox } from '#test/support/outbox';

process.env[ENV.consoleUrl] = 'https://console.example';
const outbox = useFileOutbox();
useScheduler({ upsert: async () => {}, remove: async () => {} });

const inDays = (d: number) => `${new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10)}T18:30`;
const schedule = (as: Claims, title: string) =>
  call(scheduleMeeting, {
    method: 'POST',
    path: '/exchange/meetings',
    claims: as,
    body: { title, startsAt: inDays(10), durationMinutes: 90, place: 'Werkstatt Gruber', agenda: [] },
  });
const counts = async (net: string, id: string, as: Claims = claims.coordinator(net)) =>
  (await call(getMeeting, { method: 'GET', path: `/exchange/meetings/${id}`, claims: as })).body;
/** The `yes` link of a partner's invitation: its path under /api, its slug and token. */
async function linkOf(title: string, to: string) {
  await deliverQueuedMail();
  const mail = (await outbox.read()).find((m) => m.subject === `Einladung: ${title}` && m.to[0] === to)!;
  const url = new URL(/https:\/\/console\.example\S+answer=yes/.exec(mail.text)![0]);
  const [, , , slug, , token] = url.pathname.split('/') as string[];
  return { mail, url, slug: slug!, token: token! };
}
const page = (slug: string, token: string, query = '') =>
  call(getPage, { method: 'GET', path: `/public/${slug}/rsvp/${token}${query}`, claims: undefined });
const post = (slug: string, token: string, answer: string, form = true) =>
  call(postLink, {
    method: 'POST',
    path: `/public/${slug}/rsvp/${token}`,
    claims: undefined,
    ...(form
      ? { body: `answer=${answer}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } }
      : { body: { answer } }),
  });

describe('answering a meeting by the signed link in its mail', () => {
  it('GET shows the choice and records nothing; the POST records it; concurrent answers count once, the last one stays', async () => {
    // Prepare
    await givenNetwork('ra', ['ra-p1', 'ra-p2']);
    const made = await schedule(claims.coordinator('ra'), 'Erfa Link');
    const id = made.body.id as string;
    const { mail, url, slug, token } = await linkOf('Erfa Link', 'ra-p1@firm.example');
    // Act: the link is opened (a scanner would do the same), then the button posts
    const shown = await page(slug, token, '?answer=yes');
    const afterGet = await counts('ra', id);
    const saved = await post(slug, token, 'yes');
    const thanks = await page(slug, token, '?gespeichert=yes');
    const burst = await Promise.all(['no', 'maybe', 'no', 'yes'].map((a) => post(slug, token, a, false)));
    const afterBurst = await counts('ra', id);
    const last = await post(slug, token, 'maybe');
    const final = await counts('ra', id, claims.partner('ra', 'ra-p1'));
    const listedFor = async (p: string) =>
      (
        await call(listMeetings, {
          method: 'GET',
          path: '/exchange/meetings',
          claims: claims.partner('ra', p),
        })
      ).body.items[0];
    // Assess
    expect(url.pathname.startsWith(`/api/public/${slug}/rsvp/`)).toBe(true);
    expect(mail.html).toContain('Zusagen');
    expect(shown.status).toBe(200);
    expect(shown.headers['content-type']).toContain('text/html');
    expect(shown.text).toContain('Erfa Link');
    expect(shown.text).toContain('Sie haben noch nicht geantwortet.');
    expect(shown.text).toMatch(/value="yes" class="chosen"/);
    expect(afterGet.answers).toEqual({ yes: 0, no: 0, maybe: 0 });
    expect([saved.status, saved.headers.location]).toEqual([303, `${token}?gespeichert=yes`]);
    expect(thanks.text).toContain('Danke, gespeichert: Zusage.');
    expect(burst.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(Object.values(afterBurst.answers).reduce((a: number, b) => a + (b as number), 0)).toBe(1);
    expect(last.status).toBe(303);
    expect(final).toMatchObject({ answers: { yes: 0, no: 0, maybe: 1 }, myAnswer: 'maybe' });
    expect((await listedFor('ra-p1')).myAnswer).toBe('maybe');
    expect((await listedFor('ra-p2')).myAnswer).toBeUndefined();
  });

  it('an altered, foreign or expired token and a wrong slug get 404 and record nothing; bad answers get 400; a cancelled meeting 409', async () => {
    await givenNetwork('rb', ['rb-p1', 'rb-p2']);
    await givenNetwork('rc', ['rc-p1']);
    const made = await schedule(claims.coordinator('rb'), 'Erfa Fremd');
    const id = made.body.id as string;
    await schedule(claims.coordinator('rc'), 'Erfa Anders');
    const { slug, token } = await linkOf('Erfa Fremd', 'rb-p1@firm.example');
    const other = await linkOf('Erfa Anders', 'rc-p1@firm.example');
    const [mid, , exp, sig] = token.split('.') as [string, string, string, string];
    const asOtherPartner = `${mid}.rb-p2.${exp}.${sig}`;
    const later = `${mid}.rb-p1.${Number(exp) + 86_400}.${sig}`;
    const key = (await linkKey('rb'))!;
    const expired = signRsvpToken(key, 'rb', id, 'rb-p1', new Date(Date.now() - 1000).toISOString());
    const attempts = [
      await post(slug, asOtherPartner, 'yes'),
      await post(slug, later, 'yes'),
      await post(slug, expired, 'yes'),
      await post(other.slug, token, 'yes'),
      await post(slug, other.token, 'yes'),
      await page(slug, asOtherPartner),
      await page(other.slug, token),
    ];
    const bad = await post(slug, token, 'perhaps', false);
    const unknown = await call(postLink, {
      method: 'POST',
      path: `/public/${slug}/rsvp/${token}`,
      claims: undefined,
      body: { answer: 'yes', partnerId: 'rb-p2' },
    });
    const malformed = await page(slug, 'not-a-token');
    const before = await counts('rb', id);
    await call(cancelMeeting, {
      method: 'POST',
      path: `/exchange/meetings/${id}/cancellation`,
      claims: claims.coordinator('rb'),
    });
    const cancelled = await post(slug, token, 'yes', false);
    const cancelledPage = await page(slug, token);
    // Assess
    expect(attempts.map((a) => a.status)).toEqual([404, 404, 404, 404, 404, 404, 404]);
    expect(attempts.every((a) => !JSON.stringify(a.body).includes('Erfa'))).toBe(true);
    expect([bad.status, bad.body.errors[0].path]).toEqual([400, 'answer']);
    expect(unknown.status).toBe(400);
    expect([malformed.status, malformed.body.errors?.[0]?.path]).toEqual([400, 'path.token']);
    expect(before.answers).toEqual({ yes: 0, no: 0, maybe: 0 });
    expect(cancelled.status).toBe(409);
    expect(cancelledPage.text).toContain('Diese Erfa-Runde ist abgesagt.');
    expect(cancelledPage.text).not.toContain('<button');
  });
});
