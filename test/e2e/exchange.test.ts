import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitForMail } from '#test/support/outbox';
import { type RunningRuntime, removeDataDir, startRuntime } from '#test/support/runtime';

describe('npm start: the know-how exchange', () => {
  let rt: RunningRuntime | undefined;

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
});
