import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handler as answerQuestion } from '#functions/exchange/answer-question.handler';
import { handler as askQuestion } from '#functions/exchange/ask-question.handler';
import { handler as attachFile } from '#functions/exchange/attach-file.handler';
import { handler as deleteAnswer } from '#functions/exchange/delete-answer.handler';
import { handler as deletePost } from '#functions/exchange/delete-post.handler';
import { handler as editAnswer } from '#functions/exchange/edit-answer.handler';
import { handler as editPost } from '#functions/exchange/edit-post.handler';
import { handler as getAttachment } from '#functions/exchange/get-attachment.handler';
import { handler as getPost } from '#functions/exchange/get-post.handler';
import { handler as getPreferences } from '#functions/exchange/get-preferences.handler';
import { handler as listHistory } from '#functions/exchange/list-history.handler';
import { handler as markAnswerHelpful } from '#functions/exchange/mark-answer-helpful.handler';
import { handler as markPostHelpful } from '#functions/exchange/mark-post-helpful.handler';
import { handler as markSolution } from '#functions/exchange/mark-solution.handler';
import { handler as moderate } from '#functions/exchange/moderate-post.handler';
import { handler as publishPractice } from '#functions/exchange/publish-practice.handler';
import { handler as putDigest } from '#functions/exchange/put-digest-schedule.handler';
import { handler as putPreferences } from '#functions/exchange/put-preferences.handler';
import { handler as search } from '#functions/exchange/search-posts.handler';
import { handler as sendDigest } from '#functions/exchange/send-digest.handler';
import { setPartnerCompetences } from '#functions/networks/store';
import { handler as getReport } from '#functions/reports/get-utilisation-report.handler';
import { lambdaContext } from '#infra/local/api-event';
import { routes } from '#infra/routes';
import { networkPk } from '#shared/db/keys';
import { queryAll } from '#shared/db/query';
import { type Scheduler, type ScheduleSpec, useScheduler } from '#shared/scheduler/index';
import { type Claims, call, claims } from '#test/support/api';
import { givenNetwork } from '#test/support/networks';
import { deliverQueuedMail, useFileOutbox } from '#test/support/outbox';

const outbox = useFileOutbox();
const files = mkdtempSync(join(tmpdir(), 'verbund-exchange-files-'));
process.env.MAIL_STORE = 'fs';
process.env.MAIL_DIR = join(files, 'mail');
process.env.ATTACHMENTS_DIR = join(files, 'attachments');

const partner = (net: string, n: number) => claims.partner(net, `${net}-p${n}`);
const question = (over: Record<string, unknown> = {}) => ({
  title: 'Wie kalkuliert ihr Angebote für Einbauküchen?',
  body: 'Wir verlieren zu viele **Angebote**. <script>alert(1)</script> ![Logo](https://tracker.example/p.gif)',
  competences: ['carpentry'],
  ...over,
});

async function ask(as: Claims, over: Record<string, unknown> = {}) {
  const res = await call(askQuestion, {
    method: 'POST',
    path: '/exchange/questions',
    claims: as,
    body: question(over),
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; version: number };
}
async function answer(
  as: Claims,
  postId: string,
  body = 'Wir rechnen mit Stundensätzen und 15 % Aufschlag.',
) {
  const res = await call(answerQuestion, {
    method: 'POST',
    path: `/exchange/posts/${postId}/answers`,
    claims: as,
    body: { body },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string };
}
const thread = (as: Claims, postId: string) =>
  call(getPost, { method: 'GET', path: `/exchange/posts/${postId}`, claims: as });
const find = (as: Claims, query: string) =>
  call(search, { method: 'GET', path: `/exchange/posts?${query}`, claims: as });
const items = async (net: string) =>
  (
    await queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': networkPk(net) },
    })
  )
    .map((i) => JSON.stringify(i))
    .sort();

describe('questions and answers', () => {
  it('a partner asks, another answers, the asker marks the solution; the post is safe HTML', async () => {
    // Prepare
    await givenNetwork('qa', ['qa-p1', 'qa-p2', 'qa-p3']);
    // Act
    const q = await ask(partner('qa', 1));
    const a1 = await answer(partner('qa', 2), q.id);
    const a2 = await answer(partner('qa', 3), q.id, 'Pauschal pro Laufmeter.');
    const solved = await call(markSolution, {
      method: 'POST',
      path: `/exchange/posts/${q.id}/answers/${a2.id}/solution`,
      claims: partner('qa', 1),
    });
    const seen = await thread(claims.coordinator('qa'), q.id);
    // Assess
    expect(solved.status, solved.text).toBe(200);
    expect(seen.body).toMatchObject({
      authorPartnerId: 'qa-p1',
      solved: true,
      solutionAnswerId: a2.id,
      answerCount: 2,
    });
    expect(seen.body.answers.map((a: { id: string; isSolution: boolean }) => [a.id, a.isSolution])).toEqual([
      [a1.id, false],
      [a2.id, true],
    ]);
    expect(seen.body.html).toContain('<strong>Angebote</strong>');
    expect(seen.body.html).not.toContain('<script');
    expect(seen.body.html).not.toContain('<img');
    expect(seen.body.html).toContain('&lt;script&gt;');
  });

  it('only the asker marks the solution (403), and only an answer of that question (404)', async () => {
    await givenNetwork('qs', ['qs-p1', 'qs-p2']);
    const q = await ask(partner('qs', 1));
    const a = await answer(partner('qs', 2), q.id);
    const other = await ask(partner('qs', 1), { title: 'Andere Frage' });
    const byAnswerer = await call(markSolution, {
      method: 'POST',
      path: `/exchange/posts/${q.id}/answers/${a.id}/solution`,
      claims: partner('qs', 2),
    });
    const wrongThread = await call(markSolution, {
      method: 'POST',
      path: `/exchange/posts/${other.id}/answers/${a.id}/solution`,
      claims: partner('qs', 1),
    });
    expect(byAnswerer.status).toBe(403);
    expect(wrongThread.status).toBe(404);
    expect((await thread(partner('qs', 1), q.id)).body.solved).toBe(false);
  });

  it('refuses bad input with problem+json naming the field, and writes nothing', async () => {
    await givenNetwork('qb');
    const before = await items('qb');
    const cases: [Record<string, unknown>, string][] = [
      [question({ competences: ['plumbing'] }), 'competences.0'],
      [question({ competences: ['carpentry', 'carpentry'] }), 'competences.1'],
      [question({ competences: [] }), 'competences'],
      [question({ title: '' }), 'title'],
      [question({ author: 'qb-p2' }), 'author'],
    ];
    for (const [body, field] of cases) {
      const res = await call(askQuestion, {
        method: 'POST',
        path: '/exchange/questions',
        claims: partner('qb', 1),
        body,
      });
      expect(res.status, field).toBe(400);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(
        `body.${field}`.replace('body.', ''),
      );
    }
    expect(await items('qb')).toEqual(before);
  });

  it('a partner can never post or edit as another: the author comes from the token', async () => {
    await givenNetwork('qo', ['qo-p1', 'qo-p2']);
    const q = await ask(partner('qo', 1));
    const a = await answer(partner('qo', 2), q.id);
    const editQ = await call(editPost, {
      method: 'PATCH',
      path: `/exchange/posts/${q.id}`,
      claims: partner('qo', 2),
      body: { version: 1, title: 'Gekapert' },
    });
    const editA = await call(editAnswer, {
      method: 'PATCH',
      path: `/exchange/posts/${q.id}/answers/${a.id}`,
      claims: partner('qo', 1),
      body: { version: 1, body: 'Gekapert' },
    });
    const del = await call(deletePost, {
      method: 'DELETE',
      path: `/exchange/posts/${q.id}`,
      claims: partner('qo', 2),
    });
    const asCoordinator = await call(askQuestion, {
      method: 'POST',
      path: '/exchange/questions',
      claims: claims.coordinator('qo'),
      body: question(),
    });
    expect([editQ.status, editA.status, del.status, asCoordinator.status]).toEqual([403, 403, 403, 403]);
    const seen = (await thread(partner('qo', 1), q.id)).body;
    expect(seen.title).toBe(question().title);
    expect(seen.answers[0].body).toContain('Stundensätzen');
  });

  it('edits and deletions of one’s own posts are kept as history; two edits at once: one wins, one 409', async () => {
    await givenNetwork('qe', ['qe-p1', 'qe-p2']);
    const q = await ask(partner('qe', 1));
    const a = await answer(partner('qe', 2), q.id);
    // Act: two edits made on version 1 at the same time
    const edits = await Promise.all(
      ['Erste Fassung', 'Zweite Fassung'].map((title) =>
        call(editPost, {
          method: 'PATCH',
          path: `/exchange/posts/${q.id}`,
          claims: partner('qe', 1),
          body: { version: 1, title },
        }),
      ),
    );
    const editedAnswer = await call(editAnswer, {
      method: 'PATCH',
      path: `/exchange/posts/${q.id}/answers/${a.id}`,
      claims: partner('qe', 2),
      body: { version: 1, body: 'Neu: mit 20 % Aufschlag.' },
    });
    const deleted = await call(deleteAnswer, {
      method: 'DELETE',
      path: `/exchange/posts/${q.id}/answers/${a.id}`,
      claims: partner('qe', 2),
    });
    // Assess
    expect(edits.map((e) => e.status).sort()).toEqual([200, 409]);
    const winner = edits.find((e) => e.status === 200)!.body.title;
    expect(editedAnswer.status).toBe(200);
    expect(deleted.status).toBe(204);
    const seen = (await thread(partner('qe', 1), q.id)).body;
    expect(seen).toMatchObject({ title: winner, version: 2 });
    expect(seen.answers[0]).toMatchObject({ deleted: true, body: '', version: 3 });
    const history = await call(listHistory, {
      method: 'GET',
      path: `/exchange/posts/${q.id}/history`,
      claims: claims.coordinator('qe'),
    });
    expect(
      history.body.items.map((h: { answerId?: string; version: number; change: string; body: string }) => [
        h.answerId ?? '-',
        h.version,
        h.change,
      ]),
    ).toEqual([
      ['-', 1, 'edited'],
      [a.id, 1, 'edited'],
      [a.id, 2, 'deleted'],
    ]);
    expect(history.body.items[2].body).toBe('Neu: mit 20 % Aufschlag.');
    const partnerHistory = await call(listHistory, {
      method: 'GET',
      path: `/exchange/posts/${q.id}/history`,
      claims: partner('qe', 1),
    });
    expect(partnerHistory.status).toBe(403);
  });
});

describe('helpful marks', () => {
  it('counts each partner once, even when marked many times at once; never one’s own', async () => {
    const ids = [1, 2, 3, 4, 5, 6].map((n) => `qh-p${n}`);
    await givenNetwork('qh', ids);
    const q = await ask(partner('qh', 1));
    const a = await answer(partner('qh', 2), q.id);
    const practice = await call(publishPractice, {
      method: 'POST',
      path: '/exchange/practices',
      claims: partner('qh', 2),
      body: { title: 'Unsere Baustellen-Checkliste', body: '- Strom\n- Wasser', competences: ['carpentry'] },
    });
    // Act: partners 3–6 mark the answer and the practice, each three times at once
    const marks = await Promise.all(
      [3, 4, 5, 6].flatMap((n) =>
        [1, 2, 3].flatMap(() => [
          call(markAnswerHelpful, {
            method: 'POST',
            path: `/exchange/posts/${q.id}/answers/${a.id}/helpful`,
            claims: partner('qh', n),
          }),
          call(markPostHelpful, {
            method: 'POST',
            path: `/exchange/posts/${practice.body.id}/helpful`,
            claims: partner('qh', n),
          }),
        ]),
      ),
    );
    const own = await call(markAnswerHelpful, {
      method: 'POST',
      path: `/exchange/posts/${q.id}/answers/${a.id}/helpful`,
      claims: partner('qh', 2),
    });
    const questionItself = await call(markPostHelpful, {
      method: 'POST',
      path: `/exchange/posts/${q.id}/helpful`,
      claims: partner('qh', 3),
    });
    // Assess
    expect(marks.map((m) => m.status).every((s) => s === 200)).toBe(true);
    expect(own.status).toBe(409);
    expect(questionItself.status).toBe(409);
    const seen = (await thread(partner('qh', 3), q.id)).body;
    expect(seen.helpful).toBe(4);
    expect(seen.answers[0]).toMatchObject({ helpful: 4, markedHelpfulByMe: true });
    expect((await thread(partner('qh', 1), practice.body.id)).body).toMatchObject({
      helpful: 4,
      markedHelpfulByMe: false,
    });
    // most helpful first: the practice and the question (4 each) before a new, unmarked question
    const fresh = await ask(partner('qh', 1), { title: 'Neue Frage zu Küchen' });
    const newest = await find(partner('qh', 1), 'sort=newest');
    const helpful = await find(partner('qh', 1), 'sort=helpful');
    expect(newest.body.items[0].id).toBe(fresh.id);
    expect(helpful.body.items.map((i: { id: string }) => i.id)).toEqual([practice.body.id, q.id, fresh.id]);
    // by competence, most helpful first, one per page: the cursor carries on in the same order
    const order: string[] = [];
    let cursor = '';
    do {
      const res = await find(partner('qh', 1), `competence=carpentry&sort=helpful&limit=1${cursor}`);
      order.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.cursor ? `&cursor=${res.body.cursor}` : '';
    } while (cursor);
    expect(order).toEqual([practice.body.id, q.id, fresh.id]);
  });
});

describe('practice notes', () => {
  it('carry the author’s files (size- and type-limited), downloadable by the network only', async () => {
    await givenNetwork('qp', ['qp-p1', 'qp-p2']);
    await givenNetwork('qy', ['qy-p1']);
    const note = await call(publishPractice, {
      method: 'POST',
      path: '/exchange/practices',
      claims: partner('qp', 1),
      body: { title: 'So machen wir Angebote', body: 'Vorlage anbei.', competences: ['carpentry'] },
    });
    const csv = 'Position;Menge\nOSB;10\n';
    const attach = (as: Claims, body: Record<string, unknown>) =>
      call(attachFile, {
        method: 'POST',
        path: `/exchange/posts/${note.body.id}/attachments`,
        claims: as,
        body,
      });
    const file = {
      filename: 'Vorlage Angebot.csv',
      contentType: 'text/csv',
      contentBase64: Buffer.from(csv).toString('base64'),
    };
    // Act
    const added = await attach(partner('qp', 1), file);
    const byOther = await attach(partner('qp', 2), file);
    const tooBig = await attach(partner('qp', 1), { ...file, contentBase64: 'A'.repeat(3_000_000) });
    const script = await attach(partner('qp', 1), { ...file, filename: 'x.html', contentType: 'text/html' });
    const download = (as: Claims) =>
      call(getAttachment, {
        method: 'GET',
        path: `/exchange/posts/${note.body.id}/attachments/${added.body.id}`,
        claims: as,
      });
    // Assess
    expect(added.status, added.text).toBe(201);
    expect(added.body).toMatchObject({ filename: 'Vorlage Angebot.csv', size: csv.length });
    expect(byOther.status).toBe(403);
    expect([tooBig.status, tooBig.body.errors[0].path]).toEqual([400, 'contentBase64']);
    expect([script.status, script.body.errors[0].path]).toEqual([400, 'contentType']);
    const got = await download(partner('qp', 2));
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('text/csv');
    expect(Buffer.from(got.text, 'base64').toString()).toBe(csv);
    expect((await download(partner('qy', 1))).status).toBe(404);
    expect((await thread(partner('qp', 2), note.body.id)).body.attachments).toEqual([added.body]);
    // five files at most, even when the last places are raced for
    const more = await Promise.all([1, 2, 3, 4, 5].map(() => attach(partner('qp', 1), file)));
    expect(more.map((r) => r.status).sort()).toEqual([201, 201, 201, 201, 409]);
    expect((await thread(partner('qp', 1), note.body.id)).body.attachments).toHaveLength(5);
  });
});

describe('moderation', () => {
  it('a hidden thread is gone for partners and the search; a locked one takes no answers', async () => {
    await givenNetwork('qm', ['qm-p1', 'qm-p2']);
    const q = await ask(partner('qm', 1));
    const hide = await call(moderate, {
      method: 'POST',
      path: `/exchange/posts/${q.id}/moderation`,
      claims: claims.coordinator('qm'),
      body: { hidden: true, locked: true },
    });
    expect(hide.status, hide.text).toBe(200);
    expect((await thread(partner('qm', 1), q.id)).status).toBe(404);
    expect((await thread(claims.coordinator('qm'), q.id)).body).toMatchObject({ hidden: true, locked: true });
    expect((await find(partner('qm', 2), 'q=Angebote')).body.items).toEqual([]);
    const byPartner = await call(moderate, {
      method: 'POST',
      path: `/exchange/posts/${q.id}/moderation`,
      claims: partner('qm', 1),
      body: { hidden: false },
    });
    expect(byPartner.status).toBe(403);
    // shown again but still locked
    await call(moderate, {
      method: 'POST',
      path: `/exchange/posts/${q.id}/moderation`,
      claims: claims.coordinator('qm'),
      body: { hidden: false },
    });
    expect((await find(partner('qm', 2), 'q=Angebote')).body.items.map((i: { id: string }) => i.id)).toEqual([
      q.id,
    ]);
    const locked = await call(answerQuestion, {
      method: 'POST',
      path: `/exchange/posts/${q.id}/answers`,
      claims: partner('qm', 2),
      body: { body: 'Zu spät' },
    });
    expect(locked.status).toBe(409);
    expect(locked.body.detail).toContain('locked');
  });
});

describe('find', () => {
  it('finds by competence and by words across German inflections, every word must occur', async () => {
    await givenNetwork('qf', ['qf-p1', 'qf-p2']);
    const kitchen = await ask(partner('qf', 1));
    const heat = await ask(partner('qf', 2), {
      title: 'Wärmepumpen im Altbau',
      body: 'Welche Erfahrungen habt ihr mit Wärmepumpe und Fußbodenheizung?',
      competences: ['electrical'],
    });
    const ids = async (query: string) =>
      (await find(partner('qf', 1), query)).body.items.map((i: { id: string }) => i.id);
    expect(await ids('competence=electrical')).toEqual([heat.id]);
    expect(await ids('q=Angebot')).toEqual([kitchen.id]);
    expect(await ids('q=angeboten')).toEqual([kitchen.id]);
    expect(await ids('q=Waermepumpe')).toEqual([heat.id]);
    expect(await ids('q=Pumpe')).toEqual([]);
    expect(await ids('q=Wärme')).toEqual([heat.id]);
    expect(await ids('q=Wärmepumpe Küche')).toEqual([]);
    expect(await ids('kind=practice')).toEqual([]);
    expect(await ids('kind=question&limit=1')).toEqual([heat.id]);
    const page1 = await find(partner('qf', 1), 'limit=1');
    const page2 = await find(partner('qf', 1), `limit=1&cursor=${page1.body.cursor}`);
    expect(page2.body.items.map((i: { id: string }) => i.id)).toEqual([kitchen.id]);
    expect(page2.body.cursor).toBeUndefined();
    const badCursor = await find(partner('qf', 1), 'cursor=nonsense');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.errors[0].path).toBe('query.cursor');
  });
});

describe('ask the expert', () => {
  it('mails the partners holding a tagged competence at level 4 or more, never the asker', async () => {
    await givenNetwork('qx', ['qx-p1', 'qx-p2', 'qx-p3', 'qx-p4']);
    await setPartnerCompetences('qx', 'qx-p1', [{ competenceId: 'carpentry', level: 5 }]);
    await setPartnerCompetences('qx', 'qx-p2', [{ competenceId: 'carpentry', level: 4 }]);
    await setPartnerCompetences('qx', 'qx-p3', [{ competenceId: 'electrical', level: 5 }]);
    // qx-p4 holds carpentry at level 3
    const q = await ask(partner('qx', 1));
    await deliverQueuedMail();
    const mails = (await outbox.read()).filter((m) => m.subject.includes(q.id.toUpperCase()));
    expect(mails.flatMap((m) => m.to)).toEqual(['qx-p2@firm.example']);
    expect(mails[0]!.subject).toBe(`Frage an die Fachleute: ${question().title} [Q-${q.id.toUpperCase()}]`);
    expect(mails[0]!.text).toContain('Tischlerei');
    expect(mails[0]!.html).toContain('<strong>Angebote</strong>');
    expect(mails[0]!.html).not.toMatch(/<img|<script/);
  });
});

describe('mail preferences and the weekly digest', () => {
  const schedules = new Map<string, ScheduleSpec>();
  const fake: Scheduler = {
    upsert: async (spec) => void schedules.set(spec.name, spec),
    remove: async (name) => void schedules.delete(name),
  };

  it('an expert who chose the digest is not mailed at once but reads the question in the weekly digest; an opted-out partner gets none', async () => {
    useScheduler(fake);
    await givenNetwork('qd', ['qd-p1', 'qd-p2', 'qd-p3', 'qd-p4']);
    await setPartnerCompetences('qd', 'qd-p2', [{ competenceId: 'carpentry', level: 5 }]);
    await setPartnerCompetences('qd', 'qd-p3', [{ competenceId: 'carpentry', level: 4 }]);
    const prefs = (n: number, body: unknown) =>
      call(putPreferences, { method: 'PUT', path: '/exchange/preferences', claims: partner('qd', n), body });
    expect((await prefs(2, { expertMail: 'digest', weeklyDigest: true })).status).toBe(200);
    expect((await prefs(4, { expertMail: 'immediate', weeklyDigest: false })).status).toBe(200);
    const mine = await call(getPreferences, {
      method: 'GET',
      path: '/exchange/preferences',
      claims: partner('qd', 2),
    });
    const dflt = await call(getPreferences, {
      method: 'GET',
      path: '/exchange/preferences',
      claims: partner('qd', 3),
    });
    expect([mine.body, dflt.body]).toEqual([
      { expertMail: 'digest', weeklyDigest: true },
      { expertMail: 'immediate', weeklyDigest: true },
    ]);
    const schedule = await call(putDigest, {
      method: 'PUT',
      path: '/exchange/digest',
      claims: claims.coordinator('qd'),
      body: { enabled: true, weekday: 'FRI', time: '16:30' },
    });
    expect(schedule.body).toEqual({
      enabled: true,
      weekday: 'FRI',
      time: '16:30',
      timezone: 'Europe/Vienna',
    });
    const spec = schedules.get('exchange-digest-qd')!;
    expect([spec.expression, spec.timezone, spec.target]).toEqual([
      'cron(30 16 ? * FRI *)',
      'Europe/Vienna',
      'exchange-digest',
    ]);
    // Act: a question, then the digest fires (twice: a retry)
    const q = await ask(partner('qd', 1));
    await call(publishPractice, {
      method: 'POST',
      path: '/exchange/practices',
      claims: partner('qd', 3),
      body: { title: 'Unsere Aufmaß-Vorlage', body: 'Siehe Anhang.', competences: ['electrical'] },
    });
    const fire = () =>
      sendDigest(
        { networkId: 'qd', scheduledTime: new Date().toISOString() },
        lambdaContext('digest', 'r1', 60_000),
      );
    await fire();
    await fire();
    await deliverQueuedMail();
    // Assess
    const mails = (await outbox.read()).filter((m) => m.to.some((t) => t.startsWith('qd-')));
    const experts = mails.filter(
      (m) => m.subject.includes(q.id.toUpperCase()) && m.subject.startsWith('Frage'),
    );
    expect(experts.flatMap((m) => m.to)).toEqual(['qd-p3@firm.example']);
    const digests = mails.filter((m) => m.subject.startsWith('Wissensaustausch'));
    expect(digests.map((m) => m.to[0]).sort()).toEqual([
      'qd-p1@firm.example',
      'qd-p2@firm.example',
      'qd-p3@firm.example',
    ]);
    const forP2 = digests.find((m) => m.to[0] === 'qd-p2@firm.example')!;
    expect(forP2.text).toContain(`${question().title} (noch ohne Antwort) [Q-${q.id.toUpperCase()}]`);
    expect(forP2.text).toContain('Unsere Aufmaß-Vorlage');
    // the asker is not told of its own question, only of the practice
    expect(digests.find((m) => m.to[0] === 'qd-p1@firm.example')!.text).not.toContain(question().title);
    // off again
    await call(putDigest, {
      method: 'PUT',
      path: '/exchange/digest',
      claims: claims.coordinator('qd'),
      body: { enabled: false },
    });
    expect(schedules.has('exchange-digest-qd')).toBe(false);
  });

  it('refuses preferences and schedules from the wrong role or with bad values, naming the field', async () => {
    await givenNetwork('qg', ['qg-p1']);
    const byCoordinator = await call(putPreferences, {
      method: 'PUT',
      path: '/exchange/preferences',
      claims: claims.coordinator('qg'),
      body: { expertMail: 'digest', weeklyDigest: true },
    });
    const byPartner = await call(putDigest, {
      method: 'PUT',
      path: '/exchange/digest',
      claims: partner('qg', 1),
      body: { enabled: true },
    });
    const bad = await call(putPreferences, {
      method: 'PUT',
      path: '/exchange/preferences',
      claims: partner('qg', 1),
      body: { expertMail: 'never', weeklyDigest: true },
    });
    const badTime = await call(putDigest, {
      method: 'PUT',
      path: '/exchange/digest',
      claims: claims.coordinator('qg'),
      body: { enabled: true, time: '25:00' },
    });
    expect([byCoordinator.status, byPartner.status]).toEqual([403, 403]);
    expect([bad.status, bad.body.errors[0].path]).toEqual([400, 'expertMail']);
    expect([badTime.status, badTime.body.errors[0].path]).toEqual([400, 'time']);
  });
});

describe('tenancy', () => {
  it('another network learns nothing on any exchange route (404, or 403 for the wrong role)', async () => {
    await givenNetwork('qt', ['qt-p1', 'qt-p2']);
    await givenNetwork('qz', ['qz-p1']);
    const q = await ask(partner('qt', 1));
    const a = await answer(partner('qt', 2), q.id);
    const before = await items('qt');
    const exchangeRoutes = routes.filter((r) => r.entry.startsWith('functions/exchange/'));
    const bodies: Record<string, unknown> = {
      'PATCH /exchange/posts/{postId}': { version: 1, title: 'x' },
      'PATCH /exchange/posts/{postId}/answers/{answerId}': { version: 1, body: 'x' },
      'POST /exchange/posts/{postId}/answers': { body: 'x' },
      'POST /exchange/posts/{postId}/moderation': { hidden: true },
      'POST /exchange/posts/{postId}/attachments': {
        filename: 'a.txt',
        contentType: 'text/plain',
        contentBase64: 'YQ==',
      },
    };
    const seen: Record<string, number[]> = {};
    for (const r of exchangeRoutes) {
      if (!r.path.includes('{postId}')) continue;
      const { handler } = await import(`../../${r.entry}`);
      const path = r.path
        .replace('{postId}', q.id)
        .replace('{answerId}', a.id)
        .replace('{attachmentId}', a.id);
      const key = `${r.method} ${r.path}`;
      seen[key] = [];
      for (const who of [claims.coordinator('qz'), partner('qz', 1)]) {
        const res = await call(handler, { method: r.method, path, claims: who, body: bodies[key] });
        seen[key].push(res.status);
        expect(res.text).not.toContain(question().title);
      }
    }
    // Assess: a coordinator-only or partner-only route may refuse the role first (403); else 404
    for (const [key, statuses] of Object.entries(seen)) {
      for (const s of statuses) expect([403, 404], key).toContain(s);
      expect(statuses, key).toContain(404);
    }
    // the routes without ids act on the caller's own network only
    useScheduler({ upsert: async () => undefined, remove: async () => undefined });
    const own = [
      await call(putPreferences, {
        method: 'PUT',
        path: '/exchange/preferences',
        claims: partner('qz', 1),
        body: { expertMail: 'digest', weeklyDigest: false },
      }),
      await call(putDigest, {
        method: 'PUT',
        path: '/exchange/digest',
        claims: claims.coordinator('qz'),
        body: { enabled: false },
      }),
    ];
    expect(own.map((r) => r.status)).toEqual([200, 200]);
    expect(
      (await call(getPreferences, { method: 'GET', path: '/exchange/preferences', claims: partner('qt', 1) }))
        .body,
    ).toEqual({
      expertMail: 'immediate',
      weeklyDigest: true,
    });
    expect((await find(partner('qz', 1), 'q=Angebote')).body.items).toEqual([]);
    expect((await find(claims.coordinator('qz'), '')).body.items).toEqual([]);
    expect(await items('qt')).toEqual(before);
  });
});

describe('the utilisation report: learning from each other', () => {
  const report = (as: Claims) => call(getReport, { method: 'GET', path: '/reports/utilisation', claims: as });

  it("counts the period's questions and answers, the time to a first answer, the most helpful practices; another network sees its own zeros", async () => {
    await givenNetwork('ql');
    await givenNetwork('qk');
    const answered = await ask(partner('ql', 1));
    await ask(partner('ql', 1), { title: 'Noch offen: welcher Kleber?' });
    // two answers: the first one's time counts, and stays when a second comes
    await answer(partner('ql', 2), answered.id);
    await answer(partner('ql', 2), answered.id, 'Nachtrag: bei uns ähnlich.');
    const practice = await call(publishPractice, {
      method: 'POST',
      path: '/exchange/practices',
      claims: partner('ql', 2),
      body: { title: 'Unsere Angebotsvorlage', body: '1. Aufmaß\n2. Preis', competences: ['carpentry'] },
    });
    expect(practice.status).toBe(201);
    const marks = await Promise.all(
      [1].map((n) =>
        call(markPostHelpful, {
          method: 'POST',
          path: `/exchange/posts/${practice.body.id}/helpful`,
          claims: partner('ql', n),
        }),
      ),
    );
    expect(marks.map((m) => m.status)).toEqual([200]);
    const coordinator = await report(claims.coordinator('ql'));
    expect(coordinator.status, coordinator.text).toBe(200);
    expect(coordinator.body.learning).toMatchObject({
      questionsAsked: 2,
      questionsAnswered: 1,
      practices: [{ title: 'Unsere Angebotsvorlage', author: expect.any(String), helpful: 1 }],
      meetings: [],
    });
    // asked and answered within the test: well under an hour
    expect(coordinator.body.learning.medianHoursToFirstAnswer).toBeGreaterThanOrEqual(0);
    expect(coordinator.body.learning.medianHoursToFirstAnswer).toBeLessThan(1);
    // a partner sees the counts and titles, no other firm's name
    const own = await report(partner('ql', 1));
    expect(own.body.learning.practices).toEqual([{ title: 'Unsere Angebotsvorlage', helpful: 1 }]);
    const other = await report(claims.coordinator('qk'));
    expect(other.body.learning).toEqual({
      questionsAsked: 0,
      questionsAnswered: 0,
      medianHoursToFirstAnswer: null,
      practices: [],
      meetings: [],
    });
  });
});
