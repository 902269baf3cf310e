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
  screenshot,
} from '#test/support/browser';
import { waitForMail } from '#test/support/outbox';
import type { RunningRuntime } from '#test/support/runtime';

/**
 * The web console in a browser against `npm start`: the customer's form (with and without
 * JavaScript) and status page, the coordinator from the inbox to an accepted team, the partner's
 * week on a phone and a pool, and another network that sees none of it.
 */
describe('the web console in a browser', () => {
  const session = consoleSession();
  let rt: RunningRuntime;
  let browser: Browser;
  let reference = '';
  let statusLink = '';
  let inquiryId = '';
  let lead = '';
  let otherNetworkId = '';

  beforeAll(async () => {
    ({ rt, browser } = session);
    otherNetworkId = session.otherNetworkId;
  });

  const logIn = (page: Page, who: DevLogin) => logInAs(page, rt.apiUrl, who);

  it('serves the console and the API under /api/ on one origin, the old paths too', async () => {
    const home = await fetch(`${rt.apiUrl}/verbund/anfragen`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await home.text()).toContain('<div id="app">');
    expect((await fetch(`${rt.apiUrl}/api/health`)).status).toBe(200);
    expect((await fetch(`${rt.apiUrl}/health`)).status).toBe(200);
    expect((await fetch(`${rt.apiUrl}/api/nothing-here`)).status).toBe(404);
    expect(rt.output()).toContain(`Web console     ${rt.apiUrl}/`);
  });

  it('takes an inquiry from the form without JavaScript and shows the reference', async () => {
    const context = await newContext(browser, PHONE, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${rt.apiUrl}/demo/anfrage`);
    await expect(page.getByRole('heading', { level: 1 })).toBeDefined();
    expect(await page.title()).toContain('Anfrage an');
    await page.getByLabel('Ihr Name').fill('Jörg Müller');
    await page.getByLabel('E-Mail').fill('joerg@kunde.example');
    await page.getByLabel('Telefon (optional)').fill('+43 660 1234567');
    await page.getByLabel('Postleitzahl (optional)').fill('2340');
    await page.getByLabel('Betreff (optional)').fill('Badsanierung');
    await page.getByLabel('Ihr Anliegen').fill('Neues Badezimmer mit Fußbodenheizung, bitte ein Angebot.');
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Anfrage senden' }).click();
    await page.waitForURL(/gesendet=/);
    const shown = await page.locator('.ref').textContent();
    reference = /Ihre Anfragenummer: (\S+)/.exec(shown ?? '')?.[1] ?? '';
    expect(reference).toMatch(/^[A-Z]{2,6}-\d{4}-\d{4,}$/);
    await screenshot(page, 'form-sent-phone');
    await context.close();
  });

  it('takes the same form with JavaScript, in English, and passes axe', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await page.goto(`${rt.apiUrl}/demo/anfrage`);
    await expectAccessible(page, 'the inquiry form');
    await screenshot(page, 'form-desktop');
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByLabel('Your name').fill('Anna Gruber');
    await page.getByLabel('E-mail').fill('anna@kunde.example');
    await page.getByLabel('Your request').fill('We need a new bathroom.');
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Send inquiry' }).click();
    await page.waitForURL(/gesendet=.*lang=en/);
    expect(await page.locator('.ref').textContent()).toMatch(/Your reference: [A-Z]{2,6}-\d{4}-\d{4,}/);
    await context.close();
  });

  it('opens the status link from the acknowledgement and adds a message', async () => {
    const mails = await waitForMail(join(rt.dataDir, 'outbox'), (m) =>
      m.some((x) => x.to.includes('joerg@kunde.example')),
    );
    const ack = mails.find((m) => m.to.includes('joerg@kunde.example'));
    statusLink = /(http:\/\/\S+\/status\/[A-Za-z0-9_-]{32})/.exec(ack?.text ?? '')?.[1] ?? '';
    expect(statusLink, 'the acknowledgement names the status link').toContain(`${rt.apiUrl}/demo/status/`);
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await page.goto(statusLink);
    await page.getByRole('heading', { name: `Ihre Anfrage ${reference}` }).waitFor();
    expect(await page.locator('.stage').textContent()).toBe('eingegangen');
    await expectAccessible(page, 'the status page');
    await page.getByLabel('Nachricht an uns').fill('Wir sind ab 8 Uhr zu Hause.');
    await page.getByRole('button', { name: 'Nachricht senden' }).click();
    await page.getByText('Danke, Ihre Nachricht ist angekommen.').waitFor();
    await page.getByText('Wir sind ab 8 Uhr zu Hause.').waitFor();
    await screenshot(page, 'status-phone');
    // nothing wider than the phone: the status link in the acknowledgement wraps
    const sideways = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(sideways).toBe(0);
    await context.close();
  });

  it('lets the coordinator find the inquiry, request proposals and accept one', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await logIn(page, { network: 'demo', role: 'coordinator' });
    await page.waitForURL(/\/verbund\/anfragen$/);
    await page.getByRole('link', { name: reference }).waitFor();
    await expectAccessible(page, 'the inbox');
    await screenshot(page, 'inbox-desktop');
    // the capacity grid before the job: the network's total row
    const totalRow = page.getByRole('row', { name: /^Verbund gesamt/ });
    await page.getByRole('link', { name: 'Auslastung' }).click();
    await totalRow.waitFor();
    const before = await totalRow.textContent();
    await page.getByRole('link', { name: 'Anfragen' }).click();
    // find by reference: straight to the inquiry
    await page.getByLabel('Suche nach Nummer oder Name').fill(reference);
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.waitForURL(/\/verbund\/anfragen\/[a-z0-9]{26}$/);
    inquiryId = page.url().split('/').pop()!;
    await page.getByRole('heading', { name: new RegExp(reference) }).waitFor();
    await page.getByText('Wir sind ab 8 Uhr zu Hause.').waitFor();
    await expectAccessible(page, 'the inquiry page');
    // competences as suggested, confirmed with hours
    await page.getByRole('button', { name: 'Kompetenzen bestätigen' }).click();
    await page.getByText('Kompetenzen bestätigt.').waitFor();
    await page.getByRole('button', { name: 'Teamvorschläge anfordern' }).click();
    await page.getByText(/^\d Teamvorschläge liegen vor\.$/).waitFor();
    await page.getByRole('heading', { name: /^Vorschlag 1/ }).waitFor();
    await page.getByText('Abdeckung').first().waitFor();
    // the page speaks German: the timeline and the matcher's explanation, not the API's English record
    await page.getByText('Anfrage eingegangen (Formular)').waitFor();
    await page.getByText(/^\d Teamvorschläge erstellt$/).waitFor();
    await page.getByText('2 von 2 Kompetenzen abgedeckt').first().waitFor();
    await page
      .getByText(/^Auslastung im Zeitraum: .+ \d+\s%/)
      .first()
      .waitFor();
    expect(
      await page.getByText(/inquiry received|matching started|competences covered|utilisation in/).count(),
    ).toBe(0);
    expect(await page.getByLabel('Status ändern').inputValue()).toBe('proposed');
    await screenshot(page, 'proposals-desktop');
    await page.getByRole('button', { name: 'Diesen Vorschlag annehmen' }).first().click();
    await page.getByText('Angenommen: das Team ist informiert.').waitFor();
    await page.locator('.badge', { hasText: 'Vergeben' }).first().waitFor();
    // the capacity grid shows the booked hours; the CSV has the same rows
    await page.getByRole('link', { name: 'Auslastung' }).click();
    await totalRow.waitFor();
    expect(await totalRow.textContent()).not.toBe(before);
    await expectAccessible(page, 'the capacity grid');
    await screenshot(page, 'capacity-desktop');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Als CSV herunterladen' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    await page.getByRole('link', { name: 'Quarantäne' }).click();
    await page.getByRole('heading', { name: 'Quarantäne' }).waitFor();
    await expectAccessible(page, 'the quarantine');
    await context.close();
    const coordinator = await rt.token({ role: 'coordinator', networkId: 'demo' });
    const job = (await (
      await rt.api('GET', `/api/inquiries/${inquiryId}/job`, { token: coordinator })
    ).json()) as {
      leadPartnerId: string;
    };
    lead = job.leadPartnerId;
    expect(lead).toMatch(/^demo-p/);
  });

  it("shows the partner the job in 'Meine Woche' on a phone", async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await logIn(page, { network: 'demo', role: 'partner', partner: lead });
    await page.waitForURL(/\/firma\/woche$/);
    await page
      .getByRole('heading', { name: new RegExp(`${reference}: Badsanierung`) })
      .first()
      .waitFor();
    // the week's headings are ISO weeks (a tentative job's "Zu bestätigen" comes before them)
    await page
      .getByRole('heading', { level: 2, name: /^KW \d{1,2}\/\d{4}$/ })
      .first()
      .waitFor();
    await page.getByText('Kunde: Jörg Müller (2340)').first().waitFor();
    await expectAccessible(page, "the partner's week");
    await screenshot(page, 'week-phone');
    await page.getByRole('link', { name: 'Meine Aufträge' }).click();
    await page.getByRole('heading', { name: 'Meine Aufträge' }).waitFor();
    await context.close();
    // a firm not on the team gets no such job, and neither does another network's partner token
    const coordinator = await rt.token({ role: 'coordinator', networkId: 'demo' });
    const job = (await (
      await rt.api('GET', `/api/inquiries/${inquiryId}/job`, { token: coordinator })
    ).json()) as {
      assignments: { partnerId: string }[];
    };
    const team = new Set(job.assignments.map((a) => a.partnerId));
    const outsider = ['demo-p1', 'demo-p2', 'demo-p3', 'demo-p4'].find((p) => !team.has(p))!;
    const theirs = await rt.api('GET', '/api/jobs', {
      token: await rt.token({ role: 'partner', networkId: 'demo', partnerId: outsider }),
    });
    expect(theirs.status).toBe(200);
    expect(JSON.stringify(await theirs.json())).not.toContain(inquiryId);
    const foreign = await rt.api('GET', '/api/jobs', {
      token: await rt.token({ role: 'partner', networkId: otherNetworkId, partnerId: lead }),
    });
    expect(foreign.status).toBe(200);
    expect(await foreign.json()).toEqual({ items: [] });
  });

  it('lets a partner join an open pool with a quantity', async () => {
    const coordinator = await rt.token({ role: 'coordinator', networkId: 'demo' });
    const opened = await rt.api('POST', '/api/pools', {
      token: coordinator,
      body: {
        supplier: { name: 'Holz Großhandel GmbH', email: 'orders@holz.example' },
        article: { name: 'OSB-Platte 18 mm', number: 'OSB-18', unit: 'Stk' },
        listPriceCents: 1500,
        tiers: [{ minQuantity: 10, unitPriceCents: 1140 }],
        deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        shippingCents: 2500,
        endAction: 'order_always',
      },
    });
    expect(opened.status).toBe(201);
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await logIn(page, { network: 'demo', role: 'partner', partner: 'demo-p2' });
    await page.waitForURL(/\/firma\/woche$/);
    await page.getByRole('link', { name: 'Sammelbestellungen' }).click();
    await page.getByRole('heading', { name: /OSB-Platte 18 mm/ }).waitFor();
    expect(await page.getByText('15,00 €').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'the pools');
    await page.getByLabel('Menge (Stk)').fill('12');
    await page.getByRole('button', { name: 'Mitbestellen' }).click();
    await page.getByText('Sie bestellen 12 mit.').first().waitFor();
    await page.getByText('11,40 €').first().waitFor();
    await screenshot(page, 'pools-phone');
    await context.close();
  });

  it("gives another network's coordinator none of it", async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await logIn(page, { network: 'anderer', role: 'coordinator' });
    await page.waitForURL(/\/verbund\/anfragen$/);
    await page.getByText('Keine Anfragen gefunden.').waitFor();
    expect(await page.getByText(reference).count()).toBe(0);
    await page.getByLabel('Suche nach Nummer oder Name').fill(reference);
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.getByRole('alert').waitFor();
    await page.goto(`${rt.apiUrl}/verbund/anfragen/${inquiryId}`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByText('Jörg Müller').count()).toBe(0);
    await context.close();
  });
});
