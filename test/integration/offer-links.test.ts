/**
 * The signed "Zusage / Absage" link in a job mail: GET shows the partner's part and changes
 * nothing; the page's form post answers through the console's own path (docs/matching.md,
 * "Confirmations").
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { handler as acceptProposal } from '#functions/matching/accept-proposal.handler';
import { handler as getJob } from '#functions/matching/get-job.handler';
import { handler as getPage } from '#functions/matching/get-offer-page.handler';
import { signOfferToken } from '#functions/matching/offer-link';
import { handler as postLink } from '#functions/matching/post-offer-link.handler';
import { handler as requestProposals } from '#functions/matching/request-proposals.handler';
import { listBookings } from '#functions/matching/store';
import { db, tableName } from '#shared/db/client';
import { ENV } from '#shared/env-names';
import { linkKey } from '#shared/links/key';
import { useScheduler } from '#shared/scheduler/index';
import { call, claims } from '#test/support/api';
import { givenInquiry, givenMatchingNetwork, givenPartner } from '#test/support/matching';
import { deliverQueuedMail, useFileOutbox } from '#test/support/outbox';

process.env[ENV.consoleUrl] = 'https://console.example';
const outbox = useFileOutbox();
useScheduler({ upsert: async () => {}, remove: async () => {} });

/** A joiner (German) and an electrician (English), accepted for 30 h + 20 h in 2030-W10. */
async function givenTentativeJob(net: string) {
  await givenMatchingNetwork(net);
  await givenPartner(net, `${net}-tischler`, { carpentry: 4 }, 40, { postcode: '1010' });
  await givenPartner(net, `${net}-elektro`, { electrical: 4 }, 40);
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: { pk: `NET#${net}`, sk: `PARTNER#${net}-elektro` },
      UpdateExpression: 'SET #l = :en',
      ExpressionAttributeNames: { '#l': 'language' },
      ExpressionAttributeValues: { ':en': 'en-GB' },
    }),
  );
  const inquiry = await givenInquiry(net, {
    postcode: '1070',
    competences: [
      { competenceId: 'carpentry', hours: 30 },
      { competenceId: 'electrical', hours: 20 },
    ],
  });
  const run = await call(requestProposals, {
    method: 'POST',
    path: `/inquiries/${inquiry.id}/proposals`,
    claims: claims.coordinator(net),
    body: {},
  });
  const accepted = await call(acceptProposal, {
    method: 'POST',
    path: `/inquiries/${inquiry.id}/proposals/${run.body.proposals[0].id}/accept`,
    claims: claims.coordinator(net),
    body: {},
  });
  expect(accepted.status).toBe(201);
  await deliverQueuedMail();
  return { inquiry, jobId: accepted.body.id as string };
}

/** The link in a partner's job mail: the mail, the slug and token of its URL. */
async function linkOf(to: string) {
  const mail = (await outbox.read()).find((m) => m.to[0] === to && /Auftrag|Job/.test(m.subject))!;
  const url = new URL(
    /https:\/\/console\.example\/api\/public\/\S+\/offer\/[^\s?]+(\?lang=en)?/.exec(mail.text)![0],
  );
  const [, , , slug, , token] = url.pathname.split('/') as string[];
  return { mail, url, slug: slug!, token: token! };
}
const page = (slug: string, token: string, query = '') =>
  call(getPage, { method: 'GET', path: `/public/${slug}/offer/${token}${query}`, claims: undefined });
const post = (slug: string, token: string, answer: string, form = true) =>
  call(postLink, {
    method: 'POST',
    path: `/public/${slug}/offer/${token}`,
    claims: undefined,
    ...(form
      ? { body: `answer=${answer}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } }
      : { body: { answer } }),
  });
const week = async (net: string, partnerId: string) => {
  const line = (await listBookings(net, '2030-W10', '2030-W10')).find((b) => b.partnerId === partnerId);
  return { booked: line?.booked ?? 0, tentative: line?.tentative ?? 0 };
};
const partOf = async (net: string, inquiryId: string, partnerId: string) =>
  (
    await call(getJob, {
      method: 'GET',
      path: `/inquiries/${inquiryId}/job`,
      claims: claims.coordinator(net),
    })
  ).body.parts[partnerId];

describe('the job mail', () => {
  it('carries the deadline and a "Zusage / Absage" link, German by default, English for an English partner', async () => {
    await givenTentativeJob('ol1');
    const de = await linkOf('ol1-tischler@firm.example');
    expect(de.mail.text).toContain('Zusage / Absage');
    expect(de.mail.text).toMatch(/bis \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} zu oder ab/);
    expect(de.url.search).toBe('');
    const en = await linkOf('ol1-elektro@firm.example');
    expect(en.mail.text).toContain('Confirm / decline');
    expect(en.url.searchParams.get('lang')).toBe('en');
  });
});

describe('the link page', () => {
  it('GET shows the part and records nothing; the form post confirms it (303 back to the page)', async () => {
    const { inquiry } = await givenTentativeJob('ol2');
    const { slug, token } = await linkOf('ol2-tischler@firm.example');
    // Act: opened twice (a mail scanner, then the partner)
    const shown = await page(slug, token);
    await page(slug, token);
    // Assess: the part, the customer's place, the deadline, two buttons; nothing changed
    expect(shown.status).toBe(200);
    const html = shown.text;
    expect(html).toContain('Firma ol2-tischler');
    expect(html).toContain('Tischlerei 30 h');
    expect(html).toContain('04.03.2030 bis 10.03.2030');
    expect(html).toContain('1070');
    expect(html).toContain('value="confirm"');
    expect(html).toContain('value="decline"');
    expect((await partOf('ol2', inquiry.id, 'ol2-tischler')).state).toBe('requested');
    expect(await week('ol2', 'ol2-tischler')).toEqual({ booked: 30, tentative: 30 });
    // Act: the button
    const saved = await post(slug, token, 'confirm');
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`${token}?gespeichert=confirm`);
    expect(await partOf('ol2', inquiry.id, 'ol2-tischler')).toMatchObject({
      state: 'confirmed',
      via: 'link',
    });
    expect(await week('ol2', 'ol2-tischler')).toEqual({ booked: 30, tentative: 0 });
    const after = (await page(slug, token, '?gespeichert=confirm')).text;
    expect(after).toContain('Danke, Ihre Zusage ist gespeichert.');
    expect(after).not.toContain('value="decline"');
    // the other answer now is the console's 409
    const other = await post(slug, token, 'decline', false);
    expect(other.status).toBe(409);
    expect(other.body.errors[0]).toMatchObject({ path: 'answer', code: 'confirmed' });
  });

  it('in English for an English partner; declining releases the hours and tells the coordinator', async () => {
    const { inquiry } = await givenTentativeJob('ol3');
    const { slug, token } = await linkOf('ol3-elektro@firm.example');
    const html = (await page(slug, token, '?lang=en')).text;
    expect(html).toContain('Your part of job');
    expect(html).toContain('Electrical 20 h');
    const before = (await outbox.read()).length;
    const res = await post(slug, token, 'decline', false);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'declined', via: 'link', hours: 20 });
    expect(await week('ol3', 'ol3-elektro')).toEqual({ booked: 0, tentative: 0 });
    await deliverQueuedMail();
    const notice = (await outbox.read()).slice(before)[0]!;
    expect(notice.subject).toBe(`[${inquiry.reference}] Partner hat abgelehnt: Firma ol3-elektro`);
    expect(notice.text).toContain('Ersatz vorschlagen');
    expect(notice.text).toContain(`https://console.example/verbund/anfragen/${inquiry.id}`);
  });

  it('bad input is 400 naming the field and changes nothing', async () => {
    const { inquiry } = await givenTentativeJob('ol4');
    const { slug, token } = await linkOf('ol4-tischler@firm.example');
    const res = await post(slug, token, 'maybe', false);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('answer');
    const extra = await call(postLink, {
      method: 'POST',
      path: `/public/${slug}/offer/${token}`,
      claims: undefined,
      body: { answer: 'confirm', partnerId: 'ol4-elektro' },
    });
    expect(extra.status).toBe(400);
    expect((await partOf('ol4', inquiry.id, 'ol4-tischler')).state).toBe('requested');
  });
});

describe('a link that is not right', () => {
  it('tampered, expired, another network or another slug: 404 that says nothing, nothing written', async () => {
    const { inquiry, jobId } = await givenTentativeJob('ol5');
    await givenTentativeJob('ol6');
    const { slug, token } = await linkOf('ol5-tischler@firm.example');
    const other = await linkOf('ol6-tischler@firm.example');
    const key = (await linkKey('ol5'))!;
    const [iq, job, , exp, mac] = token.split('.') as string[];
    const variants = [
      // another partner's part in the same token
      `${iq}.${job}.ol5-elektro.${exp}.${mac}`,
      // a later expiry
      `${iq}.${job}.ol5-tischler.${Number(exp) + 86_400}.${mac}`,
      // one character of the MAC changed
      `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
      // expired: signed correctly, deadline long past
      signOfferToken(
        key,
        'ol5',
        { inquiryId: inquiry.id, jobId, partnerId: 'ol5-tischler' },
        '2020-01-01T00:00:00Z',
      ),
    ];
    const answers = [];
    for (const t of variants) answers.push(await page(slug, t), await post(slug, t, 'decline', false));
    // another network's token on this network's slug, and this token on the other's slug
    answers.push(await page(slug, other.token), await post(slug, other.token, 'decline', false));
    answers.push(await page(other.slug, token), await post(other.slug, token, 'decline', false));
    answers.push(await page('no-such-net', token));
    for (const a of answers) {
      expect(a.status).toBe(404);
      expect(a.body.detail).toBe('offer link not found');
    }
    expect((await partOf('ol5', inquiry.id, 'ol5-tischler')).state).toBe('requested');
    expect(await week('ol5', 'ol5-tischler')).toEqual({ booked: 30, tentative: 30 });
    expect(await week('ol6', 'ol6-tischler')).toEqual({ booked: 30, tentative: 30 });
  });

  it('a deactivated partner sees its part without buttons and its post is refused (403)', async () => {
    const { inquiry } = await givenTentativeJob('ol7');
    const { slug, token } = await linkOf('ol7-tischler@firm.example');
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: 'NET#ol7', sk: 'PARTNER#ol7-tischler' },
        UpdateExpression: 'SET active = :v',
        ExpressionAttributeValues: { ':v': false },
      }),
    );
    const html = (await page(slug, token)).text;
    expect(html).toContain('deaktiviert');
    expect(html).not.toContain('value="confirm"');
    const res = await post(slug, token, 'confirm', false);
    expect(res.status).toBe(403);
    expect((await partOf('ol7', inquiry.id, 'ol7-tischler')).state).toBe('requested');
  });
});

describe('answers at the same time', () => {
  it('a confirm and a decline posted by the same link at once: exactly one lands, the hours match it', async () => {
    const { inquiry } = await givenTentativeJob('ol8');
    const { slug, token } = await linkOf('ol8-tischler@firm.example');
    const [c, d] = await Promise.all([
      post(slug, token, 'confirm', false),
      post(slug, token, 'decline', false),
    ]);
    expect([c.status, d.status].sort()).toEqual([200, 409]);
    const state = (await partOf('ol8', inquiry.id, 'ol8-tischler')).state;
    expect(state).toBe(c.status === 200 ? 'confirmed' : 'declined');
    expect(await week('ol8', 'ol8-tischler')).toEqual(
      state === 'confirmed' ? { booked: 30, tentative: 0 } : { booked: 0, tentative: 0 },
    );
  });
});
