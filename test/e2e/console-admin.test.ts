import { mkdirSync, readFileSync } from 'node:fs';
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

/** Reviewers' screenshots of the admin pages, desktop and phone. */
const PNG = process.env.CONSOLE_PNG_DIR ?? join(import.meta.dirname, '..', '..', 'test-output', 'console');

interface Resource {
  id: string;
  name: string;
  hoursPerWeek: number;
  exceptions: { from: string; to: string; hours: number }[];
  version: number;
}

/** Monday of the ISO week holding today in Vienna, `YYYY-MM-DD`. */
function viennaMonday(): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Vienna' }).format(new Date());
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/**
 * The console's admin pages as their users use them: the coordinator's partners, taxonomy, pools,
 * reports and settings; the partner's own capacity on a phone, its pool line and savings, a
 * referral; every page axe-clean and its main action reachable by keyboard; another network's
 * coordinator sees none of it.
 */
describe('the console admin pages in a browser', () => {
  const session = consoleSession();
  let rt: RunningRuntime;
  let browser: Browser;
  let coordinator = '';
  let poolId = '';

  beforeAll(async () => {
    mkdirSync(PNG, { recursive: true });
    ({ rt, browser } = session);
    coordinator = await rt.token({ role: 'coordinator', networkId: 'demo' });
  });

  const logIn = (page: Page, who: DevLogin) => logInAs(page, rt.apiUrl, who);

  /** Tabs from the top of the page until the control named `name` has the focus. */
  async function expectKeyboardReach(page: Page, name: RegExp, max = 80) {
    await page.locator('body').focus();
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate<string>(
        "(() => { const e = document.activeElement; return e ? (e.getAttribute('aria-label') || e.textContent || '').trim() : '' })()",
      );
      if (name.test(focused)) return;
    }
    throw new Error(`${name} is not reachable with Tab`);
  }

  async function shoot(page: Page, name: string) {
    await page.screenshot({ path: join(PNG, `pages-${name}.png`), fullPage: true });
  }

  async function partner(
    id: string,
  ): Promise<{ resources: Resource[]; competences: { competenceId: string; level: number }[] }> {
    const res = await rt.api('GET', `/api/partners/${id}`, { token: coordinator });
    expect(res.status).toBe(200);
    return (await res.json()) as {
      resources: Resource[];
      competences: { competenceId: string; level: number }[];
    };
  }

  it("lets the coordinator set a partner's competence level, weekly hours and a holiday", async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await logIn(page, { network: 'demo', role: 'coordinator' });
    await page.getByRole('link', { name: 'Betriebe' }).click();
    await page.getByRole('heading', { name: 'Partnerbetriebe' }).waitFor();
    await page.getByRole('link', { name: 'Tischlerei Gruber' }).waitFor();
    await expectAccessible(page, 'the partners list');
    await shoot(page, 'partners-desktop');
    await page.getByRole('link', { name: 'Tischlerei Gruber' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tischlerei Gruber' }).waitFor();
    await page.getByLabel('Stufe für Tischlerei').selectOption('5');
    await page.getByRole('button', { name: 'Kompetenzen speichern' }).click();
    await page.getByText('Kompetenzen gespeichert.').waitFor();
    const before = await partner('demo-p1');
    const first = before.resources[0]!;
    const card = page.getByRole('article', { name: new RegExp(`^${first.name.replace(/[()]/g, '\\$&')}`) });
    await card.getByLabel('Stunden pro Woche').fill('100');
    await card.getByRole('button', { name: 'Wochenstunden speichern' }).click();
    await card.getByText('Wochenstunden gespeichert.').waitFor();
    await card.getByLabel('Von', { exact: true }).fill('1.3.2027');
    await card.getByLabel('Bis (optional)').fill('12.03.2027');
    await card.getByRole('button', { name: 'Ausnahme eintragen' }).click();
    await card.getByText('Eingetragen: 01.03.2027 bis 12.03.2027.').waitFor();
    await expectAccessible(page, "a partner's page");
    await expectKeyboardReach(page, /^Kompetenzen speichern$/);
    await shoot(page, 'partner-desktop');
    const after = await partner('demo-p1');
    expect(after.competences.find((c) => c.competenceId === 'carpentry')?.level).toBe(5);
    const saved = after.resources.find((r) => r.id === first.id)!;
    expect(saved.hoursPerWeek).toBe(100);
    expect(saved.exceptions).toContainEqual({ from: '2027-03-01', to: '2027-03-12', hours: 0 });
    await context.close();

    const phone = await newContext(browser, PHONE);
    const p2 = await phone.newPage();
    await logIn(p2, { network: 'demo', role: 'coordinator' });
    await p2.goto(`${rt.apiUrl}/verbund/betriebe/demo-p1`);
    await p2.getByRole('heading', { level: 1, name: 'Tischlerei Gruber' }).waitFor();
    await shoot(p2, 'partner-phone');
    await p2.goto(`${rt.apiUrl}/verbund/betriebe`);
    await p2.getByRole('link', { name: 'Tischlerei Gruber' }).waitFor();
    await shoot(p2, 'partners-phone');
    await phone.close();
  });

  it("lets the coordinator add and rename a competence in the network's taxonomy", async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await logIn(page, { network: 'demo', role: 'coordinator' });
    await page.goto(`${rt.apiUrl}/verbund/kompetenzen`);
    await page.getByRole('heading', { name: 'Kompetenzen des Verbunds' }).waitFor();
    await page.getByLabel('Bezeichnung (Deutsch)').fill('Dachdeckerei');
    await page.getByLabel('Bezeichnung (Englisch)').fill('Roofing');
    await page.getByRole('button', { name: 'Kompetenz anlegen' }).click();
    await page.getByText('Dachdeckerei ist angelegt.').waitFor();
    await page.getByLabel('Deutsche Bezeichnung von roofing').fill('Dachdecker & Spengler');
    await page.getByRole('button', { name: 'Dachdeckerei umbenennen' }).click();
    await page.getByText('Umbenannt in Dachdecker & Spengler.').waitFor();
    await expectAccessible(page, 'the taxonomy');
    await expectKeyboardReach(page, /^Kompetenz anlegen$/, 120);
    await shoot(page, 'taxonomy-desktop');
    const list = (await (await rt.api('GET', '/api/competences', { token: coordinator })).json()) as {
      items: { id: string; label_de: string; label_en: string }[];
    };
    expect(list.items.find((c) => c.id === 'roofing')).toMatchObject({
      label_de: 'Dachdecker & Spengler',
      label_en: 'Roofing',
    });
    await context.close();
    const phone = await newContext(browser, PHONE);
    const p2 = await phone.newPage();
    await logIn(p2, { network: 'demo', role: 'coordinator' });
    await p2.goto(`${rt.apiUrl}/verbund/kompetenzen`);
    await p2.getByRole('heading', { name: 'Kompetenzen des Verbunds' }).waitFor();
    await shoot(p2, 'taxonomy-phone');
    await phone.close();
  });

  it('lets a partner enter a holiday for a person in two taps on a phone', async () => {
    const own = await partner('demo-p3');
    const resource = own.resources[0]!;
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await logIn(page, { network: 'demo', role: 'partner', partner: 'demo-p3' });
    await page.getByRole('link', { name: 'Meine Kapazität' }).click();
    await page.getByRole('heading', { name: 'Meine Kapazität' }).waitFor();
    await expectAccessible(page, 'own capacity');
    await shoot(page, 'own-capacity-phone');
    // tap one: the resource; tap two: the absence
    await page
      .getByRole('button', { name: new RegExp(`^${resource.name.replace(/[()]/g, '\\$&')}`) })
      .click();
    await page.getByRole('button', { name: 'Urlaub diese Woche' }).click();
    await page.getByText(/^Eingetragen: \d{2}\.\d{2}\.\d{4} bis \d{2}\.\d{2}\.\d{4}\.$/).waitFor();
    await page.getByRole('button', { name: /· 1 Ausnahme$/ }).waitFor();
    await expectAccessible(page, 'own capacity, a resource open');
    await expectKeyboardReach(page, /^Urlaub nächste Woche$/);
    await shoot(page, 'own-capacity-open-phone');
    // the coordinator enters sick leave meanwhile: the phone's next tap is refused, not lost
    const seen = (await partner('demo-p3')).resources.find((r) => r.id === resource.id)!;
    const sick = { from: '2027-11-01', to: '2027-11-05', hours: 0 };
    const meanwhile = await rt.api('PATCH', `/api/partners/demo-p3/resources/${resource.id}`, {
      token: coordinator,
      body: { exceptions: [...seen.exceptions, sick], version: seen.version },
    });
    expect(meanwhile.status).toBe(200);
    await page.getByRole('button', { name: 'Urlaub nächste Woche' }).click();
    await page.getByText(/^Inzwischen hat jemand anderer diese Ressource geändert/).waitFor();
    await shoot(page, 'own-capacity-changed-meanwhile-phone');
    await page.getByRole('button', { name: 'Urlaub nächste Woche' }).click();
    await page.getByText(/^Eingetragen: \d{2}\.\d{2}\.\d{4} bis \d{2}\.\d{2}\.\d{4}\.$/).waitFor();
    const after = await partner('demo-p3');
    const monday = viennaMonday();
    const next = new Date(`${monday}T12:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 7);
    const saved = after.resources.find((r) => r.id === resource.id)!.exceptions;
    expect(saved).toContainEqual(expect.objectContaining({ from: monday, hours: 0 }));
    expect(saved).toContainEqual(
      expect.objectContaining({ from: next.toISOString().slice(0, 10), hours: 0 }),
    );
    expect(saved).toContainEqual(sick);
    // another partner's resources are not this partner's to change
    const p3 = await rt.token({ role: 'partner', networkId: 'demo', partnerId: 'demo-p3' });
    const foreign = await rt.api('GET', '/api/partners/demo-p1', { token: p3 });
    expect(foreign.status).toBe(404);
    await context.close();
    const desktop = await newContext(browser, DESKTOP);
    const d = await desktop.newPage();
    await logIn(d, { network: 'demo', role: 'partner', partner: 'demo-p3' });
    await d.goto(`${rt.apiUrl}/firma/kapazitaet`);
    await d.getByRole('heading', { name: 'Meine Kapazität' }).waitFor();
    await shoot(d, 'own-capacity-desktop');
    await desktop.close();
  });

  it('lets the coordinator open a pool and a partner join, change it and see the tier progress', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await logIn(page, { network: 'demo', role: 'coordinator' });
    await page.getByRole('link', { name: 'Sammelbestellungen' }).click();
    await page.getByRole('heading', { name: 'Sammelbestellungen', level: 1 }).waitFor();
    await page.getByLabel('Lieferant', { exact: true }).fill('Holz Großhandel GmbH');
    await page.getByLabel('E-Mail des Lieferanten').fill('orders@holz.example');
    await page.getByLabel('Artikel', { exact: true }).fill('OSB-Platte 18 mm');
    await page.getByLabel('Artikelnummer').fill('OSB-18');
    await page.getByLabel('Listenpreis je Einheit (€)').fill('15,00');
    await page.getByLabel('Staffel ab Menge').fill('10');
    await page.getByLabel('Staffelpreis je Einheit (€)').fill('11,40');
    await page.getByLabel('Versand (€)').fill('25');
    expect(await page.getByLabel('Bestellschluss am').inputValue()).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    await page.getByRole('button', { name: 'Eröffnen' }).click();
    await page
      .getByText('Die Sammelbestellung für OSB-Platte 18 mm ist offen; die Betriebe werden informiert.')
      .waitFor();
    await page.getByRole('link', { name: /OSB-Platte 18 mm/ }).waitFor();
    await expectAccessible(page, 'the pools (coordinator)');
    await expectKeyboardReach(page, /^Eröffnen$/, 120);
    await shoot(page, 'pool-admin-desktop');
    const href = await page.getByRole('link', { name: /OSB-Platte 18 mm/ }).getAttribute('href');
    poolId = href!.split('/').pop()!;

    // a partner joins with 4 and changes to 6 on its phone
    const phone = await newContext(browser, PHONE);
    const pp = await phone.newPage();
    await logIn(pp, { network: 'demo', role: 'partner', partner: 'demo-p2' });
    await pp.getByRole('link', { name: 'Sammelbestellungen' }).click();
    await pp.getByRole('heading', { name: /OSB-Platte 18 mm/ }).waitFor();
    await pp.getByLabel('Menge (Stk)').fill('4');
    await pp.getByRole('button', { name: 'Mitbestellen' }).click();
    await pp.getByText('Sie bestellen 4 mit.').first().waitFor();
    await pp.getByLabel('Neue Menge (Stk)').fill('6');
    await pp.getByRole('button', { name: 'Menge ändern' }).click();
    await pp.getByText('Sie bestellen jetzt 6 mit.').waitFor();
    await pp.getByRole('heading', { name: 'Meine Ersparnis' }).waitFor();
    await expectAccessible(pp, 'the pools (partner)');
    await expectKeyboardReach(pp, /^Zurückziehen$/);
    await shoot(pp, 'pools-partner-phone');
    await phone.close();

    // the coordinator watches: the join, 4 units to the tier
    await page.getByRole('link', { name: /OSB-Platte 18 mm/ }).click();
    await page.getByText('Tischlerei Gruber').count();
    await page.getByText(/Elektro Novak GmbH: 6 Stk/).waitFor();
    await page.getByText('Noch 4 Stk bis zum Staffelpreis 11,40 €.').waitFor();
    await expectAccessible(page, 'a pool (coordinator)');
    await shoot(page, 'pool-desktop');
    await context.close();
  });

  it('lets the coordinator close the pool early and download the supplier order; a partner withdraws from another', async () => {
    const p4 = await rt.token({ role: 'partner', networkId: 'demo', partnerId: 'demo-p4' });
    expect(
      (await rt.api('POST', `/api/pools/${poolId}/lines`, { token: p4, body: { quantity: 6 } })).status,
    ).toBe(201);
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await logIn(page, { network: 'demo', role: 'coordinator' });
    await page.goto(`${rt.apiUrl}/verbund/pools/${poolId}`);
    await page.getByText('Die beste Staffel ist erreicht.').waitFor();
    await page.getByRole('button', { name: 'Jetzt abschließen und bestellen' }).click();
    await page.getByText('Abgeschlossen: die Bestellung geht an den Lieferanten.').waitFor();
    await page.getByRole('heading', { name: 'Bestellung beim Lieferanten' }).waitFor();
    await page.getByRole('row', { name: /^Summe 12/ }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Bestellung als CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^bestellung-.+\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('Elektro Novak GmbH;6;Stk;11,40');
    expect(csv).toContain('Gesamt;12;Stk;11,40');
    await expectAccessible(page, 'a closed pool');
    await shoot(page, 'pool-order-desktop');
    const phoneCtx = await newContext(browser, PHONE);
    const ph = await phoneCtx.newPage();
    await logIn(ph, { network: 'demo', role: 'coordinator' });
    await ph.goto(`${rt.apiUrl}/verbund/pools/${poolId}`);
    await ph.getByRole('heading', { name: 'Bestellung beim Lieferanten' }).waitFor();
    await shoot(ph, 'pool-order-phone');
    await phoneCtx.close();

    // a second pool: a partner withdraws its line, the coordinator cancels the pool
    const opened = await rt.api('POST', '/api/pools', {
      token: coordinator,
      body: {
        supplier: { name: 'Elektro Großhandel', email: 'orders@elektro.example' },
        article: { name: 'NYM-J 3x1,5 (100 m)', number: 'NYM-315', unit: 'Rolle' },
        listPriceCents: 9000,
        tiers: [{ minQuantity: 20, unitPriceCents: 7500 }],
        deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      },
    });
    expect(opened.status).toBe(201);
    const second = ((await opened.json()) as { id: string }).id;
    const partnerCtx = await newContext(browser, PHONE);
    const pp = await partnerCtx.newPage();
    await logIn(pp, { network: 'demo', role: 'partner', partner: 'demo-p2' });
    await pp.goto(`${rt.apiUrl}/firma/pools`);
    await pp.getByRole('heading', { name: /NYM-J/ }).waitFor();
    await pp.getByLabel('Menge (Rolle)').fill('3');
    await pp.getByRole('button', { name: 'Mitbestellen' }).click();
    await pp.getByText('Sie bestellen 3 mit.').first().waitFor();
    await pp.getByRole('button', { name: 'Zurückziehen' }).click();
    await pp.getByText('Zurückgezogen: Sie bestellen nicht mehr mit.').waitFor();
    // the closed pool's savings reached the partner
    await pp.getByText(/^1 abgeschlossene Sammelbestellungen/).waitFor();
    await partnerCtx.close();
    const pool = (await (await rt.api('GET', `/api/pools/${second}`, { token: coordinator })).json()) as {
      totals: { quantity: number };
    };
    expect(pool.totals.quantity).toBe(0);
    await page.goto(`${rt.apiUrl}/verbund/pools/${second}`);
    await page.getByLabel('Grund der Absage').fill('Lieferant hat die Preise zurückgezogen');
    await page.getByRole('button', { name: 'Sammelbestellung absagen' }).click();
    await page.getByText('Abgesagt: alle Beteiligten werden informiert.').waitFor();
    await page.locator('.badge', { hasText: 'abgesagt' }).waitFor();
    await context.close();
  });

  it('shows the coordinator the report, the German CSV, the schedule and the usage this month', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await logIn(page, { network: 'demo', role: 'coordinator' });
    await page.getByRole('link', { name: 'Berichte' }).click();
    await page.getByRole('row', { name: /^Verbund gesamt/ }).waitFor();
    const utilisation = page.getByRole('region', { name: 'Auslastung' });
    await utilisation.getByRole('row', { name: /^Tischlerei Gruber/ }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Bericht als CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toContain(';');
    await page.getByLabel('Rhythmus').selectOption('monthly');
    await page.getByLabel('Tag im Monat (1–28)').fill('3');
    await page.getByLabel('Uhrzeit').fill('06:30');
    await page.getByRole('button', { name: 'Versand speichern' }).click();
    await page.getByText('Versand gespeichert.').waitFor();
    await page.getByText('Monatlich am 3. um 06:30 Uhr.').waitFor();
    await page.getByText('Geschätzte AWS-Kosten').waitFor();
    await page.getByRole('row', { name: /^Sammelbestellungen abgeschlossen 1 / }).waitFor();
    await expectAccessible(page, 'the reports (coordinator)');
    await expectKeyboardReach(page, /^Versand speichern$/, 120);
    await shoot(page, 'reports-desktop');
    const schedule = (await (
      await rt.api('GET', '/api/reports/schedule', { token: coordinator })
    ).json()) as {
      schedule: { frequency: string; dayOfMonth: number; time: string };
    };
    expect(schedule.schedule).toMatchObject({ frequency: 'monthly', dayOfMonth: 3, time: '06:30' });
    // in English the CSV is the RFC 4180 one
    await page.getByRole('button', { name: 'English' }).click();
    const [en] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Report as CSV' }).click(),
    ]);
    expect(readFileSync((await en.path())!, 'utf8').split('\n')[0]).not.toContain(';');
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await context.close();
    const phone = await newContext(browser, PHONE);
    const p2 = await phone.newPage();
    await logIn(p2, { network: 'demo', role: 'coordinator' });
    await p2.goto(`${rt.apiUrl}/verbund/berichte`);
    await p2.getByRole('row', { name: /^Verbund gesamt/ }).waitFor();
    await shoot(p2, 'reports-phone');
    await phone.close();
  });

  it('shows a partner its own report and lets it subscribe to the mail', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await logIn(page, { network: 'demo', role: 'partner', partner: 'demo-p2' });
    await page.getByRole('link', { name: 'Berichte' }).click();
    const utilisation = page.getByRole('region', { name: 'Auslastung' });
    await utilisation.getByRole('row', { name: /^Elektro Novak GmbH/ }).waitFor();
    expect(await utilisation.getByRole('row').count()).toBe(3);
    expect(await page.getByText('Tischlerei Gruber').count()).toBe(0);
    await page.getByRole('button', { name: 'Bericht abonnieren' }).click();
    await page.getByText('Abonniert.').waitFor();
    await page.getByText('Sie bekommen den Bericht per E-Mail.').waitFor();
    await expectAccessible(page, 'the reports (partner)');
    await shoot(page, 'reports-partner-phone');
    await context.close();
  });

  it("lets the coordinator change the network's contact person and refuses a reserved inbound address", async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await logIn(page, { network: 'demo', role: 'coordinator' });
    await page.getByRole('link', { name: 'Einstellungen' }).click();
    await page.getByLabel('Ansprechperson', { exact: true }).waitFor();
    expect(await page.getByLabel('Name des Verbunds').inputValue()).toBe('Holzbau & Haustechnik Netzwerk');
    await page.getByLabel('Ansprechperson', { exact: true }).fill('Sabine Huber');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText('Gespeichert.').waitFor();
    await page.getByLabel('Eingangsadresse (Teil vor dem @)').fill('info');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByRole('alert').filter({ hasText: 'inboundLocalPart' }).waitFor();
    await expectAccessible(page, 'the settings');
    await expectKeyboardReach(page, /^Speichern$/);
    await shoot(page, 'settings-desktop');
    const network = (await (await rt.api('GET', '/api/network', { token: coordinator })).json()) as {
      contact: { name: string };
      inboundLocalPart: string;
    };
    expect(network.contact.name).toBe('Sabine Huber');
    expect(network.inboundLocalPart).toBe('demo');
    await context.close();
    const phone = await newContext(browser, PHONE);
    const p2 = await phone.newPage();
    await logIn(p2, { network: 'demo', role: 'coordinator' });
    await p2.goto(`${rt.apiUrl}/verbund/einstellungen`);
    await p2.getByLabel('Name des Verbunds').waitFor();
    await shoot(p2, 'settings-phone');
    await phone.close();
  });

  it('lets a partner refer a customer, with the wanted dates, and see its referral balance', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await logIn(page, { network: 'demo', role: 'partner', partner: 'demo-p1' });
    await page.getByRole('link', { name: 'Empfehlen' }).click();
    await page.getByRole('heading', { name: 'Meine Empfehlungsbilanz' }).waitFor();
    await page.getByLabel('Name des Kunden').fill('Familie Leitner');
    await page.getByLabel('E-Mail des Kunden').fill('leitner@kunde.example');
    await page.getByLabel('Betreff').fill('Dachausbau mit Elektrik');
    await page.getByLabel('Worum geht es?').fill('Dachgeschoss ausbauen, neue Leitungen und eine Gaube.');
    await page.getByLabel('Gewünscht ab (optional)').fill('05.04.2027');
    await page.getByLabel('Gewünscht bis (optional)').fill('30.04.2027');
    await expectAccessible(page, 'the referral form');
    await expectKeyboardReach(page, /^Kunden empfehlen$/);
    await shoot(page, 'referral-phone');
    await page.getByRole('button', { name: 'Kunden empfehlen' }).click();
    const sent = page.getByText(/^Danke! Die Anfrage HHN-\d{4}-\d{4,} ist beim Verbund\.$/);
    await sent.waitFor();
    const reference = /HHN-\d{4}-\d{4,}/.exec((await sent.textContent()) ?? '')![0];
    const found = (await (
      await rt.api('GET', `/api/inquiries/${reference}`, { token: coordinator })
    ).json()) as { source: string; timeframe?: { from: string; to: string } };
    expect(found).toMatchObject({ source: 'referral', timeframe: { from: '2027-04-05', to: '2027-04-30' } });
    await context.close();
    const desktop = await newContext(browser, DESKTOP);
    const d = await desktop.newPage();
    await logIn(d, { network: 'demo', role: 'partner', partner: 'demo-p1' });
    await d.goto(`${rt.apiUrl}/firma/empfehlen`);
    await d.getByRole('heading', { name: 'Meine Empfehlungsbilanz' }).waitFor();
    await shoot(d, 'referral-desktop');
    await desktop.close();
  });

  it("gives another network's coordinator none of the demo network's partners, pools or report", async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await logIn(page, { network: 'anderer', role: 'coordinator' });
    await page.getByRole('link', { name: 'Betriebe' }).click();
    await page.getByText('Noch keine Partnerbetriebe.').waitFor();
    await page.goto(`${rt.apiUrl}/verbund/betriebe/demo-p1`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByText('Tischlerei Gruber').count()).toBe(0);
    await page.goto(`${rt.apiUrl}/verbund/pools`);
    await page.getByText('Keine Sammelbestellungen in diesem Zustand.').waitFor();
    await page.goto(`${rt.apiUrl}/verbund/pools/${poolId}`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByText('OSB-Platte').count()).toBe(0);
    await page.goto(`${rt.apiUrl}/verbund/berichte`);
    await page.getByRole('row', { name: /^Verbund gesamt/ }).waitFor();
    expect(await page.getByText('Elektro Novak').count()).toBe(0);
    await page.goto(`${rt.apiUrl}/verbund/kompetenzen`);
    await page.getByRole('heading', { name: 'Kompetenzen des Verbunds' }).waitFor();
    expect(await page.getByText('Dachdecker').count()).toBe(0);
    await page.goto(`${rt.apiUrl}/verbund/einstellungen`);
    await page.getByLabel('Name des Verbunds').waitFor();
    expect(await page.getByLabel('Name des Verbunds').inputValue()).toBe('Anderer Verbund');
    await context.close();
  });
});
