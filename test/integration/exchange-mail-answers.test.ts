import { describe, expect, it } from 'vitest';
import { handler as listQuarantine } from '#functions/email-intake/list-quarantine.handler';
import { handler as askQuestion } from '#functions/exchange/ask-question.handler';
import { handler as getPost } from '#functions/exchange/get-post.handler';
import { handler as moderate } from '#functions/exchange/moderate-post.handler';
import { call, claims } from '#test/support/api';
import { deliver, fixture, inboxOf, useMailSandbox } from '#test/support/mail';
import { givenNetwork } from '#test/support/networks';

useMailSandbox();

/** A fixture addressed to network `net` answering question `postId`. */
const reply = (name: string, net: string, postId: string) =>
  fixture(name).toString('utf8').replaceAll('NET', net).replaceAll('POSTID', postId.toUpperCase());

async function givenQuestion(net: string) {
  await givenNetwork(net, [`${net}-p1`, `${net}-p2`, `${net}-p3`]);
  const asked = await call(askQuestion, {
    method: 'POST',
    path: '/exchange/questions',
    claims: claims.partner(net, `${net}-p1`),
    body: {
      title: 'Wie kalkuliert ihr Einbauküchen?',
      body: 'Pauschal oder nach Aufwand?',
      competences: ['carpentry'],
    },
  });
  return asked.body.id as string;
}
const thread = async (net: string, postId: string) =>
  (
    await call(getPost, {
      method: 'GET',
      path: `/exchange/posts/${postId}`,
      claims: claims.partner(net, `${net}-p1`),
    })
  ).body as { answerCount: number; answers: { authorPartnerId: string; body: string }[] };
const quarantine = async (net: string) =>
  (await call(listQuarantine, { method: 'GET', path: '/quarantine', claims: claims.coordinator(net) })).body
    .items as { quarantine: { reason: string; detail: string }; subject: string }[];

describe('answering an exchange question by e-mail', () => {
  it("a partner's reply becomes its answer without the quoted mail or the signature; a redelivery adds nothing", async () => {
    // Prepare
    const postId = await givenQuestion('ea');
    // Act: Thunderbird-style German reply, Outlook-style reply (quoted-printable), the first again
    const [de] = await deliver(reply('27-exchange-answer-de.eml', 'ea', postId), { to: inboxOf('ea') });
    const [outlook] = await deliver(reply('28-exchange-answer-outlook.eml', 'ea', postId), {
      to: inboxOf('ea'),
    });
    const [again] = await deliver(reply('27-exchange-answer-de.eml', 'ea', postId), { to: inboxOf('ea') });
    const seen = await thread('ea', postId);
    // Assess
    expect([de?.outcome, outlook?.outcome, again?.outcome]).toEqual(['answer', 'answer', 'duplicate']);
    expect(seen.answerCount).toBe(2);
    expect(seen.answers.map((a) => [a.authorPartnerId, a.body])).toEqual([
      [
        'ea-p2',
        'Wir rechnen mit 15 % Aufschlag auf das Material und 2 Stunden Montage je Meter.\nUnsere Vorlage schicke ich gern, einfach fragen.\n\nGrüße aus Mödling',
      ],
      ['ea-p3', 'Bei uns: Pauschale je Küchenzeile, Geräte extra.'],
    ]);
    expect(await quarantine('ea')).toEqual([]);
  });

  it('a reply from anyone who is not a partner of the network, or to a locked thread, goes to quarantine with the reason', async () => {
    // Prepare: two networks; a partner of eb writes to ec's inbox about ec's question
    const postId = await givenQuestion('ec');
    await givenNetwork('eb', ['eb-p2']);
    // Act
    const [stranger] = await deliver(reply('29-exchange-answer-stranger.eml', 'ec', postId), {
      to: inboxOf('ec'),
    });
    const foreignPartner = reply('27-exchange-answer-de.eml', 'ec', postId).replaceAll('ec-p2@', 'eb-p2@');
    const [other] = await deliver(foreignPartner, { to: inboxOf('ec') });
    const [forged] = await deliver(reply('28-exchange-answer-outlook.eml', 'ec', postId), {
      to: inboxOf('ec'),
      verdicts: { dmarc: 'FAIL' },
    });
    await call(moderate, {
      method: 'POST',
      path: `/exchange/posts/${postId}/moderation`,
      claims: claims.coordinator('ec'),
      body: { locked: true },
    });
    const [locked] = await deliver(reply('27-exchange-answer-de.eml', 'ec', postId), { to: inboxOf('ec') });
    const held = await quarantine('ec');
    // Assess
    expect([stranger, other, forged, locked].map((o) => o && 'reason' in o && o.reason)).toEqual([
      'not-a-partner',
      'not-a-partner',
      'not-a-partner',
      'thread-closed',
    ]);
    expect((await thread('ec', postId)).answerCount).toBe(0);
    expect(held.map((m) => m.quarantine.detail).sort()).toEqual(
      [
        expect.stringContaining('DMARC FAIL for ec-p3@firm.example'),
        expect.stringContaining('eb-p2@firm.example is not the address of an active partner of this network'),
        expect.stringContaining('max@fremd.example is not the address of an active partner of this network'),
        expect.stringContaining('the thread is locked'),
      ].sort((a, b) => String(a).localeCompare(String(b))),
    );
  });
});
