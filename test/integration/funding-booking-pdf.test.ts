/**
 * Time records of a funded project book the partner's capacity like a job does (the resource-year
 * items matching and the utilisation report read), in the same transaction as the record; and
 * the report as a PDF.
 */
import { inflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { newAnswer, newPost } from '#functions/exchange/drafts';
import { addAnswer, createMeeting, createPost, indexPost, putRsvp } from '#functions/exchange/store';
import { handler as closePeriod } from '#functions/funding/close-period.handler';
import { handler as createProject } from '#functions/funding/create-project.handler';
import { handler as createRecord } from '#functions/funding/create-time-record.handler';
import { handler as deleteRecord } from '#functions/funding/delete-time-record.handler';
import { handler as getReport } from '#functions/funding/get-report.handler';
import { handler as reopenPeriod } from '#functions/funding/reopen-period.handler';
import { handler as updateRecord } from '#functions/funding/update-time-record.handler';
import { listBookings } from '#functions/matching/store';
import { handler as updatePartner } from '#functions/networks/update-partner.handler';
import { useScheduler } from '#shared/scheduler/index';
import { type Claims, call, claims } from '#test/support/api';
import { givenNetwork } from '#test/support/networks';
import { givenResource } from '#test/support/reports';

useScheduler({ upsert: async () => {}, remove: async () => {} });

const NET = 'fcap';
const P = ['fcap-a', 'fcap-b', 'fcap-c', 'fcap-d'];
const coordinator = claims.coordinator(NET);
const a = claims.partner(NET, 'fcap-a');
let projectId: string;
const path = (rest = '') => `/funding/projects/${projectId}${rest}`;
const record = (as: Claims, body: Record<string, unknown>) =>
  call(createRecord, { method: 'POST', path: path('/time-records'), claims: as, body });
const booked = async (partnerId: string, week: string) =>
  (await listBookings(NET, week, week))
    .filter((b) => b.partnerId === partnerId)
    .map((b) => [b.resourceId, b.booked]);

beforeAll(async () => {
  await givenNetwork(NET, P);
  await givenResource(NET, 'fcap-a', 'team', 'people', 40);
  await givenResource(NET, 'fcap-a', 'cnc', 'machine', 20);
  await givenResource(NET, 'fcap-b', 'lab', 'people', 40);
  for (const id of P) {
    const size = { staff: 8, turnoverCents: 90_000_000, balanceSheetCents: 50_000_000 };
    const res = await call(updatePartner, {
      method: 'PATCH',
      path: `/partners/${id}`,
      claims: coordinator,
      body: { kind: 'firm', size },
    });
    expect(res.status, res.text).toBe(200);
  }
  const res = await call(createProject, {
    method: 'POST',
    path: '/funding/projects',
    claims: coordinator,
    body: {
      title: 'Kapazität',
      start: '2027-01-01',
      end: '2027-12-31',
      partners: P.map((partnerId, i) => ({
        partnerId,
        role: i === 0 ? 'lead' : 'partner',
        fundingRatePct: 50,
      })),
      workPackages: [
        {
          id: 'wp1',
          title: 'Analyse',
          plan: [{ partnerId: 'fcap-a', hours: 500, personnelCents: 4_000_000 }],
        },
      ],
      categories: P.map((partnerId) => ({ id: 'eng', partnerId, name: 'Technik', hourlyRateCents: 8000 })),
    },
  });
  expect(res.status, res.text).toBe(201);
  projectId = res.body.id;
});

describe('time records book the partner’s capacity', () => {
  it('books the week on the partner’s people resource, follows a correction and releases on removal', async () => {
    // Act: 6,5 h on a day of KW 10
    const created = await record(a, {
      categoryId: 'eng',
      workPackageId: 'wp1',
      when: '2027-03-10',
      hours: 6.5,
    });
    const afterCreate = await booked('fcap-a', '2027-W10');
    const moved = await call(updateRecord, {
      method: 'PATCH',
      path: path(`/time-records/${created.body.id}`),
      claims: a,
      body: { when: '2027-W11', hours: 4 },
    });
    const afterMove = [await booked('fcap-a', '2027-W10'), await booked('fcap-a', '2027-W11')];
    const removed = await call(deleteRecord, {
      method: 'DELETE',
      path: path(`/time-records/${created.body.id}`),
      claims: a,
    });
    // Assess
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ resourceId: 'team' });
    expect(created.body.overbooked).toBeUndefined();
    expect(afterCreate).toEqual([['team', 6.5]]);
    expect(moved.status, moved.text).toBe(200);
    expect(afterMove).toEqual([[['team', 0]], [['team', 4]]]);
    expect(removed.status).toBe(204);
    expect(await booked('fcap-a', '2027-W11')).toEqual([['team', 0]]);
  });

  it('books a named resource; a resource of another partner is refused naming the field, nothing written', async () => {
    const onMachine = await record(a, {
      categoryId: 'eng',
      workPackageId: 'wp1',
      when: '2027-W20',
      hours: 3,
      resourceId: 'cnc',
    });
    const foreign = await record(a, {
      categoryId: 'eng',
      workPackageId: 'wp1',
      when: '2027-W21',
      hours: 3,
      resourceId: 'lab',
    });
    expect(onMachine.status, onMachine.text).toBe(201);
    expect(await booked('fcap-a', '2027-W20')).toEqual([['cnc', 3]]);
    expect(foreign.status).toBe(400);
    expect(foreign.headers['content-type']).toContain('application/problem+json');
    expect(foreign.body.errors[0].path).toBe('resourceId');
    expect(await booked('fcap-a', '2027-W21')).toEqual([]);
    expect(await booked('fcap-b', '2027-W21')).toEqual([]);
  });

  it('records hours past capacity (work already done), books them as worked and marks the record overbooked', async () => {
    const fits = await record(a, { categoryId: 'eng', workPackageId: 'wp1', when: '2027-W30', hours: 38 });
    const over = await record(a, { categoryId: 'eng', workPackageId: 'wp1', when: '2027-W30', hours: 5 });
    expect(fits.status, fits.text).toBe(201);
    expect(fits.body.overbooked).toBeUndefined();
    expect(over.status, over.text).toBe(201);
    expect(over.body.overbooked).toBe(true);
    expect(await booked('fcap-a', '2027-W30')).toEqual([['team', 43]]);
    // less hours bring the week back within capacity: the correction is no longer overbooked
    const fixed = await call(updateRecord, {
      method: 'PATCH',
      path: path(`/time-records/${over.body.id}`),
      claims: a,
      body: { hours: 2 },
    });
    expect(fixed.status, fixed.text).toBe(200);
    expect(fixed.body.overbooked).toBeUndefined();
    expect(await booked('fcap-a', '2027-W30')).toEqual([['team', 40]]);
  });

  it('six concurrent records of 8 h on a 40 h week: all recorded, all booked, exactly the one past capacity marked', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        record(a, { categoryId: 'eng', workPackageId: 'wp1', when: '2027-W40', hours: 8, person: `P${i}` }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(results.filter((r) => r.body.overbooked === true)).toHaveLength(1);
    expect(await booked('fcap-a', '2027-W40')).toEqual([['team', 48]]);
  });

  it('a closed period refuses the record and books nothing', async () => {
    const closed = await call(closePeriod, {
      method: 'POST',
      path: path('/periods/p1/close'),
      claims: coordinator,
    });
    const refused = await record(a, {
      categoryId: 'eng',
      workPackageId: 'wp1',
      when: '2027-01-12',
      hours: 2,
    });
    await call(reopenPeriod, { method: 'POST', path: path('/periods/p1/reopen'), claims: coordinator });
    expect(closed.status, closed.text).toBe(200);
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0].code).toBe('period_closed');
    expect(await booked('fcap-a', '2027-W02')).toEqual([]);
  });
});

/** The text a PDF shows, roughly: the hex strings of its (deflated) content streams, WinAnsi ≈ latin1. */
function pdfText(bytes: Buffer): string {
  const raw = bytes.toString('latin1');
  const parts: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content = m[1]!;
    try {
      content = inflateSync(Buffer.from(content, 'latin1')).toString('latin1');
    } catch {
      // not deflated: as it is
    }
    for (const t of content.matchAll(/<([0-9A-Fa-f]+)> Tj/g))
      parts.push(Buffer.from(t[1]!, 'hex').toString('latin1'));
  }
  return parts.join('\n');
}

describe('the report as PDF', () => {
  it('gives the interim report as an A4 PDF with its title, tables and page numbers (format=pdf or Accept)', async () => {
    // Act
    const byQuery = await call(getReport, {
      method: 'GET',
      path: path('/report?period=p1&format=pdf'),
      claims: coordinator,
    });
    const byAccept = await call(getReport, {
      method: 'GET',
      path: path('/report?period=final'),
      claims: coordinator,
      headers: { accept: 'application/pdf' },
    });
    // Assess
    expect(byQuery.status).toBe(200);
    expect(byQuery.headers['content-type']).toBe('application/pdf');
    expect(byQuery.headers['content-disposition']).toContain('.pdf');
    const bytes = Buffer.from(byQuery.text, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const doc = await PDFDocument.load(bytes);
    expect(doc.getTitle()).toBe('Zwischenbericht Kapazität');
    const pages = doc.getPageCount();
    expect(pages).toBeGreaterThanOrEqual(1);
    const [w, h] = [doc.getPage(0).getWidth(), doc.getPage(0).getHeight()];
    expect([Math.round(w), Math.round(h)]).toEqual([595, 842]);
    const text = pdfText(bytes);
    expect(text).toContain('Zwischenbericht Kapazität');
    expect(text).toContain('Partner: Stunden, Kosten und Förderung');
    expect(text).toContain('Firma fcap-a (Lead)');
    expect(text).toContain('Prüfungen (Programmregeln des Projekts)');
    expect(text).toContain(`Seite ${pages} von ${pages}`);
    expect(byAccept.headers['content-type']).toBe('application/pdf');
    const final = await PDFDocument.load(Buffer.from(byAccept.text, 'base64'));
    expect(final.getTitle()).toBe('Endbericht Kapazität');
  });

  it('gives no PDF to a partner (403) or to another network (404)', async () => {
    const asPartner = await call(getReport, { method: 'GET', path: path('/report?format=pdf'), claims: a });
    const other = await call(getReport, {
      method: 'GET',
      path: path('/report?format=pdf'),
      claims: claims.coordinator('fcap-other'),
    });
    expect(asPartner.status).toBe(403);
    expect(other.status).toBe(404);
    expect(other.text).not.toContain('Kapazität');
  });
});

describe('the activity section: the know-how exchange', () => {
  const at = (iso: string) => ulid(Date.parse(iso)).toLowerCase();
  const meeting = (id: string, title: string, startsAt: string) => ({
    id,
    title,
    startsAt,
    endsAt: startsAt.replace('T17', 'T19'),
    timezone: 'Europe/Vienna',
    agenda: [],
    sequence: 0,
    createdAt: '2026-12-01T10:00:00.000Z',
  });

  it('lists the questions asked (answered or not) and the experience meetings with who attends, in the period only', async () => {
    // Prepare: two questions in 2027 (one answered), one in 2028; a meeting in 2027 and one of another network
    const asked = [
      ['2027-03-02T09:00:00.000Z', 'fcap-a', 'Welche Fräse für Eiche?'],
      ['2027-06-10T09:00:00.000Z', 'fcap-b', 'Förderfähige Reisekosten?'],
      ['2028-01-10T09:00:00.000Z', 'fcap-c', 'Später gefragt'],
    ] as const;
    const ids: string[] = [];
    for (const [when, by, title] of asked) {
      const post = newPost('question', at(when), by, { title, body: 'Details', competences: [] }, when);
      await createPost(NET, post);
      await indexPost(NET, post);
      ids.push(post.id);
    }
    await addAnswer(
      NET,
      newAnswer(at('2027-03-03T09:00:00.000Z'), ids[0]!, 'fcap-b', 'Die CNC.', '2027-03-03T09:00:00.000Z'),
    );
    await createMeeting(NET, meeting('m1', 'Erfahrungstreffen Holz', '2027-04-15T17:00:00.000Z'));
    await putRsvp(NET, 'm1', 'fcap-a', 'yes', '2027-04-01T10:00:00.000Z');
    await putRsvp(NET, 'm1', 'fcap-b', 'yes', '2027-04-01T10:00:00.000Z');
    await putRsvp(NET, 'm1', 'fcap-c', 'no', '2027-04-01T10:00:00.000Z');
    await createMeeting('fcap-other', meeting('m2', 'Fremdes Treffen', '2027-04-16T17:00:00.000Z'));
    // Act
    const json = await call(getReport, {
      method: 'GET',
      path: path('/report?period=p1'),
      claims: coordinator,
    });
    const html = await call(getReport, {
      method: 'GET',
      path: path('/report?period=p1&format=html'),
      claims: coordinator,
    });
    // Assess
    expect(json.status, json.text).toBe(200);
    expect(json.body.activity.exchange.questions).toEqual([
      {
        at: '2027-03-02T09:00:00.000Z',
        title: 'Welche Fräse für Eiche?',
        askedBy: 'Firma fcap-a',
        answers: 1,
        solved: false,
      },
      {
        at: '2027-06-10T09:00:00.000Z',
        title: 'Förderfähige Reisekosten?',
        askedBy: 'Firma fcap-b',
        answers: 0,
        solved: false,
      },
    ]);
    expect(json.body.activity.exchange.meetings).toEqual([
      {
        startsAt: '2027-04-15T17:00:00.000Z',
        title: 'Erfahrungstreffen Holz',
        attending: ['Firma fcap-a', 'Firma fcap-b'],
        projectPartners: 2,
      },
    ]);
    expect(html.text).toContain('2 Fragen gestellt, 1 beantwortet.');
    expect(html.text).toContain('Erfahrungstreffen Holz');
    expect(html.text).not.toContain('Fremdes Treffen');
    expect(html.text).not.toContain('Später gefragt');
  });
});
