import { mkdirSync } from 'node:fs';
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
} from '#test/support/browser';
import type { RunningRuntime } from '#test/support/runtime';

/** Reviewers' screenshots of the funding page, desktop and phone. */
const PNG = process.env.CONSOLE_PNG_DIR ?? join(import.meta.dirname, '..', '..', 'test-output', 'console');
const DAY = 86_400_000;
const PARTNERS = ['demo-p1', 'demo-p2', 'demo-p3', 'demo-p4', 'demo-p9'];

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Monday of the ISO week holding today in Vienna, as epoch ms at noon UTC. */
function viennaMonday(): number {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Vienna' }).format(new Date());
  const d = new Date(`${day}T12:00:00Z`);
  return d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY;
}

/** `KW 9/2027` of the ISO week holding the day. */
function kw(ms: number): string {
  const d = new Date(ms);
  const thursday = new Date(ms + (3 - ((d.getUTCDay() + 6) % 7)) * DAY);
  const year = thursday.getUTCFullYear();
  const n = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1, 12)) / DAY / 7) + 1;
  return `KW ${n}/${year}`;
}

/**
 * The funding page as its users use it: a partner records its hours on a phone (this week, the
 * week before in a closed period refused with the API's 409), deletes one; the coordinator sees
 * them in plan vs actual, the checks in words and the report links; axe-clean; another network's
 * coordinator sees no project.
 */
describe('the console funding page in a browser', () => {
  const session = consoleSession();
  let rt: RunningRuntime;
  let browser: Browser;
  let coordinator = '';
  let projectId = '';
  const monday = viennaMonday();

  beforeAll(async () => {
    mkdirSync(PNG, { recursive: true });
    ({ rt, browser } = session);
    coordinator = await rt.token({ role: 'coordinator', networkId: 'demo' });
    // a project whose first period ends with last week, so last week can be closed
    const start = monday - 35 * DAY;
    const end = Date.UTC(new Date(start).getUTCFullYear() + 2, new Date(start).getUTCMonth(), 1, 12) - DAY;
    const created = await rt.api('POST', '/api/funding/projects', {
      token: coordinator,
      body: {
        title: 'Klimafitte Sanierung',
        start: iso(start),
        end: iso(end),
        periods: [
          { from: iso(start), to: iso(monday - DAY) },
          { from: iso(monday), to: iso(end) },
        ],
        partners: PARTNERS.map((partnerId, i) => ({
          partnerId,
          role: i === 0 ? 'lead' : 'partner',
          fundingRatePct: 60,
        })),
        workPackages: [
          {
            id: 'wp1',
            title: 'Bestandsaufnahme',
            plan: PARTNERS.map((partnerId) => ({ partnerId, hours: 300, personnelCents: 2_550_000 })),
          },
          {
            id: 'wp2',
            title: 'Pilotbaustelle',
            plan: [
              { partnerId: 'demo-p1', hours: 400, personnelCents: 3_400_000 },
              { partnerId: 'demo-p2', hours: 100, personnelCents: 850_000 },
            ],
          },
        ],
        categories: PARTNERS.map((partnerId) => ({
          id: 'fach',
          partnerId,
          name: 'Fachkraft',
          hourlyRateCents: 8500,
        })),
      },
    });
    const body = (await created.json()) as { id: string };
    expect(created.status, JSON.stringify(body)).toBe(201);
    projectId = body.id;
  });

  const logIn = (page: Page, who: DevLogin) => logInAs(page, rt.apiUrl, who);

  const shoot = (page: Page, name: string) =>
    page.screenshot({ path: join(PNG, `funding-${name}.png`), fullPage: true });

  it('lets a partner record its hours on a phone; a closed week is refused with the 409 message', async () => {
    const close = await rt.api('POST', `/api/funding/projects/${projectId}/periods/p1/close`, {
      token: coordinator,
    });
    expect(close.status).toBe(200);
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await logIn(page, { network: 'demo', role: 'partner', partner: 'demo-p2' });
    await page.getByRole('link', { name: 'Förderprojekte' }).click();
    // the only project opens by itself
    await page.getByRole('heading', { level: 1, name: 'Klimafitte Sanierung' }).waitFor();
    await page.getByRole('radio', { name: 'Pilotbaustelle' }).check();
    await page.getByLabel(`Stunden in ${kw(monday)}`).fill('7,5');
    await page.getByRole('button', { name: 'Stunden speichern' }).click();
    await page.getByText(`Gespeichert: 7,5 Stunden in ${kw(monday)}.`).waitFor();
    await page.getByRole('radio', { name: 'Bestandsaufnahme' }).check();
    await page.getByLabel(`Stunden in ${kw(monday)}`).fill('4');
    await page.getByRole('button', { name: 'Stunden speichern' }).click();
    await page.getByText(`Gespeichert: 4 Stunden in ${kw(monday)}.`).waitFor();
    await page.getByRole('button', { name: '4 Stunden in Bestandsaufnahme löschen' }).click();
    await page.getByText('Eintrag gelöscht.').waitFor();
    await expect.poll(() => page.getByRole('button', { name: /Stunden in .* löschen$/ }).count()).toBe(1);
    await expectAccessible(page, "the partner's funding page");
    await shoot(page, 'partner-390');
    // last week lies in the closed first period
    await page.getByRole('button', { name: `Vorwoche (${kw(monday - 7 * DAY)})` }).click();
    await page.getByText('Noch keine Einträge in dieser Woche.').waitFor();
    await page.getByLabel(`Stunden in ${kw(monday - 7 * DAY)}`).fill('3');
    await page.getByRole('button', { name: 'Stunden speichern' }).click();
    await page
      .getByRole('alert')
      .getByText(/period p1 is closed/)
      .waitFor();
    await shoot(page, 'partner-closed-390');
    await context.close();

    const records = await rt.api('GET', `/api/funding/projects/${projectId}/time-records`, {
      token: coordinator,
    });
    const items = ((await records.json()) as { items: { hours: number; workPackageId: string }[] }).items;
    expect(items.map((r) => [r.workPackageId, r.hours])).toEqual([['wp2', 7.5]]);
  });

  it('shows the coordinator the hours in plan vs actual, the checks in words and the report links', async () => {
    // the phone first: the desktop pass reopens the closed period
    for (const viewport of [PHONE, DESKTOP]) {
      const context = await newContext(browser, viewport);
      const page = await context.newPage();
      await logIn(page, { network: 'demo', role: 'coordinator' });
      await page.getByRole('link', { name: 'Förderprojekte' }).click();
      await page.getByRole('link', { name: 'Klimafitte Sanierung' }).click();
      await page.getByRole('heading', { level: 1, name: 'Klimafitte Sanierung' }).waitFor();
      // partner row: 7.5 of 400 h planned (wp1 300 + wp2 100)
      await page
        .getByRole('row', { name: /^Elektro Novak GmbH/ })
        .first()
        .getByText('7,5 / 400')
        .waitFor();
      const wp2 = page.getByRole('table', { name: /Pilotbaustelle/ });
      await wp2
        .getByRole('row', { name: /^Elektro Novak GmbH/ })
        .getByText('7,5 / 100')
        .waitFor();
      // partners without size figures: the checks say so in words
      await page
        .getByText(/Regel verletzt/)
        .first()
        .waitFor();
      expect(await page.getByRole('link', { name: /^Endbericht als (HTML|CSV|PDF)$/ }).count()).toBe(3);
      expect(await page.getByText('abgeschlossen', { exact: true }).count()).toBe(1);
      await expectAccessible(page, "the coordinator's funding page");
      await shoot(page, viewport === DESKTOP ? 'coordinator-desktop' : 'coordinator-390');
      if (viewport === DESKTOP) {
        await page.getByRole('button', { name: 'Zeitraum wieder öffnen' }).click();
        await page.getByText('Zeitraum wieder geöffnet.').waitFor();
        const pdf = page.waitForEvent('download');
        await page.getByRole('link', { name: /^Endbericht als PDF$/ }).click();
        expect((await pdf).suggestedFilename()).toMatch(/\.pdf$/);
      }
      await context.close();
    }
  });

  it("gives another network's coordinator no project", async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await logIn(page, { network: 'anderer', role: 'coordinator' });
    await page.getByRole('link', { name: 'Förderprojekte' }).click();
    await page.getByText('Keine Förderprojekte.').waitFor();
    await page.goto(`${rt.apiUrl}/verbund/foerderprojekte/${projectId}`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByText('Klimafitte Sanierung').count()).toBe(0);
    await context.close();
  });
});
