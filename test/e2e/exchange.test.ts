import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { afterAll, describe, expect, it } from 'vitest';
import { waitForMail } from '#test/support/outbox';
import { type RunningRuntime, removeDataDir, startRuntime } from '#test/support/runtime';

const INBOX = 'demo@inbound.verbund.test';
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'mail', name));

describe('npm start: the know-how exchange', () => {
  let rt: RunningRuntime | undefined;
  let questionId: string | undefined;

  afterAll(async () => {
    if (rt) {
      await rt.stop();
      removeDataDir(rt);
    }
  });

  it('ask → the experts are mailed → an expert answers → the asker marks the solution', async () => {
    // Prepare: the demo network; Tischlerei Gruber (demo-p1) asks about solar, Elektro Novak
    // (demo-p2) holds solar at level 4
    rt = await startRuntime();
    const asker = await rt.token({ role: 'partner', networkId: 'demo', partnerId: 'demo-p1' });
    const expert = await rt.token({ role: 'partner', networkId: 'demo', partnerId: 'demo-p2' });
    // Act: ask
    const asked = await rt.api('POST', '/exchange/questions', {
      token: asker,
      body: {
        title: 'PV-Anlage auf dem Werkstattdach: lohnt sich ein Speicher?',
        body: 'Wir verbrauchen tagsüber viel Strom. **Speicher** ja oder nein?',
        competences: ['solar'],
      },
    });
    const question = (await asked.json()) as { id: string };
    questionId = question.id;
    const ref = `[Q-${question.id.toUpperCase()}]`;
    const mails = await waitForMail(join(rt.dataDir, 'outbox'), (all) =>
      all.some((m) => m.subject.endsWith(ref) && m.to.includes('petra@elektro-novak.example')),
    );
    // the expert answers, the asker marks it as the solution
    const answered = await rt.api('POST', `/exchange/posts/${question.id}/answers`, {
      token: expert,
      body: { body: 'Bei hohem Tagesverbrauch meist nicht: erst den Eigenverbrauch messen.' },
    });
    const answer = (await answered.json()) as { id: string };
    const solved = await rt.api('POST', `/exchange/posts/${question.id}/answers/${answer.id}/solution`, {
      token: asker,
    });
    const found = await rt.api('GET', '/exchange/posts?q=Speicher&competence=solar', { token: expert });
    const thread = (await (
      await rt.api('GET', `/exchange/posts/${question.id}`, { token: expert })
    ).json()) as {
      solved: boolean;
      answers: { id: string; isSolution: boolean }[];
    };
    // Assess
    expect(asked.status).toBe(201);
    const told = mails.filter((m) => m.subject.endsWith(ref));
    expect(told.some((m) => m.to.includes('petra@elektro-novak.example'))).toBe(true);
    expect(told.some((m) => m.to.includes('josef@tischlerei-gruber.example'))).toBe(false);
    expect(told[0]!.html).toContain('<strong>Speicher</strong>');
    expect([answered.status, solved.status]).toEqual([201, 200]);
    expect(((await found.json()) as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([
      question.id,
    ]);
    expect(thread.solved).toBe(true);
    expect(thread.answers).toMatchObject([{ id: answer.id, isSolution: true }]);
  });

  it("a partner's reply to the expert mail over SMTP becomes its answer (quote stripped); a stranger's goes to quarantine", async () => {
    // Prepare: the runtime and the question of the first case; Elektro Novak's and a stranger's mail client
    if (!rt || !questionId) throw new Error('the first case did not run');
    const runtime = rt;
    const coordinator = await runtime.token({ role: 'coordinator', networkId: 'demo' });
    const asker = await runtime.token({ role: 'partner', networkId: 'demo', partnerId: 'demo-p1' });
    const smtp = createTransport({
      host: '127.0.0.1',
      port: runtime.smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    const raw = (name: string, from: string) =>
      fixture(name)
        .toString('utf8')
        .replaceAll('NET-slug@inbound.verbund.test', INBOX)
        .replaceAll('NET-p2@firm.example', from)
        .replaceAll('NET', 'demo')
        .replaceAll('POSTID', questionId!.toUpperCase());
    // Act
    const sent = await smtp.sendMail({
      envelope: { from: 'petra@elektro-novak.example', to: [INBOX] },
      raw: raw('27-exchange-answer-de.eml', 'petra@elektro-novak.example'),
    });
    const refused = await smtp.sendMail({
      envelope: { from: 'max@fremd.example', to: [INBOX] },
      raw: raw('29-exchange-answer-stranger.eml', 'x'),
    });
    smtp.close();
    // the SMTP stand-in answers 250 only after the intake handled the mail: nothing to wait for
    const thread = (await (
      await runtime.api('GET', `/exchange/posts/${questionId}`, { token: asker })
    ).json()) as {
      answers: { authorPartnerId: string; body: string }[];
    };
    const quarantine = (await (await runtime.api('GET', '/quarantine', { token: coordinator })).json()) as {
      items: { subject: string; quarantine: { reason: string; detail: string } }[];
    };
    // Assess
    expect([sent.accepted, refused.accepted]).toEqual([[INBOX], [INBOX]]);
    const byMail = thread.answers.find((a) => a.body.startsWith('Wir rechnen'));
    expect(byMail?.authorPartnerId).toBe('demo-p2');
    expect(byMail?.body).not.toContain('schrieb');
    expect(byMail?.body).not.toContain('Hauptstraße');
    expect(thread.answers.some((a) => a.body.includes('günstige Küchen'))).toBe(false);
    expect(quarantine.items).toContainEqual(
      expect.objectContaining({
        quarantine: expect.objectContaining({
          reason: 'not-a-partner',
          detail: expect.stringContaining('max@fremd.example'),
        }),
      }),
    );
  });

  it("meetings: the invitation's signed link opens a page (GET records nothing), its button records the answer; list and cancel", async () => {
    if (!rt) throw new Error('the first case did not run');
    const runtime = rt;
    const coordinator = await runtime.token({ role: 'coordinator', networkId: 'demo' });
    const petra = await runtime.token({ role: 'partner', networkId: 'demo', partnerId: 'demo-p2' });
    const day = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    // Act: schedule, follow Petra's yes link, press the button
    const made = await runtime.api('POST', '/exchange/meetings', {
      token: coordinator,
      body: {
        title: 'Erfa-Runde Photovoltaik',
        startsAt: `${day}T18:00`,
        durationMinutes: 120,
        place: 'Werkstatt Gruber',
        agenda: [],
      },
    });
    const meeting = (await made.json()) as { id: string };
    const mails = await waitForMail(join(runtime.dataDir, 'outbox'), (all) =>
      all.some(
        (m) =>
          m.subject === 'Einladung: Erfa-Runde Photovoltaik' && m.to.includes('petra@elektro-novak.example'),
      ),
    );
    const invite = mails.find(
      (m) =>
        m.subject === 'Einladung: Erfa-Runde Photovoltaik' && m.to.includes('petra@elektro-novak.example'),
    )!;
    const yes = new URL(/https?:\/\/\S+\/api\/public\/demo\/rsvp\/\S+answer=yes/.exec(invite.text)![0]);
    const page = await fetch(yes);
    const html = await page.text();
    const before = (await (
      await runtime.api('GET', `/exchange/meetings/${meeting.id}`, { token: coordinator })
    ).json()) as { answers: Record<string, number> };
    const posted = await fetch(new URL(yes.pathname, yes), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'answer=yes',
      redirect: 'manual',
    });
    const thanks = await fetch(new URL(posted.headers.get('location')!, new URL(yes.pathname, yes)));
    const after = (await (
      await runtime.api('GET', `/exchange/meetings/${meeting.id}`, { token: petra })
    ).json()) as { answers: Record<string, number>; myAnswer?: string };
    const listed = (await (await runtime.api('GET', '/exchange/meetings', { token: petra })).json()) as {
      items: { id: string }[];
    };
    const cancelled = await runtime.api('POST', `/exchange/meetings/${meeting.id}/cancellation`, {
      token: coordinator,
    });
    const cancelMails = await waitForMail(join(runtime.dataDir, 'outbox'), (all) =>
      all.some((m) => m.subject === 'Abgesagt: Erfa-Runde Photovoltaik'),
    );
    // Assess
    expect(made.status).toBe(201);
    expect(page.status).toBe(200);
    expect(html).toContain('Erfa-Runde Photovoltaik');
    expect(before.answers).toEqual({ yes: 0, no: 0, maybe: 0 });
    expect(posted.status).toBe(303);
    expect(await thanks.text()).toContain('Danke, gespeichert: Zusage.');
    expect(after).toMatchObject({ answers: { yes: 1, no: 0, maybe: 0 }, myAnswer: 'yes' });
    expect(listed.items.map((m) => m.id)).toContain(meeting.id);
    expect(cancelled.status).toBe(200);
    const cancel = cancelMails.find((m) => m.subject === 'Abgesagt: Erfa-Runde Photovoltaik')!;
    const ics = cancel.attachments.find((a) => a.mimeType.startsWith('text/calendar'))!;
    expect(ics.content).toContain('METHOD:CANCEL');
    expect(ics.content).toContain('SEQUENCE:1');
    expect(ics.content).toContain(`UID:${meeting.id}@`);
  });
});
