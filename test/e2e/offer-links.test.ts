/**
 * Through `npm start`: a partner answers its part of a job by the signed link in its job mail
 * (read out of the outbox), the coordinator hears of the decline and, on the inquiry's page in
 * the console, has a replacement proposed for just that part and accepts it; the replacement's
 * firm gets its own job mail with its own link. Screenshots of the link page and the console
 * section land in test-output/console.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DESKTOP,
  expectAccessible,
  launchBrowser,
  logInAs,
  newContext,
  PHONE,
  screenshot,
} from '#test/support/browser';
import { type ReadMail, waitForMail } from '#test/support/outbox';
import { type RunningRuntime, removeDataDir, startRuntime } from '#test/support/runtime';

const TIMEFRAME = { from: '2027-05-03', to: '2027-05-16' };
const LINK = /https?:\/\/\S+\/api\/public\/demo\/offer\/[^\s?]+(\?lang=en)?/;

describe('npm start: confirming, declining and replacing a part of a job', () => {
  let rt: RunningRuntime;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let coordinator: string;
  const outbox = () => join(rt.dataDir, 'outbox');

  beforeAll(async () => {
    rt = await startRuntime();
    ({ browser, close: closeBrowser } = await launchBrowser());
    coordinator = await rt.token({ role: 'coordinator', networkId: 'demo' });
  });

  afterAll(async () => {
    await closeBrowser?.();
    if (rt) {
      await rt.stop();
      removeDataDir(rt);
    }
  });

  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely
  const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });
  const jobOf = async (id: string) =>
    (await json(await rt.api('GET', `/inquiries/${id}/job`, { token: coordinator }))).body;
  const post = (link: URL, answer: string) =>
    fetch(new URL(link.pathname + link.search, link), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `answer=${answer}`,
      redirect: 'manual',
    });
  const linkIn = (mail: ReadMail) => new URL(LINK.exec(mail.text)![0]);

  it('the link page shows the part and changes nothing; its form answers; a decline gets a replacement in the console', async () => {
    // Prepare: a job for joinery and plumbing, accepted as proposed
    const created = await json(
      await rt.api('POST', '/inquiries', {
        token: coordinator,
        body: {
          customer: { name: 'Familie Huber', email: 'huber@example.org' },
          subject: 'Küche und Wasseranschluss',
          text: 'Neue Küche mit Spüle.',
          postcode: '2340',
          timeframe: TIMEFRAME,
          competences: [
            { competenceId: 'carpentry', hours: 30 },
            { competenceId: 'plumbing', hours: 24 },
          ],
        },
      }),
    );
    const id = created.body.id as string;
    await rt.api('POST', `/inquiries/${id}/status`, { token: coordinator, body: { status: 'qualified' } });
    const run = await json(
      await rt.api('POST', `/inquiries/${id}/proposals`, { token: coordinator, body: {} }),
    );
    const best = run.body.proposals[0];
    const accepted = await json(
      await rt.api('POST', `/inquiries/${id}/proposals/${best.id}/accept`, { token: coordinator, body: {} }),
    );
    expect(accepted.status).toBe(201);
    const joiner = best.assignments.find(
      (a: { competenceId: string }) => a.competenceId === 'carpentry',
    ).partnerId;
    const plumber = best.assignments.find(
      (a: { competenceId: string }) => a.competenceId === 'plumbing',
    ).partnerId;
    expect(joiner).not.toBe(plumber);
    const ref = created.body.reference as string;
    const listed = await json(await rt.api('GET', '/partners', { token: coordinator }));
    const emailOf = (pid: string) =>
      listed.body.items.find((p: { id: string }) => p.id === pid).contact.email as string;
    const jobMailTo = (mails: ReadMail[], pid: string) =>
      mails.find((m) => m.subject.startsWith(`[${ref}] Auftrag`) && m.to.includes(emailOf(pid)));
    const mails = await waitForMail(
      outbox(),
      (all) => all.filter((m) => m.subject.startsWith(`[${ref}] Auftrag`)).length >= 2,
    );
    const teamMails = mails.filter((m) => m.subject.startsWith(`[${ref}] Auftrag`));
    expect(teamMails).toHaveLength(2);
    for (const m of teamMails) expect(m.text).toContain('Zusage / Absage');
    const names = Object.fromEntries(
      best.partners.map((p: { partnerId: string; name: string }) => [p.partnerId, p.name]),
    );
    const joinerLink = linkIn(jobMailTo(mails, joiner)!);
    const plumberLink = linkIn(jobMailTo(mails, plumber)!);

    // Act: the joiner's link is opened (a mail scanner, then the partner) in a browser
    const desktop = await newContext(browser, DESKTOP);
    const phone = await newContext(browser, PHONE, { javaScriptEnabled: false });
    const page = await desktop.newPage();
    await page.goto(joinerLink.href);
    await expect.poll(() => page.title()).toContain(ref);
    const shown = await page.locator('main').textContent();
    await screenshot(page, 'offers2-link-de-desktop');
    await expectAccessible(page, 'offer link page');
    const phonePage = await phone.newPage();
    await phonePage.goto(joinerLink.href);
    await screenshot(phonePage, 'offers2-link-de-phone');
    await phonePage.goto(`${joinerLink.href}?lang=en`);
    await screenshot(phonePage, 'offers2-link-en-phone');
    await page.goto(`${joinerLink.href}?lang=en`);
    await screenshot(page, 'offers2-link-en-desktop');
    // Assess: the part, the place, the deadline; nothing answered by looking
    expect(shown).toContain(names[joiner]);
    expect(shown).toContain('Tischlerei 30 h');
    expect(shown).toContain('03.05.2027 bis 16.05.2027');
    expect(shown).toContain('2340');
    expect(shown).toMatch(/Antwort bis\s*\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);
    expect((await jobOf(id)).parts[joiner].state).toBe('requested');

    // Act: the plumber declines with its page's button, without JavaScript (a plain form post)
    const plumberPage = await phone.newPage();
    await plumberPage.goto(plumberLink.href);
    await plumberPage.getByRole('button', { name: 'Absagen' }).click();
    await plumberPage.waitForURL(/gespeichert=decline/);
    expect(await plumberPage.locator('main').textContent()).toContain('Danke, Ihre Absage ist gespeichert.');
    await screenshot(plumberPage, 'offers2-link-declined-phone');
    // … and a confirm and a decline of the joiner's part arrive at once: exactly one lands
    const [c, d] = await Promise.all([post(joinerLink, 'confirm'), post(joinerLink, 'decline')]);
    expect([c.status, d.status].sort()).toEqual([303, 409]);
    const job = await jobOf(id);
    expect(job.parts[joiner].state).toBe(c.status === 303 ? 'confirmed' : 'declined');
    expect(job.parts[plumber]).toMatchObject({ state: 'declined', via: 'link' });

    // Assess: the coordinator's notice says a replacement can be requested, with the page's address
    const noticed = await waitForMail(outbox(), (all) =>
      all.some((m) => m.subject === `[${ref}] Partner hat abgelehnt: ${names[plumber]}`),
    );
    const notice = noticed.find((m) => m.subject === `[${ref}] Partner hat abgelehnt: ${names[plumber]}`)!;
    expect(notice.text).toContain('Ersatz vorschlagen');
    expect(notice.text).toContain(`/verbund/anfragen/${id}`);

    // Act: on the inquiry's page the coordinator has a replacement proposed and accepts it
    const console = await (await newContext(browser, DESKTOP)).newPage();
    await logInAs(console, rt.apiUrl, { network: 'demo', role: 'coordinator' });
    await console.goto(`${rt.apiUrl}/verbund/anfragen/${id}`);
    await console.getByRole('heading', { name: 'Abgesagte und abgelaufene Teile' }).waitFor();
    await console.getByRole('button', { name: `Ersatz vorschlagen für ${names[plumber]}` }).click();
    await console.getByRole('heading', { name: 'Ersatz 1' }).waitFor();
    await screenshot(console, 'offers2-replacement-proposed-desktop');
    await expectAccessible(console, 'inquiry page with replacements');
    await console.getByRole('button', { name: `Annehmen: Ersatz 1 für ${names[plumber]}` }).click();
    await console.getByText(/Ersatz angenommen/).waitFor();
    await screenshot(console, 'offers2-replacement-accepted-desktop');

    // Assess: a new tentative part replaces the plumber's, and its firm has its own mail and link
    const after = await jobOf(id);
    const [replacement] = Object.entries(
      after.parts as Record<string, { state: string; replaces?: string }>,
    ).find(([, p]) => p.replaces === plumber)!;
    expect(replacement).not.toBe(plumber);
    expect(after.parts[replacement].state).toBe('requested');
    expect(after.parts[plumber].replacedBy).toBeTruthy();
    const withNew = await waitForMail(outbox(), (all) => Boolean(jobMailTo(all, replacement)));
    const newLink = linkIn(jobMailTo(withNew, replacement)!);
    const confirmed = await post(newLink, 'confirm');
    expect(confirmed.status).toBe(303);
    expect((await jobOf(id)).parts[replacement].state).toBe('confirmed');
  });

  it('replacement routes: another network 404, a partner 403; a forged link 404', async () => {
    const other = await rt.token({ role: 'coordinator', networkId: 'no-such-network' });
    const partner = await rt.token({ role: 'partner', networkId: 'demo', partnerId: 'demo-p3' });
    const inquiries = await json(await rt.api('GET', '/inquiries?limit=1', { token: coordinator }));
    const id = inquiries.body.items[0].id as string;
    const path = `/inquiries/${id}/job/parts/demo-p3/replacements`;
    for (const [token, want] of [
      [other, 404],
      [partner, 403],
    ] as const) {
      expect((await rt.api('POST', path, { token, body: {} })).status).toBe(want);
    }
    const forged = await fetch(`${rt.apiUrl}/api/public/demo/offer/a.b.c.1999999999.${'A'.repeat(43)}`);
    expect(forged.status).toBe(404);
  });
});
