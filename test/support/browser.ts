import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { type RunningRuntime, removeDataDir, startRuntime } from './runtime';

/**
 * Debian's Chromium (`.ci/run` installs it) driven by playwright-core, as a person in Austria
 * would use the console: `de-AT`, `Europe/Vienna`. Screenshots land in test-output/console
 * (gitignored), for a reviewer to look at.
 */
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-output', 'console');
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

function executable(): string {
  for (const bin of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (existsSync(bin)) return bin;
  }
  throw new Error('headless Chromium is needed for the console tests: apt-get install -y chromium');
}

export async function launchBrowser(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: executable(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      // playwright gives the browser a fresh temporary profile of its own
    ],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    browser,
    close: async () => {
      await browser.close();
    },
  };
}

export function newContext(
  browser: Browser,
  viewport: { width: number; height: number },
  opts: { javaScriptEnabled?: boolean } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    viewport,
    locale: 'de-AT',
    timezoneId: 'Europe/Vienna',
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    // axe-core is injected as a script; the console's CSP rightly forbids that to anyone else
    bypassCSP: true,
    deviceScaleFactor: 1,
  });
}

/** axe-core on the page as it is now: no serious or critical violation. */
export async function expectAccessible(page: Page, name: string) {
  await page.addScriptTag({ content: axeSource });
  const result = (await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is the injected global
    const r = await (globalThis as any).axe.run((globalThis as any).document, {
      resultTypes: ['violations'],
    });
    return r.violations.map((v: { id: string; impact: string; nodes: { target: string[] }[] }) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 3),
    }));
  })) as { id: string; impact: string; targets: string[] }[];
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad, `axe on ${name}`).toEqual([]);
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Who logs in on the dev login page (test/e2e/console*.test.ts). */
export interface DevLogin {
  network: string;
  role: 'coordinator' | 'partner';
  partner?: string;
}

/**
 * Logs in as a person would: the console's login page, then the dev login page (network, role,
 * partner), and waits for the role's home page.
 */
export async function logInAs(page: Page, consoleUrl: string, who: DevLogin): Promise<void> {
  await page.goto(`${consoleUrl}/login`);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL(/\/dev\/login/);
  if (who.network !== 'demo') {
    await page.getByLabel('Netzwerk (ID oder Kürzel)').fill(who.network);
    await page.getByRole('button', { name: 'Partner dieses Netzwerks laden' }).click();
  }
  await page.getByLabel('Rolle', { exact: true }).selectOption(who.role);
  if (who.partner) await page.getByLabel(/^Partnerbetrieb \(für/).selectOption(who.partner);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL(who.role === 'coordinator' ? /\/verbund\/anfragen$/ : /\/firma\/woche$/);
}

export interface ConsoleSession {
  rt: RunningRuntime;
  browser: Browser;
  /** A second network ("Anderer Verbund", slug `anderer`) that must see none of the demo's. */
  otherNetworkId: string;
}

/**
 * What every browser test file needs, set up once before its tests (call it first in the
 * `describe`, so its `beforeAll` runs before the file's own): `npm start` with the demo network,
 * a headless Chromium, and another network. Stopped and removed after the file's tests.
 */
export function consoleSession(): ConsoleSession {
  const session = {} as ConsoleSession;
  let closeBrowser: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    session.rt = await startRuntime();
    ({ browser: session.browser, close: closeBrowser } = await launchBrowser());
    const operator = await session.rt.token({ role: 'operator' });
    const other = await session.rt.api('POST', '/api/networks', {
      token: operator,
      body: {
        name: 'Anderer Verbund',
        slug: 'anderer',
        contact: { name: 'Eva Berger', email: 'eva@anderer.example' },
      },
    });
    expect(other.status).toBe(201);
    session.otherNetworkId = ((await other.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await closeBrowser?.();
    if (session.rt) {
      await session.rt.stop();
      removeDataDir(session.rt);
    }
  });
  return session;
}
