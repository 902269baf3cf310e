import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DESKTOP,
  type DevLogin,
  expectAccessible,
  launchBrowser,
  logInAs,
  newContext,
  PHONE,
  SCREENSHOTS,
  screenshot,
} from '#test/support/browser';
import { type RunningRuntime, removeDataDir, startRuntime } from '#test/support/runtime';

/**
 * The console's "Erfahrungsaustausch" in a browser against `npm start`: a partner asks on a
 * phone, another answers, the asker marks the solution; the meetings with their RSVP buttons;
 * another network's coordinator sees none of it.
 */
describe('the know-how exchange in the web console', () => {
  let rt: RunningRuntime;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let questionUrl = '';
  const title = 'Speicher für die PV-Anlage am Werkstattdach?';

  beforeAll(async () => {
    rt = await startRuntime();
    ({ browser, close: closeBrowser } = await launchBrowser());
    const operator = await rt.token({ role: 'operator' });
    const other = await rt.api('POST', '/api/networks', {
      token: operator,
      body: {
        name: 'Anderer Verbund',
        slug: 'anderer',
        contact: { name: 'Eva Berger', email: 'eva@anderer.example' },
      },
    });
    expect(other.status).toBe(201);
  });

  afterAll(async () => {
    await closeBrowser?.();
    if (rt) {
      await rt.stop();
      removeDataDir(rt);
    }
  });

  const logIn = (page: Page, who: DevLogin) => logInAs(page, rt.apiUrl, who);
  /** Keeps a screenshot under test-output and a copy for the reviewer. */
  async function shot(page: Page, name: string) {
    await screenshot(page, name);
    mkdirSync('/work/wt/png', { recursive: true });
    copyFileSync(join(SCREENSHOTS, `${name}.png`), `/work/wt/png/exchange2-${name}.png`);
  }

  it('a partner asks on a phone, another answers, the asker marks the solution', async () => {
    // Prepare: Tischlerei Gruber (demo-p1) on a phone, Elektro Novak (demo-p2) on a desktop
    const asker = await (await newContext(browser, PHONE)).newPage();
    const expert = await (await newContext(browser, DESKTOP)).newPage();
    // Act: ask
    await logIn(asker, { network: 'demo', role: 'partner', partner: 'demo-p1' });
    await asker.getByRole('link', { name: 'Austausch' }).click();
    await asker.getByRole('link', { name: 'Frage stellen' }).click();
    await asker.getByLabel('Ihre Frage (kurz)').fill(title);
    await asker
      .getByLabel('Worum geht es genau?')
      .fill('Wir verbrauchen tagsüber viel Strom. **Speicher** ja oder nein?');
    await asker.getByLabel('Photovoltaik').check();
    await expectAccessible(asker, 'ask a question (phone)');
    await shot(asker, 'ask-phone');
    await asker.getByRole('button', { name: 'Frage stellen' }).click();
    await asker.getByRole('heading', { name: title }).waitFor();
    questionUrl = asker.url();
    // the expert finds it by a word's inflection and the competence, and answers
    await logIn(expert, { network: 'demo', role: 'partner', partner: 'demo-p2' });
    await expert.goto(`${rt.apiUrl}/austausch`);
    await expert.getByLabel('Suchen (Wörter)').fill('Speichern');
    await expert.getByLabel('Kompetenz').selectOption('solar');
    await expert.getByRole('button', { name: 'Finden' }).click();
    await expert.getByRole('link', { name: title }).waitFor();
    await expectAccessible(expert, 'the questions list (desktop)');
    await shot(expert, 'list-desktop');
    await expert.getByRole('link', { name: title }).click();
    await expert.getByLabel('Ihre Antwort').fill('Erst den **Eigenverbrauch** messen, dann entscheiden.');
    await expert.getByRole('button', { name: 'Antwort senden' }).click();
    await expert.getByText('Ihre Antwort ist veröffentlicht.').waitFor();
    // the asker marks it as the solution
    await asker.reload();
    await asker.getByRole('button', { name: 'Als Lösung markieren' }).click();
    await asker.getByText('Als Lösung markiert.').waitFor();
    await expectAccessible(asker, 'the question with its solution (phone)');
    await shot(asker, 'question-phone');
    const overflow = await asker.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    await asker.goto(`${rt.apiUrl}/austausch`);
    await asker.getByRole('link', { name: title }).waitFor();
    await shot(asker, 'list-phone');
    // Assess
    expect(overflow).toBe(0);
    expect(await asker.getByText('gelöst').count()).toBeGreaterThan(0);
    await expert.reload();
    await expert.getByText('Lösung', { exact: true }).waitFor();
    expect(await expert.locator('.solution strong', { hasText: 'Eigenverbrauch' }).count()).toBe(1);
    await shot(expert, 'question-desktop');
  });

  it('a partner answers a meeting with the RSVP buttons', async () => {
    const coordinator = await rt.token({ role: 'coordinator', networkId: 'demo' });
    const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const made = await rt.api('POST', '/api/exchange/meetings', {
      token: coordinator,
      body: {
        title: 'Erfa-Runde Speicher',
        startsAt: `${day}T18:30`,
        durationMinutes: 120,
        place: 'Werkstatt Gruber, Mödling',
        agenda: [],
      },
    });
    const meeting = (await made.json()) as { id: string };
    const page = await (await newContext(browser, PHONE)).newPage();
    await logIn(page, { network: 'demo', role: 'partner', partner: 'demo-p2' });
    await page.goto(`${rt.apiUrl}/austausch/treffen`);
    await page.getByRole('heading', { name: 'Erfa-Runde Speicher' }).waitFor();
    await page
      .getByRole('group', { name: 'Ihre Antwort für Erfa-Runde Speicher' })
      .getByRole('button', { name: 'Ich komme', exact: true })
      .click();
    await page.getByText('Gespeichert: Ich komme.').waitFor();
    await page.reload();
    const yes = page
      .getByRole('group', { name: 'Ihre Antwort für Erfa-Runde Speicher' })
      .getByRole('button', { name: 'Ich komme', exact: true });
    await page.getByRole('heading', { name: 'Erfa-Runde Speicher' }).waitFor();
    expect(await yes.getAttribute('aria-pressed')).toBe('true');
    await expectAccessible(page, 'the meetings (phone)');
    await shot(page, 'meetings-phone');
    const seen = (await (
      await rt.api('GET', `/api/exchange/meetings/${meeting.id}`, { token: coordinator })
    ).json()) as {
      answers: Record<string, number>;
    };
    expect(made.status).toBe(201);
    expect(seen.answers).toEqual({ yes: 1, no: 0, maybe: 0 });
  });

  it("gives another network's coordinator none of it", async () => {
    const page = await (await newContext(browser, DESKTOP)).newPage();
    await logIn(page, { network: 'anderer', role: 'coordinator' });
    await page.goto(`${rt.apiUrl}/austausch`);
    await page.getByText('Nichts gefunden.').waitFor();
    expect(await page.getByText(title).count()).toBe(0);
    await page.goto(questionUrl);
    await page.getByRole('alert').waitFor();
    expect(await page.getByText('Eigenverbrauch').count()).toBe(0);
    await page.goto(`${rt.apiUrl}/austausch/treffen`);
    await page.getByText('Keine Erfa-Runden.').waitFor();
    expect(await page.getByText('Erfa-Runde Speicher').count()).toBe(0);
  });
});
