import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { samples } from '#test/support/mail-samples';

/** Screenshots of the German mails stay here for people to look at (gitignored). */
const OUT = join(import.meta.dirname, '..', 'output', 'mail');

function chromium(): string {
  for (const bin of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      execFileSync('which', [bin], { stdio: 'pipe' });
      return bin;
    } catch {}
  }
  throw new Error('headless Chromium is needed to render the mails: apt-get install -y chromium');
}

const work = mkdtempSync(join(tmpdir(), 'verbund-mail-render-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(args: string[], file: string, encoding?: 'utf8') {
  return execFileSync(
    chromium(),
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--hide-scrollbars',
      `--user-data-dir=${join(work, 'profile')}`,
      ...args,
      `file://${file}`,
    ],
    { timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'], ...(encoding ? { encoding } : {}) },
  );
}

const attr = (html: string) => html.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/**
 * The mail in a 390 px wide frame: Chromium's window is at least 500 px wide, so a phone's
 * viewport is an iframe (srcdoc, so the page may look into it) of a phone's width.
 */
const phoneFrame = (html: string, script = '') =>
  `<!DOCTYPE html><html><body style="margin:0;background:#d4d4d8"><iframe id="f" style="width:390px;height:1400px;border:0;display:block" srcdoc="${attr(html)}"></iframe>${script}</body></html>`;

/**
 * How wide the mail lays out in the phone frame. The mail has no script; only this measuring
 * page gets one, which writes the widths into the DOM that --dump-dom prints.
 */
function phoneWidths(html: string, name: string): { viewport: number; content: number } {
  const file = join(work, `${name}-measure.html`);
  writeFileSync(
    file,
    phoneFrame(
      html,
      '<script>addEventListener("load", () => { const w = document.getElementById("f").contentWindow; document.body.setAttribute("data-widths", w.innerWidth + "," + w.document.documentElement.scrollWidth) })</script>',
    ),
  );
  const dom = String(run(['--window-size=500,900', '--dump-dom'], file, 'utf8'));
  const m = /data-widths="(\d+),(\d+)"/.exec(dom);
  if (!m) throw new Error(`no widths in the DOM of ${name}`);
  return { viewport: Number(m[1]), content: Number(m[2]) };
}

function screenshot(html: string, name: string, width: number, height: number): Buffer {
  const file = join(work, `${name}-${width}.html`);
  writeFileSync(file, width < 500 ? phoneFrame(html) : html);
  const png = join(OUT, `${name}-${width}.png`);
  run([`--screenshot=${png}`, `--window-size=${Math.max(width, 500)},${height}`], file);
  return readFileSync(png);
}

const MAIN = [
  'acknowledgement',
  'teamSet',
  'declined',
  'job',
  'jobCancelled',
  'partDeclined',
  'supplierOrder',
  'confirmation',
  'poolOpened',
  'poolReminder',
  'quarantined',
  'capacityConflict',
  'poolFailed',
  'dailySummary',
  'report',
  'partnerReport',
];

describe('the German mails in a browser (screenshots under test/output/mail)', () => {
  mkdirSync(OUT, { recursive: true });
  const de = samples('de');

  it.each(MAIN)('%s fits a 390 px phone without sideways scrolling and renders on the desktop', (kind) => {
    const mail = de[kind]!;
    writeFileSync(join(OUT, `${kind}.html`), mail.html!);
    writeFileSync(join(OUT, `${kind}.txt`), mail.text);
    const { viewport, content } = phoneWidths(mail.html!, kind);
    expect(viewport).toBe(390);
    expect(content, `${kind} is ${content} px wide in a 390 px viewport`).toBeLessThanOrEqual(390);
    for (const [width, height] of [
      [390, 1400],
      [1024, 1100],
    ] as const) {
      const png = screenshot(mail.html!, kind, width, height);
      // a PNG of the page, not an empty one
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.length).toBeGreaterThan(10_000);
    }
  });
});
