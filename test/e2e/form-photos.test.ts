import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { consoleSession, DESKTOP, logInAs, PHONE, SCREENSHOTS } from '#test/support/browser';
import { waitForMail } from '#test/support/outbox';
import type { RunningRuntime } from '#test/support/runtime';

/**
 * Photos on the hosted form through `npm start`: a plain multipart post without JavaScript (by
 * fetch and by a browser with scripts off), the refusals over HTTP, the form's script (previews,
 * remove one, shrinking, progress) in a browser that keeps the page's CSP, and the coordinator
 * who sees the thumbnail on the inquiry page; another network's coordinator gets 404.
 */
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'photos', name));
const JPEG = fixture('bathroom.jpg');
const PNG = fixture('tiles.png');

const FIELDS = {
  'customer.name': 'Jörg Müller',
  'customer.email': 'joerg@kunde.example',
  text: 'Die Fliesen im Bad sind gesprungen, Fotos anbei.',
  consent: 'yes',
};

function multipart(photos: { name: string; bytes: Uint8Array }[], fields: Record<string, string> = FIELDS) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const p of photos) form.append('photos', new Blob([p.bytes], { type: 'image/jpeg' }), p.name);
  return form;
}

/**
 * A browser context as a customer has it: the page's own CSP in force (no bypass). The test's
 * own page scripts (waitForFunction) need the bypass, so `bypassCSP` for the console's part.
 */
const strictContext = (
  browser: Browser,
  viewport: { width: number; height: number },
  js = true,
  bypassCSP = false,
) =>
  browser.newContext({
    viewport,
    locale: 'de-AT',
    timezoneId: 'Europe/Vienna',
    javaScriptEnabled: js,
    deviceScaleFactor: 1,
    bypassCSP,
  });

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOTS, `photos-${name}.png`), fullPage: true });

describe('photos on the hosted form, through the local runtime', () => {
  const session = consoleSession();
  let rt: RunningRuntime;
  let browser: Browser;
  let coordinator = '';
  let other = '';
  let phonePhoto = '';
  let sentWithScript = '';

  beforeAll(async () => {
    ({ rt, browser } = session);
    coordinator = await rt.token({ role: 'coordinator', networkId: 'demo' });
    other = await rt.token({ role: 'coordinator', networkId: session.otherNetworkId });
    // a phone-sized photo (4032 × 3024, a few MB), drawn by the browser itself
    const page = await browser.newPage();
    const b64 = await page.evaluate<string>(`(() => {
      const c = document.createElement('canvas'); c.width = 4032; c.height = 3024;
      const g = c.getContext('2d');
      const img = g.createImageData(c.width, c.height);
      for (let i = 0; i < img.data.length; i += 4) {
        const x = (i / 4) % c.width, y = Math.floor(i / 4 / c.width);
        img.data[i] = (x / 16) % 256; img.data[i + 1] = (y / 12) % 256; img.data[i + 2] = (Math.random() * 90) | 0; img.data[i + 3] = 255;
      }
      g.putImageData(img, 0, 0);
      return c.toDataURL('image/jpeg', 0.92).split(',')[1];
    })()`);
    phonePhoto = join(rt.dataDir, 'IMG_4032.jpg');
    writeFileSync(phonePhoto, Buffer.from(b64, 'base64'));
    await page.close();
  });

  const inquiries = async (token = coordinator) =>
    (
      (await (await rt.api('GET', '/api/inquiries?limit=100', { token })).json()) as {
        items: { id: string }[];
      }
    ).items;

  it('takes a plain multipart form post with photos and answers 303 with the reference', async () => {
    const res = await fetch(`${rt.apiUrl}/api/public/demo/inquiries`, {
      method: 'POST',
      body: multipart([
        { name: 'bad.jpg', bytes: JPEG },
        { name: 'fliesen.png', bytes: PNG },
      ]),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/demo\/anfrage\?gesendet=[A-Z]+-\d{4}-\d{4,}$/);
    const [newest] = await inquiries();
    const inquiry = (await (
      await rt.api('GET', `/api/inquiries/${newest!.id}`, { token: coordinator })
    ).json()) as {
      photos: { id: string; contentType: string }[];
    };
    expect(inquiry.photos.map((p) => p.contentType)).toEqual(['image/jpeg', 'image/png']);
    const photo = await rt.api('GET', `/api/inquiries/${newest!.id}/photos/${inquiry.photos[1]!.id}`, {
      token: coordinator,
    });
    expect(photo.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await photo.arrayBuffer()).equals(PNG)).toBe(true);
    // another network's coordinator: the same 404 as for a photo that does not exist
    const foreign = await rt.api('GET', `/api/inquiries/${newest!.id}/photos/${inquiry.photos[1]!.id}`, {
      token: other,
    });
    expect(foreign.status).toBe(404);
  });

  it('refuses over HTTP a post over 4 MB (413) and a file that is no photo (400), writing nothing', async () => {
    const before = (await inquiries()).length;
    const big = Buffer.concat([JPEG, Buffer.alloc(4 * 1024 * 1024, 1)]);
    const tooLarge = await fetch(`${rt.apiUrl}/api/public/demo/inquiries`, {
      method: 'POST',
      body: multipart([{ name: 'gross.jpg', bytes: big }]),
      headers: { accept: 'application/json' },
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('content-type')).toMatch(/problem\+json/);
    expect(((await tooLarge.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('photos');
    const notAPhoto = await fetch(`${rt.apiUrl}/api/public/demo/inquiries`, {
      method: 'POST',
      body: multipart([{ name: 'rechnung.jpg', bytes: Buffer.from('%PDF-1.7 keine Fotos') }]),
      headers: { accept: 'application/json' },
    });
    expect(notAPhoto.status).toBe(400);
    expect(((await notAPhoto.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('photos.0');
    expect((await inquiries()).length).toBe(before);
  });

  it('takes a photo from the form in a browser without JavaScript', async () => {
    const context = await strictContext(browser, PHONE, false);
    const page = await context.newPage();
    await page.goto(`${rt.apiUrl}/demo/anfrage`);
    await page.getByLabel('Ihr Name').fill('Jörg Müller');
    await page.getByLabel('E-Mail').fill('joerg@kunde.example');
    await page.getByLabel('Ihr Anliegen').fill('Feuchter Fleck an der Wand, siehe Foto.');
    await page
      .getByLabel(/^Fotos \(optional/)
      .setInputFiles(join(import.meta.dirname, '..', 'fixtures', 'photos', 'bathroom.jpg'));
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Anfrage senden' }).click();
    await page.waitForURL(/gesendet=/);
    expect(await page.locator('.ref').textContent()).toMatch(/Ihre Anfragenummer: [A-Z]+-\d{4}-\d{4,}/);
    await context.close();
  });

  async function fillWithPhotos(page: Page, lang: 'de' | 'en') {
    const de = lang === 'de';
    await page.goto(`${rt.apiUrl}/demo/anfrage${de ? '' : '?lang=en'}`);
    await page.getByLabel(de ? 'Ihr Name' : 'Your name').fill('Anna Gruber');
    await page.getByLabel(de ? 'E-Mail' : 'E-mail').fill('anna@kunde.example');
    await page
      .getByLabel(de ? 'Ihr Anliegen' : 'Your request')
      .fill(de ? 'Das Bad braucht neue Fliesen.' : 'The bathroom needs new tiles.');
    const input = page.getByLabel(de ? /^Fotos \(optional/ : /^Photos \(optional/);
    await input.setInputFiles([
      phonePhoto,
      join(import.meta.dirname, '..', 'fixtures', 'photos', 'tiles.png'),
    ]);
    await page.getByRole('checkbox').check();
    await page.locator('#previews img').nth(1).waitFor();
  }

  it('shrinks, previews and removes photos with JavaScript, then the coordinator sees the thumbnail', async () => {
    // Prepare: the page's own CSP in force, so its hashed script and the blob: previews must pass it
    const context = await strictContext(browser, DESKTOP);
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/.test(m.text())) refused.push(m.text());
    });
    await fillWithPhotos(page, 'de');
    // a file that is no photo: the German message, nothing added
    await page
      .getByLabel(/^Fotos \(optional/)
      .setInputFiles({ name: 'liste.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
    await page.getByText('„liste.txt“ ist kein Foto. Erlaubt sind JPEG, PNG, WebP und HEIC.').waitFor();
    expect(await page.locator('#previews li').count()).toBe(2);
    await shot(page, 'form-de-refused-desktop');
    // the phone photo (several MB) went down to at most 1600 px: its preview says KB; the PNG is a JPEG now
    expect(await page.locator('#previews li').allTextContents()).toEqual([
      expect.stringMatching(/^IMG_4032\.jpg · \d+ KB/),
      expect.stringMatching(/^tiles\.jpg · \d+ KB/),
    ]);
    // Act: remove the second, send
    await page.getByRole('button', { name: 'tiles.jpg entfernen' }).click();
    expect(await page.locator('#previews li').count()).toBe(1);
    await page.getByRole('button', { name: 'Anfrage senden' }).click();
    await page.waitForURL(/gesendet=/);
    const reference = /Ihre Anfragenummer: (\S+)/.exec((await page.locator('.ref').textContent()) ?? '')![1]!;
    sentWithScript = reference;
    expect(refused).toEqual([]);
    await context.close();
    // Assess: the coordinator opens the inquiry and sees one thumbnail, loaded
    const coord = await strictContext(browser, DESKTOP, true, true);
    const cpage = await coord.newPage();
    await logInAs(cpage, rt.apiUrl, { network: 'demo', role: 'coordinator' });
    await cpage.getByRole('link', { name: reference }).click();
    await cpage.getByRole('heading', { name: 'Fotos (1)' }).waitFor();
    const thumb = cpage.getByRole('img', { name: 'IMG_4032.jpg' });
    await thumb.waitFor();
    await cpage.waitForFunction(`document.querySelector('.photo-grid img')?.naturalWidth === 1600`);
    expect(await cpage.getByRole('link', { name: 'Foto IMG_4032.jpg öffnen' }).getAttribute('href')).toMatch(
      /^blob:/,
    );
    await coord.close();
  });

  it("lists the photo on the customer's status page", async () => {
    // the customer's acknowledgement, not the contact person's notice of the same inquiry
    const isAck = (x: { subject: string; to: string[] }) =>
      x.subject.includes(sentWithScript) && x.to.includes('anna@kunde.example');
    const mails = await waitForMail(join(rt.dataDir, 'outbox'), (m) => m.some(isAck));
    const ack = mails.find(isAck);
    const link = /(http:\/\/\S+\/status\/[A-Za-z0-9_-]{32})/.exec(ack?.text ?? '')?.[1] ?? '';
    expect(link, 'the acknowledgement names the status link').not.toBe('');
    const context = await strictContext(browser, PHONE, true, true);
    const page = await context.newPage();
    await page.goto(link);
    await page.getByRole('heading', { name: 'Ihre Fotos (1)' }).waitFor();
    await page.getByText(/^IMG_4032\.jpg · \d+ KB$/).waitFor();
    await shot(page, 'status-de-phone');
    await context.close();
  });

  it('renders the form and the inquiry page with photos, desktop and phone, German and English', async () => {
    // one post per language: the form allows 5 posts per client in 10 minutes, and this file makes 5
    for (const lang of ['de', 'en'] as const) {
      // the form's CSP is tested above; the test waits on the console page with its own script
      const context: BrowserContext = await strictContext(browser, DESKTOP, true, true);
      const page = await context.newPage();
      await fillWithPhotos(page, lang);
      await shot(page, `form-${lang}-desktop`);
      await page.setViewportSize(PHONE);
      await shot(page, `form-${lang}-phone`);
      await page.getByRole('button', { name: lang === 'de' ? 'Anfrage senden' : 'Send inquiry' }).click();
      await page.waitForURL(/gesendet=/);
      const reference = /: (\S+)$/.exec(((await page.locator('.ref').textContent()) ?? '').trim())![1]!;
      await page.setViewportSize(DESKTOP);
      await logInAs(page, rt.apiUrl, { network: 'demo', role: 'coordinator' });
      if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('link', { name: reference }).click();
      const loaded = `[...document.querySelectorAll('.photo-grid img')].filter((i) => i.naturalWidth > 0).length === 2`;
      await page.waitForFunction(loaded);
      await shot(page, `inquiry-${lang}-desktop`);
      await page.setViewportSize(PHONE);
      await page.waitForFunction(loaded);
      const sideways = await page.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(sideways, `${lang} inquiry page fits a phone`).toBe(0);
      await shot(page, `inquiry-${lang}-phone`);
      await context.close();
    }
  });
});
