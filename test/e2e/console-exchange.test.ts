import { copyFileSync, mkdirSync } from 'node:fs';
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
 * The console's "Erfahrungsaustausch" in a browser against `npm start`: a partner asks on a
 * phone, another answers and sees the asker's name, the asker marks the solution and edits the
 * question (a concurrent edit is refused in words); the coordinator locks and hides it; a
 * practice note with a file is published and downloaded; a meeting is scheduled, answered and
 * gets its minutes; another network's coordinator sees none of it.
 */
describe('the know-how exchange in the web console', () => {
  const session = consoleSession();
  let rt: RunningRuntime;
  let browser: Browser;
  let questionUrl = '';
  let practiceUrl = '';
  let meetingUrl = '';
  const title = 'Speicher für die PV-Anlage am Werkstattdach?';
  const practice = 'So machen wir’s: Baustellen-Checkliste';

  beforeAll(async () => {
    ({ rt, browser } = session);
  });

  const logIn = (page: Page, who: DevLogin) => logInAs(page, rt.apiUrl, who);
  /** Keeps a screenshot under test-output and a copy for the reviewer. */
  async function shot(page: Page, name: string) {
    await screenshot(page, name);
    mkdirSync('/work/wt/png', { recursive: true });
    copyFileSync(join(SCREENSHOTS, `${name}.png`), `/work/wt/png/exchange3-${name}.png`);
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
    // the expert sees who asked, by name
    expect(await expert.getByText(/Tischlerei Gruber ·/).count()).toBeGreaterThan(0);
  });

  it('the asker edits the question; an edit made meanwhile elsewhere is refused in words', async () => {
    // Prepare: the asker on a phone, editing
    const asker = await (await newContext(browser, PHONE)).newPage();
    await logIn(asker, { network: 'demo', role: 'partner', partner: 'demo-p1' });
    await asker.goto(questionUrl);
    await asker.getByRole('button', { name: 'Bearbeiten' }).click();
    await asker
      .getByLabel('Text', { exact: true })
      .fill('Wir verbrauchen tagsüber viel Strom, vor allem die **CNC**.');
    await asker.getByRole('button', { name: 'Speichern' }).click();
    await asker.getByText('Gespeichert. Die frühere Fassung bleibt im Verlauf.').waitFor();
    await asker.getByText(/bearbeitet/).waitFor();
    // Act: a second edit starts on this version while the same question is changed elsewhere
    await asker.getByRole('button', { name: 'Bearbeiten' }).click();
    const postId = questionUrl.split('/').pop()!;
    const elsewhere = await rt.api('PATCH', `/api/exchange/posts/${postId}`, {
      token: await rt.token({ role: 'partner', networkId: 'demo', partnerId: 'demo-p1' }),
      body: { version: 2, body: 'Geändert am anderen Gerät.' },
    });
    await asker.getByLabel('Text', { exact: true }).fill('Meine Fassung vom Telefon.');
    await asker.getByRole('button', { name: 'Speichern' }).click();
    const refusal = asker.getByRole('alert');
    await refusal.waitFor();
    await shot(asker, 'conflict-phone');
    // Assess
    expect(elsewhere.status).toBe(200);
    expect(await refusal.textContent()).toContain('Jemand hat das inzwischen geändert');
    await asker.reload();
    await asker.getByText('Geändert am anderen Gerät.').waitFor();
    expect(await asker.getByText('Meine Fassung vom Telefon.').count()).toBe(0);
  });

  it('the coordinator locks the question and then hides it: partners see "gesperrt", then nothing', async () => {
    // Prepare
    const coordinator = await (await newContext(browser, DESKTOP)).newPage();
    const partner = await (await newContext(browser, PHONE)).newPage();
    await logIn(coordinator, { network: 'demo', role: 'coordinator' });
    await logIn(partner, { network: 'demo', role: 'partner', partner: 'demo-p2' });
    // Act: lock
    await coordinator.goto(questionUrl);
    await coordinator.getByRole('button', { name: 'Frage sperren' }).click();
    await coordinator.getByText('Gesperrt: keine neuen Antworten.').waitFor();
    await partner.goto(questionUrl);
    await partner.getByText('gesperrt', { exact: true }).waitFor();
    const answerFields = await partner.getByLabel('Ihre Antwort').count();
    // the coordinator reads the history, hides the thread
    await coordinator.getByRole('button', { name: 'Verlauf anzeigen' }).click();
    await coordinator.getByText('Beitrag, Fassung 1').waitFor();
    await expectAccessible(coordinator, 'the moderated question (desktop)');
    await shot(coordinator, 'moderation-desktop');
    await coordinator.getByRole('button', { name: 'Beitrag ausblenden' }).click();
    await coordinator.getByText('Ausgeblendet: Partner sehen es nicht mehr.').waitFor();
    await partner.reload();
    await partner.getByRole('alert').waitFor();
    await partner.goto(`${rt.apiUrl}/austausch?q=Speicher`);
    await partner.getByText('Nichts gefunden.').waitFor();
    // Assess
    expect(answerFields).toBe(0);
    expect(await coordinator.getByText(/viel Strom\. \*\*Speicher\*\* ja oder nein\?/).count()).toBe(1);
    expect(await partner.getByRole('link', { name: title }).count()).toBe(0);
    expect(await coordinator.getByText('ausgeblendet', { exact: true }).count()).toBe(1);
  });

  it('a partner publishes a practice note with a file on a phone; another downloads it and marks it helpful', async () => {
    // Prepare
    const author = await (await newContext(browser, PHONE)).newPage();
    const reader = await (await newContext(browser, DESKTOP)).newPage();
    const checklist = 'Baustellen-Checkliste\n- Strom\n- Zufahrt\n- Schlüssel\n';
    await logIn(author, { network: 'demo', role: 'partner', partner: 'demo-p2' });
    // Act
    await author.getByRole('link', { name: 'Austausch' }).click();
    await author.getByRole('link', { name: 'Praxis teilen' }).click();
    await author.getByLabel('Titel ("So machen wir\'s: …")').fill(practice);
    await author
      .getByLabel('Wie macht Ihr Betrieb es?')
      .fill('Vor jedem Termin gehen wir die **Liste** durch.');
    await author.getByLabel('Elektroinstallation').check();
    await author
      .getByLabel('Dateien (Checklisten, Vorlagen)')
      .setInputFiles({ name: 'checkliste.txt', mimeType: 'text/plain', buffer: Buffer.from(checklist) });
    await expectAccessible(author, 'publish a practice note (phone)');
    await shot(author, 'publish-phone');
    await author.getByRole('button', { name: 'Praxisnotiz veröffentlichen' }).click();
    await author.getByRole('heading', { name: practice }).waitFor();
    await author.getByRole('button', { name: 'checkliste.txt herunterladen' }).waitFor();
    practiceUrl = author.url();
    await shot(author, 'practice-phone');
    await logIn(reader, { network: 'demo', role: 'partner', partner: 'demo-p1' });
    await reader.goto(`${rt.apiUrl}/austausch`);
    await reader.getByRole('link', { name: 'Praxisnotizen' }).click();
    await reader.getByRole('link', { name: practice }).click();
    const [download] = await Promise.all([
      reader.waitForEvent('download'),
      reader.getByRole('button', { name: 'checkliste.txt herunterladen' }).click(),
    ]);
    const saved = await download.path();
    await reader.getByRole('button', { name: 'Hilfreich' }).click();
    await reader.getByText('1× hilfreich').waitFor();
    await reader.getByText('(auch von Ihnen)').waitFor();
    await expectAccessible(reader, 'a practice note (desktop)');
    await shot(reader, 'practice-desktop');
    // Assess
    const { readFileSync } = await import('node:fs');
    expect(download.suggestedFilename()).toBe('checkliste.txt');
    expect(readFileSync(saved, 'utf8')).toBe(checklist);
    expect(await reader.getByText(/Elektro Novak GmbH ·/).count()).toBe(1);
  });

  it('the coordinator schedules a meeting, a partner answers, the coordinator posts the minutes', async () => {
    // Prepare: a day ten days ahead, written the Austrian way
    const ahead = new Date(Date.now() + 10 * 86_400_000);
    const day = new Intl.DateTimeFormat('de-AT', {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone: 'Europe/Vienna',
    }).format(ahead);
    const coordinator = await (await newContext(browser, DESKTOP)).newPage();
    const partner = await (await newContext(browser, PHONE)).newPage();
    await logIn(coordinator, { network: 'demo', role: 'coordinator' });
    await logIn(partner, { network: 'demo', role: 'partner', partner: 'demo-p2' });
    // Act: schedule, with the practice note on the agenda
    await coordinator.goto(`${rt.apiUrl}/austausch/treffen`);
    await coordinator.getByRole('link', { name: 'Erfa-Runde planen' }).click();
    await coordinator.getByLabel('Titel der Runde').fill('Erfa-Runde Speicher');
    await coordinator.getByLabel('Datum').fill(day);
    await coordinator.getByLabel('Beginn').fill('18:30');
    await coordinator.getByLabel('Ort', { exact: true }).fill('Werkstatt Gruber, Mödling');
    await coordinator.getByLabel('Punkt 1', { exact: true }).fill('Checklisten');
    await coordinator
      .getByLabel('Punkt 1: zugehörige Frage oder Praxisnotiz')
      .selectOption({ label: practice });
    await expectAccessible(coordinator, 'schedule a meeting (desktop)');
    await shot(coordinator, 'schedule-desktop');
    await coordinator.getByRole('button', { name: 'Planen und alle einladen' }).click();
    await coordinator.getByRole('heading', { name: 'Erfa-Runde Speicher' }).waitFor();
    meetingUrl = coordinator.url();
    // the partner answers in the list
    await partner.goto(`${rt.apiUrl}/austausch/treffen`);
    await partner
      .getByRole('group', { name: 'Ihre Antwort für Erfa-Runde Speicher' })
      .getByRole('button', { name: 'Ich komme', exact: true })
      .click();
    await partner.getByText('Gespeichert: Ich komme.').waitFor();
    await expectAccessible(partner, 'the meetings (phone)');
    await shot(partner, 'meetings-phone');
    // the coordinator sees who comes and posts the minutes, which start from the agenda
    await coordinator.reload();
    await coordinator.getByText('Elektro Novak GmbH: Ich komme').waitFor();
    const draft = await coordinator.getByLabel('Protokoll schreiben').inputValue();
    await coordinator
      .getByLabel('Protokoll schreiben')
      .fill(`${draft}Alle nehmen die **Checkliste** ab nächster Woche.`);
    await coordinator.getByRole('button', { name: 'Protokoll veröffentlichen' }).click();
    await coordinator.getByText('Protokoll veröffentlicht.').waitFor();
    await shot(coordinator, 'meeting-desktop');
    await partner.goto(meetingUrl);
    await partner.getByText('Checkliste', { exact: true }).waitFor();
    await expectAccessible(partner, 'a meeting with its minutes (phone)');
    await shot(partner, 'meeting-phone');
    const overflow = await partner.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    // Assess: the agenda and the minutes link the practice note; the time is Vienna's
    const practiceId = practiceUrl.split('/').pop()!;
    expect(draft).toContain(`(/austausch/beitraege/${practiceId})`);
    expect(await partner.locator(`.post-body a[href="/austausch/beitraege/${practiceId}"]`).count()).toBe(1);
    expect(await partner.locator(`ol a[href="/austausch/beitraege/${practiceId}"]`).count()).toBe(1);
    expect(await partner.getByText(/18:30/).count()).toBeGreaterThan(0);
    expect(await partner.getByText('Elektro Novak GmbH: Ich komme').count()).toBe(0);
    expect(await partner.getByText('Sie: Ich komme').count()).toBe(1);
    expect(overflow).toBe(0);
  });

  it('shows the pages in English too', async () => {
    const phone = await (await newContext(browser, PHONE)).newPage();
    const desktop = await (await newContext(browser, DESKTOP)).newPage();
    await logIn(phone, { network: 'demo', role: 'partner', partner: 'demo-p1' });
    await logIn(desktop, { network: 'demo', role: 'coordinator' });
    await phone.getByRole('button', { name: 'English' }).click();
    await desktop.getByRole('button', { name: 'English' }).click();
    await phone.goto(practiceUrl);
    await phone.getByRole('button', { name: 'Download checkliste.txt' }).waitFor();
    await expectAccessible(phone, 'a practice note in English (phone)');
    await shot(phone, 'practice-phone-en');
    await phone.goto(meetingUrl);
    await phone.getByRole('heading', { name: 'Minutes' }).waitFor();
    await shot(phone, 'meeting-phone-en');
    await desktop.goto(questionUrl);
    await desktop.getByRole('button', { name: 'Show post again' }).waitFor();
    await expectAccessible(desktop, 'the moderated question in English (desktop)');
    await shot(desktop, 'moderation-desktop-en');
    await desktop.goto(`${rt.apiUrl}/austausch?kind=practice`);
    await desktop.getByRole('link', { name: practice }).waitFor();
    await shot(desktop, 'list-desktop-en');
    expect(await desktop.getByText('former partner firm').count()).toBe(0);
  });

  it('a partner deletes an own answer after confirming; the others see that it was there', async () => {
    // Prepare: demo-p3 asks, demo-p2 answers (through the API)
    const p3 = await rt.token({ role: 'partner', networkId: 'demo', partnerId: 'demo-p3' });
    const p2 = await rt.token({ role: 'partner', networkId: 'demo', partnerId: 'demo-p2' });
    const asked = (await (
      await rt.api('POST', '/api/exchange/questions', {
        token: p3,
        body: { title: 'Welche Silikonfugen halten?', body: 'In der Dusche.', competences: ['plumbing'] },
      })
    ).json()) as { id: string };
    await rt.api('POST', `/api/exchange/posts/${asked.id}/answers`, {
      token: p2,
      body: { body: 'Nimm Sanitärsilikon mit Fungizid.' },
    });
    const page = await (await newContext(browser, PHONE)).newPage();
    await logIn(page, { network: 'demo', role: 'partner', partner: 'demo-p2' });
    page.on('dialog', (d) => void d.accept());
    // Act
    await page.goto(`${rt.apiUrl}/austausch/beitraege/${asked.id}`);
    await page.getByRole('button', { name: 'Antwort löschen' }).click();
    await page.getByText('Gelöscht.', { exact: true }).waitFor();
    const asker = await (await newContext(browser, DESKTOP)).newPage();
    await logIn(asker, { network: 'demo', role: 'partner', partner: 'demo-p3' });
    await asker.goto(`${rt.apiUrl}/austausch/beitraege/${asked.id}`);
    await asker.getByText('Diese Antwort wurde gelöscht.').waitFor();
    // Assess
    expect(await asker.getByText('Fungizid').count()).toBe(0);
    expect(await asker.getByRole('button', { name: 'Als Lösung markieren' }).count()).toBe(0);
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
    await page.goto(practiceUrl);
    await page.getByRole('alert').waitFor();
    expect(await page.getByText('checkliste.txt').count()).toBe(0);
    await page.goto(meetingUrl);
    await page.getByRole('alert').waitFor();
    expect(await page.getByText('Werkstatt Gruber').count()).toBe(0);
    await page.goto(`${rt.apiUrl}/austausch/treffen`);
    await page.getByText('Keine Erfa-Runden.').waitFor();
    expect(await page.getByText('Erfa-Runde Speicher').count()).toBe(0);
  });
});
