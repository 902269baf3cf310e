import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  consoleSession,
  DESKTOP,
  type DevLogin,
  expectAccessible,
  logInAs,
  newContext,
  PHONE,
  SCREENSHOTS,
  screenshot,
} from '#test/support/browser';
import type { RunningRuntime } from '#test/support/runtime';

/**
 * Confirming or declining an offer in the console (docs/matching.md, "Confirmations"): the
 * coordinator accepts a team, which holds each firm's hours tentatively; on a phone the joiner
 * confirms, the electrician declines (after a first try offline), the painter declines from two
 * phones at once and a third, stale tab meets that answer (409); the coordinator sees each part's
 * state, who answered when and the held and booked hours. Another network sees none of it.
 */
describe('offers in the console: confirm or decline a tentative part', () => {
  const session = consoleSession();
  let rt: RunningRuntime;
  let browser: Browser;
  let inquiryId = '';
  let reference = '';
  let otherNetworkId = '';
  /** The firm per competence in the accepted team. */
  const firm: Record<'carpentry' | 'electrical' | 'painting', string> = {
    carpentry: '',
    electrical: '',
    painting: '',
  };

  // one ISO week three weeks ahead: Monday to Friday
  const monday = new Date(Date.now() + 21 * 86_400_000);
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  const from = monday.toISOString().slice(0, 10);
  const to = new Date(monday.getTime() + 4 * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    ({ rt, browser } = session);
    otherNetworkId = session.otherNetworkId;
    // the coordinator records and qualifies an inquiry for three trades and asks for proposals
    const coordinator = await rt.token({ role: 'coordinator', networkId: 'demo' });
    const created = await rt.api('POST', '/api/inquiries', {
      token: coordinator,
      body: {
        customer: { name: 'Familie Auer', email: 'auer@kunde.example' },
        subject: 'Küche mit Elektrik und Anstrich',
        text: 'Neue Küche: Tischler, Elektriker und Maler.',
        postcode: '2500',
        timeframe: { from, to },
        competences: [
          { competenceId: 'carpentry', hours: 16 },
          { competenceId: 'electrical', hours: 12 },
          { competenceId: 'painting', hours: 8 },
        ],
      },
    });
    expect(created.status).toBe(201);
    ({ id: inquiryId, reference } = (await created.json()) as { id: string; reference: string });
    const qualified = await rt.api('POST', `/api/inquiries/${inquiryId}/status`, {
      token: coordinator,
      body: { status: 'qualified' },
    });
    expect(qualified.status).toBe(200);
    const run = await rt.api('POST', `/api/inquiries/${inquiryId}/proposals`, {
      token: coordinator,
      body: {},
    });
    expect(run.status).toBe(201);
    const best = ((await run.json()) as { proposals: { complete: boolean; partnerIds: string[] }[] })
      .proposals[0];
    expect(best?.complete).toBe(true);
    expect(best?.partnerIds).toHaveLength(3);
  });

  const logIn = (page: Page, who: DevLogin) => logInAs(page, rt.apiUrl, who);
  const partnerToken = (partnerId: string, networkId = 'demo') =>
    rt.token({ role: 'partner', networkId, partnerId });
  const toAnswer = (page: Page) => page.locator('.card.offer', { hasText: reference });

  it('lets the coordinator accept the team: every firm is held tentatively until its deadline', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await logIn(page, { network: 'demo', role: 'coordinator' });
    await page.goto(`${rt.apiUrl}/verbund/anfragen/${inquiryId}`);
    await page.getByRole('heading', { name: /^Vorschlag 1/ }).waitFor();
    await page.getByRole('button', { name: 'Diesen Vorschlag annehmen' }).first().click();
    await page.getByText('Angenommen: das Team ist informiert.').waitFor();
    const section = page.getByRole('region', { name: 'Auftrag: Zusagen der Betriebe' });
    await section.waitFor();
    expect(await section.locator('.badge', { hasText: 'vorläufig' }).count()).toBe(3);
    await section.getByText('Vorgemerkt: 36 Std.').waitFor();
    await section.getByText('Gebucht: 0 Std.').waitFor();
    // the deadline in de-AT with the time left
    expect(await section.locator('tbody tr').first().textContent()).toMatch(
      /\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} \(noch 1 Tag und \d{1,2} Std\.\)/,
    );
    await expectAccessible(page, 'the inquiry page with a tentative job');
    await context.close();
    const coordinator = await rt.token({ role: 'coordinator', networkId: 'demo' });
    const job = (await (
      await rt.api('GET', `/api/inquiries/${inquiryId}/job`, { token: coordinator })
    ).json()) as {
      assignments: { competenceId: keyof typeof firm; partnerId: string }[];
    };
    for (const a of job.assignments) firm[a.competenceId] = a.partnerId;
    expect(new Set(Object.values(firm)).size).toBe(3);
  });

  it('shows the joiner its tentative part on a phone; Bestätigen sends once and books the hours', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await logIn(page, { network: 'demo', role: 'partner', partner: firm.carpentry });
    const card = toAnswer(page);
    await card.waitFor();
    await page.getByRole('heading', { name: 'Zu bestätigen (1)' }).waitFor();
    expect(await card.locator('.badge').textContent()).toBe('vorläufig');
    await card.getByText('16 Std. für Sie vorgemerkt').waitFor();
    expect(await card.locator('.offer-deadline').textContent()).toMatch(
      /^Bitte antworten bis \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} \(noch 1 Tag und \d{1,2} Std\.\)$/,
    );
    // large touch targets, side by side on the phone
    const confirm = card.getByRole('button', { name: 'Bestätigen' });
    expect((await confirm.boundingBox())?.height).toBeGreaterThanOrEqual(48);
    expect((await confirm.boundingBox())?.width).toBeGreaterThanOrEqual(150);
    await expectAccessible(page, "the partner's week with an offer");
    await screenshot(page, 'offers-week-phone-de');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'To confirm (1)' }).waitFor();
    await card.getByText('tentative', { exact: true }).waitFor();
    await screenshot(page, 'offers-week-phone-en');
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await page.getByRole('heading', { name: 'Zu bestätigen (1)' }).waitFor();

    // a slow connection: the answer is held until the test lets it through
    let sent = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/inquiries/*/job/confirm', async (route) => {
      sent++;
      await gate;
      await route.continue();
    });
    await confirm.click();
    const pending = card.getByRole('button', { name: 'Wird gesendet …' });
    await pending.waitFor();
    expect(await pending.isDisabled()).toBe(true);
    expect(await card.getByRole('button', { name: 'Ablehnen' }).isDisabled()).toBe(true);
    await pending.dispatchEvent('click');
    release();
    await page.getByText('Bestätigt: die Stunden sind fest für Sie gebucht.').waitFor();
    expect(sent).toBe(1);
    // no reload: the card shows the answer, the week shows the job as confirmed
    await card.locator('.badge', { hasText: 'bestätigt' }).waitFor();
    await card.getByText('16 Std. fest gebucht').waitFor();
    expect(await card.getByRole('button').count()).toBe(0);
    await page.getByRole('heading', { name: 'Ihre Antworten' }).waitFor();
    expect(await page.locator('.badge', { hasText: 'bestätigt' }).count()).toBe(2);
    expect(await page.locator('.badge', { hasText: 'vorläufig' }).count()).toBe(0);
    await screenshot(page, 'offers-confirmed-phone-de');
    await context.close();
  });

  it('lets the electrician decline after asking once more, also after a first try offline', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await logIn(page, { network: 'demo', role: 'partner', partner: firm.electrical });
    const card = toAnswer(page);
    await card.waitFor();
    await card.getByRole('button', { name: 'Ablehnen' }).click();
    await card.getByText('Wirklich ablehnen? Die 12 vorgemerkten Stunden werden freigegeben').waitFor();
    await expectAccessible(page, 'the decline question');
    await screenshot(page, 'offers-decline-phone-de');
    // offline: nothing arrives, the page says so and the offer stays open
    await context.setOffline(true);
    await card.getByRole('button', { name: 'Ja, ablehnen' }).click();
    await page.getByRole('alert').getByText('Keine Verbindung').waitFor();
    await context.setOffline(false);
    expect(await card.getByRole('button', { name: 'Bestätigen' }).isEnabled()).toBe(true);
    await card.getByRole('button', { name: 'Ablehnen' }).click();
    await card.getByRole('button', { name: 'Zurück' }).click();
    await card.getByRole('button', { name: 'Ablehnen' }).click();
    await card.getByRole('button', { name: 'Ja, ablehnen' }).click();
    await page.getByText('Abgelehnt: die Stunden sind wieder frei, der Verbund ist informiert.').waitFor();
    await card.locator('.badge', { hasText: 'abgelehnt' }).waitFor();
    await card.getByText('12 Std. wieder frei').waitFor();
    // the week holds none of its hours any more; "Meine Aufträge" says declined
    expect(await page.getByRole('heading', { level: 2, name: /^KW / }).count()).toBe(0);
    await page.getByRole('link', { name: 'Meine Aufträge' }).click();
    await page.getByRole('heading', { name: 'Meine Aufträge' }).waitFor();
    await page.reload();
    await page
      .locator('.jobs .card', { hasText: reference })
      .locator('.badge', { hasText: 'abgelehnt' })
      .waitFor();
    expect(await page.getByRole('button', { name: 'Bestätigen' }).count()).toBe(0);
    await context.close();
  });

  it('lets two phones of the painter decline at once (released once) and tells a stale third in German (409)', async () => {
    // three phones of the same firm, each logged in
    const contexts = await Promise.all([1, 2, 3].map(() => newContext(browser, PHONE)));
    const [first, second, stale] = await Promise.all(contexts.map((c) => c.newPage()));
    if (!first || !second || !stale) throw new Error('three pages');
    for (const page of [first, second, stale])
      await logIn(page, { network: 'demo', role: 'partner', partner: firm.painting });
    for (const page of [first, second, stale]) await toAnswer(page).waitFor();
    for (const page of [first, second])
      await toAnswer(page).getByRole('button', { name: 'Ablehnen' }).click();
    // Act: both decline at the same moment
    await Promise.all(
      [first, second].map((page) => toAnswer(page).getByRole('button', { name: 'Ja, ablehnen' }).click()),
    );
    // Assess: the same answer twice answers the same; the hours were released once, not twice
    for (const page of [first, second]) {
      await page.getByText('Abgelehnt: die Stunden sind wieder frei, der Verbund ist informiert.').waitFor();
      await toAnswer(page).locator('.badge', { hasText: 'abgelehnt' }).waitFor();
    }
    const calendar = (await (
      await rt.api('GET', `/api/calendar?from=${from}&to=${to}`, { token: await partnerToken(firm.painting) })
    ).json()) as { partners: { partnerId: string; totals: { booked: number } }[] };
    expect(calendar.partners.find((p) => p.partnerId === firm.painting)?.totals.booked).toBe(0);
    // the tab still showing the offer: its Bestätigen meets the answer given meanwhile
    const card = toAnswer(stale);
    await card.getByRole('button', { name: 'Bestätigen' }).click();
    await stale
      .getByRole('alert')
      .getByText('Dieser Auftrag ist schon abgelehnt, vielleicht über den Link in der E-Mail.')
      .waitFor();
    // the card shows how it stands now, without the buttons
    await card.locator('.badge', { hasText: 'abgelehnt' }).waitFor();
    expect(await card.getByRole('button').count()).toBe(0);
    await screenshot(stale, 'offers-refused-phone-de');
    await Promise.all(contexts.map((c) => c.close()));
  });

  it('shows the coordinator who confirmed and who declined, when and how, and the hours', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await logIn(page, { network: 'demo', role: 'coordinator' });
    await page.goto(`${rt.apiUrl}/verbund/anfragen/${inquiryId}`);
    const section = page.getByRole('region', { name: 'Auftrag: Zusagen der Betriebe' });
    await section.waitFor();
    const row = (partnerId: string) => section.locator(`tr[data-partner="${partnerId}"]`);
    await row(firm.carpentry).locator('.badge', { hasText: 'bestätigt' }).waitFor();
    expect(await row(firm.carpentry).textContent()).toMatch(
      /in der Konsole, \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/,
    );
    await row(firm.electrical).locator('.badge', { hasText: 'abgelehnt' }).waitFor();
    await row(firm.painting).locator('.badge', { hasText: 'abgelehnt' }).waitFor();
    await section.getByText('Vorgemerkt: 0 Std.').waitFor();
    await section.getByText('Gebucht: 16 Std.').waitFor();
    await section.getByText('Freigegeben: 20 Std.').waitFor();
    // the partners' names, not their ids
    const partners = (await (
      await rt.api('GET', '/api/partners', {
        token: await rt.token({ role: 'coordinator', networkId: 'demo' }),
      })
    ).json()) as { items: { id: string; name: string }[] };
    const joiner = partners.items.find((p) => p.id === firm.carpentry)!.name;
    expect(await row(firm.carpentry).textContent()).toContain(joiner);
    // the timeline names the answers in German
    await page.getByText('Betrieb hat bestätigt').first().waitFor();
    await expectAccessible(page, 'the inquiry page with answered parts');
    await screenshot(page, 'offers-job-desktop-de');
    await page.getByRole('button', { name: 'English' }).click();
    await page
      .getByRole('region', { name: "Job: the firms' answers" })
      .locator('.badge', { hasText: 'confirmed' })
      .waitFor();
    await screenshot(page, 'offers-job-desktop-en');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'offers-job-phone-en');
    await page
      .locator('.job-parts')
      .screenshot({ path: join(SCREENSHOTS, 'offers-job-section-phone-en.png') });
    // on a phone the table stacks: nothing wider than the screen
    expect(
      await page.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      ),
    ).toBe(0);
    await context.close();
  });

  it("gives another network's coordinator and partners, and a firm not on the team, none of it", async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await logIn(page, { network: 'anderer', role: 'coordinator' });
    await page.goto(`${rt.apiUrl}/verbund/anfragen/${inquiryId}`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByText('Auftrag: Zusagen der Betriebe').count()).toBe(0);
    expect(await page.getByText(reference).count()).toBe(0);
    await context.close();
    const foreignCoordinator = await rt.token({ role: 'coordinator', networkId: otherNetworkId });
    expect(
      (await rt.api('GET', `/api/inquiries/${inquiryId}/job`, { token: foreignCoordinator })).status,
    ).toBe(404);
    // the same partner id in another network: no jobs, and its answer reaches nothing
    const foreignPartner = await partnerToken(firm.carpentry, otherNetworkId);
    expect(await (await rt.api('GET', '/api/jobs', { token: foreignPartner })).json()).toEqual({ items: [] });
    const foreignAnswer = await rt.api('POST', `/api/inquiries/${inquiryId}/job/decline`, {
      token: foreignPartner,
    });
    expect([403, 404]).toContain(foreignAnswer.status);
    // a firm of the network that is not on the team
    const outsider = [
      'demo-p1',
      'demo-p2',
      'demo-p3',
      'demo-p4',
      'demo-p5',
      'demo-p6',
      'demo-p7',
      'demo-p8',
    ].find((p) => !Object.values(firm).includes(p))!;
    const outsiderAnswer = await rt.api('POST', `/api/inquiries/${inquiryId}/job/confirm`, {
      token: await partnerToken(outsider),
    });
    expect(outsiderAnswer.status).toBe(404);
    expect(
      JSON.stringify(
        await (await rt.api('GET', '/api/jobs', { token: await partnerToken(outsider) })).json(),
      ),
    ).not.toContain(inquiryId);
    // nothing changed: the joiner's part is still confirmed
    const coordinator = await rt.token({ role: 'coordinator', networkId: 'demo' });
    const job = (await (
      await rt.api('GET', `/api/inquiries/${inquiryId}/job`, { token: coordinator })
    ).json()) as {
      parts: Record<string, { state: string }>;
    };
    expect(job.parts[firm.carpentry]?.state).toBe('confirmed');
  });
});
