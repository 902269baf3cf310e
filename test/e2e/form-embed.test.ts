import { mkdirSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, expectAccessible, launchBrowser, logInAs, newContext, PHONE } from '#test/support/browser';
import { type RunningRuntime, removeDataDir, startRuntime } from '#test/support/runtime';

/** Screenshots for the reviewer (the brief's place for this branch). */
const PNG = process.env.EMBED_PNG_DIR ?? '/work/wt/png';

const inquiry = (text: string) => ({
  customer: { name: 'Kundin Website', email: 'kundin@website.example' },
  text,
  consent: true,
});

/**
 * The hosted form embedded on a network's own website, through `npm start`: the coordinator lists
 * the website in the console's settings; a browser there may post (and read the answer), another
 * website is refused; the hosted form itself and server-to-server posts work as before.
 */
describe("the inquiry form on the network's own website", () => {
  let rt: RunningRuntime;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let coordinator = '';

  beforeAll(async () => {
    mkdirSync(PNG, { recursive: true });
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

  const logIn = (page: Page) => logInAs(page, rt.apiUrl, { network: 'demo', role: 'coordinator' });

  const inbox = async () => {
    const res = await rt.api('GET', '/api/inquiries', { token: coordinator });
    return ((await res.json()) as { items: { text: string }[] }).items.map((i) => i.text);
  };

  it('lets the coordinator list the website in the settings, and names a wrong entry', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await logIn(page);
    await page.goto(`${rt.apiUrl}/verbund/einstellungen`);
    const field = page.getByLabel('Websites, die das Formular einbetten dürfen');
    await field.waitFor();
    await field.fill('https://www.holzbau-netzwerk.example/kontakt');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByRole('alert').filter({ hasText: 'embedOrigins' }).waitFor();
    await page.screenshot({ path: `${PNG}/cors-settings-refused-desktop.png`, fullPage: true });
    await field.fill('https://www.holzbau-netzwerk.example\nhttps://shop.holzbau-netzwerk.example');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText('Gespeichert.').waitFor();
    await expectAccessible(page, 'the settings');
    await page.screenshot({ path: `${PNG}/cors-settings-desktop.png`, fullPage: true });
    const network = (await (await rt.api('GET', '/api/network', { token: coordinator })).json()) as {
      embedOrigins: string[];
    };
    expect(network.embedOrigins).toEqual([
      'https://www.holzbau-netzwerk.example',
      'https://shop.holzbau-netzwerk.example',
    ]);
    await context.close();
    const phone = await newContext(browser, PHONE);
    const p2 = await phone.newPage();
    await logIn(p2);
    await p2.goto(`${rt.apiUrl}/verbund/einstellungen`);
    await p2.getByLabel('Websites, die das Formular einbetten dürfen').waitFor();
    await p2.screenshot({ path: `${PNG}/cors-settings-phone.png`, fullPage: true });
    await phone.close();
  });

  it('answers the listed website with CORS and refuses another one', async () => {
    // the browser's preflight, then its post, from the listed website
    const preflight = await rt.api('OPTIONS', '/api/public/demo/inquiries', {
      headers: {
        origin: 'https://www.holzbau-netzwerk.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://www.holzbau-netzwerk.example');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('content-type');
    const listed = await rt.api('POST', '/api/public/demo/inquiries', {
      headers: { origin: 'https://www.holzbau-netzwerk.example' },
      body: inquiry('Von der Website des Verbunds'),
    });
    expect(listed.status).toBe(201);
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://www.holzbau-netzwerk.example');
    expect(((await listed.json()) as { reference: string }).reference).toMatch(/^[A-Z]{2,6}-\d{4}-\d{4,}$/);
    // another website: no CORS header, 403, nothing written
    const other = await rt.api('POST', '/api/public/demo/inquiries', {
      headers: { origin: 'https://fremd.example' },
      body: inquiry('Von einer fremden Website'),
    });
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    // a server (no Origin) as before
    const server = await rt.api('POST', '/api/public/demo/inquiries', { body: inquiry('Vom Server') });
    expect(server.status).toBe(201);
    const texts = await inbox();
    expect(texts).toContain('Von der Website des Verbunds');
    expect(texts).toContain('Vom Server');
    expect(texts).not.toContain('Von einer fremden Website');
  });

  it("lets a browser on the listed website read the answer, and blocks another website's post", async () => {
    // Chromium asks the user before a public website may call the loopback address the local
    // runtime listens on (Local Network Access); a deployed API is public, so that prompt is off here
    const lna = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-features=LocalNetworkAccessChecks',
      ],
    });
    const context = await lna.newContext({ locale: 'de-AT', timezoneId: 'Europe/Vienna' });
    // two websites, served by the browser itself: the network's own and a stranger's
    for (const site of ['https://www.holzbau-netzwerk.example', 'https://fremd.example']) {
      await context.route(`${site}/**`, (route) =>
        route.fulfill({
          contentType: 'text/html',
          body: '<!doctype html><title>Website</title><h1>Website</h1>',
        }),
      );
    }
    const post = (text: string) =>
      `fetch(${JSON.stringify(`${rt.apiUrl}/api/public/demo/inquiries`)}, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(${JSON.stringify(inquiry(text))}) }).then(async (r) => 'status ' + r.status + ' ' + (await r.json()).reference, (e) => 'blocked ' + e.message)`;
    const own = await context.newPage();
    await own.goto('https://www.holzbau-netzwerk.example/kontakt');
    const listed = await own.evaluate<string>(post('Aus dem Browser auf der Website'));
    const stranger = await context.newPage();
    await stranger.goto('https://fremd.example/');
    const other = await stranger.evaluate<string>(post('Aus dem Browser auf einer fremden Website'));
    await lna.close();
    expect(listed).toMatch(/^status 201 [A-Z]{2,6}-\d{4}-\d{4,}$/);
    expect(other).toMatch(/^blocked /);
    const texts = await inbox();
    expect(texts).toContain('Aus dem Browser auf der Website');
    expect(texts).not.toContain('Aus dem Browser auf einer fremden Website');
  });

  it('still takes the hosted form without JavaScript (the browser sends its own Origin)', async () => {
    const context = await newContext(browser, PHONE, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${rt.apiUrl}/demo/anfrage`);
    await page.getByLabel('Ihr Name').fill('Jörg Müller');
    await page.getByLabel('E-Mail').fill('joerg@kunde.example');
    await page.getByLabel('Ihr Anliegen').fill('Gehostetes Formular ohne JavaScript.');
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Anfrage senden' }).click();
    await page.waitForURL(/gesendet=/);
    await context.close();
    expect(await inbox()).toContain('Gehostetes Formular ohne JavaScript.');
  });
});
