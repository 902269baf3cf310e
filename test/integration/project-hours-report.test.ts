/**
 * The utilisation report shows funded-project hours apart from job hours: a week with 10 job
 * hours and 6 hours of time records reads 10 / 6 / 16 on screen (JSON), in the CSV (both
 * dialects) and in the report mail ("Förderprojekt" / "Funded project"); matching still sees
 * all 16 as taken.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as createProject } from '#functions/funding/create-project.handler';
import { handler as createRecord } from '#functions/funding/create-time-record.handler';
import { handler as deleteRecord } from '#functions/funding/delete-time-record.handler';
import { handler as updateRecord } from '#functions/funding/update-time-record.handler';
import { bookHours, listBookings } from '#functions/matching/store';
import { handler as getReport } from '#functions/reports/get-utilisation-report.handler';
import { reportHtml, reportText } from '#functions/reports/reports-mail';
import { useScheduler } from '#shared/scheduler/index';
import { call, claims } from '#test/support/api';
import { givenNetwork } from '#test/support/networks';
import { givenResource } from '#test/support/reports';

useScheduler({ upsert: async () => {}, remove: async () => {} });

const NET = 'fph';
const WEEK = '2027-W10';
const coordinator = claims.coordinator(NET);
const a = claims.partner(NET, 'fph-a');
let projectId: string;

const report = (query = '', as = coordinator, headers: Record<string, string> = {}) =>
  call(getReport, {
    method: 'GET',
    path: `/reports/utilisation?from=${WEEK}&to=${WEEK}${query}`,
    claims: as,
    headers,
  });

beforeAll(async () => {
  await givenNetwork(NET, ['fph-a', 'fph-b']);
  await givenResource(NET, 'fph-a', 'team', 'people', 40);
  await givenResource(NET, 'fph-b', 'team', 'people', 40);
  const res = await call(createProject, {
    method: 'POST',
    path: '/funding/projects',
    claims: coordinator,
    body: {
      title: 'Stunden getrennt',
      start: '2027-01-01',
      end: '2027-12-31',
      partners: [
        { partnerId: 'fph-a', role: 'lead', fundingRatePct: 60 },
        { partnerId: 'fph-b', role: 'partner', fundingRatePct: 60 },
      ],
      workPackages: [
        { id: 'wp1', title: 'Analyse', plan: [{ partnerId: 'fph-a', hours: 100, personnelCents: 800_000 }] },
      ],
      categories: [{ id: 'eng', partnerId: 'fph-a', name: 'Technik', hourlyRateCents: 8000 }],
    },
  });
  expect(res.status, res.text).toBe(201);
  projectId = res.body.id;
  // Prepare: 10 job hours (as accepting a job books them) and 6 project hours in the same week
  await bookHours(NET, [{ partnerId: 'fph-a', resourceId: 'team', week: WEEK, hours: 10, capacity: 40 }]);
  const rec = await call(createRecord, {
    method: 'POST',
    path: `/funding/projects/${projectId}/time-records`,
    claims: a,
    body: { categoryId: 'eng', workPackageId: 'wp1', when: '2027-03-10', hours: 6 },
  });
  expect(rec.status, rec.text).toBe(201);
});

describe('project hours apart from job hours in the utilisation report', () => {
  it('shows 10 job hours, 6 project hours, 16 in total for the week; matching sees 16 taken', async () => {
    const res = await report();
    expect(res.status, res.text).toBe(200);
    const row = res.body.partners.find((p: { partnerId: string }) => p.partnerId === 'fph-a');
    const cell = row.weeks[0];
    expect({ jobs: cell.booked - cell.projectHours, project: cell.projectHours, total: cell.booked }).toEqual(
      {
        jobs: 10,
        project: 6,
        total: 16,
      },
    );
    expect(cell.utilisationPct).toBe(40);
    expect(res.body.totals.weeks[0]).toMatchObject({ booked: 16, projectHours: 6 });
    const other = res.body.partners.find((p: { partnerId: string }) => p.partnerId === 'fph-b');
    expect(other.weeks[0]).toMatchObject({ booked: 0, projectHours: 0 });
    // matching reads the same item: all 16 hours are taken
    const lines = await listBookings(NET, WEEK, WEEK);
    expect(lines.filter((l) => l.partnerId === 'fph-a').map((l) => l.booked)).toEqual([16]);
  });

  it('the CSV has job_hours and project_hours beside booked_hours, in both dialects', async () => {
    const [rfc, de] = await Promise.all([report('&format=csv'), report('&format=csv&dialect=de')]);
    expect(
      rfc.text.startsWith(
        '\uFEFFweek,week_start,partner_id,partner,kind,available_hours,booked_hours,job_hours,project_hours,',
      ),
    ).toBe(true);
    expect(rfc.text).toContain(`${WEEK},2027-03-08,fph-a,Firma fph-a,all,40,16,10,6,40,under\r\n`);
    expect(
      de.text.startsWith(
        '\uFEFFweek;week_start;partner_id;partner;kind;available_hours;booked_hours;job_hours;project_hours;',
      ),
    ).toBe(true);
    expect(de.text).toContain(`${WEEK};2027-03-08;fph-a;Firma fph-a;all;40;16;10;6;40;under\r\n`);
  });

  it('the report mail has its own column "Förderprojekt" (de) / "Funded project" (en)', async () => {
    const res = await report();
    const de = reportHtml(res.body, 'de');
    const en = reportHtml(res.body, 'en');
    expect(de).toContain('Förderprojekt');
    expect(en).toContain('Funded project');
    // the network's week: 10 jobs, 6 project, 16 total, in that order, in the HTML and the text part
    const row = (html: string) => html.replace(/<[^>]+>/g, '|').replace(/\|+/g, '|');
    expect(row(de)).toContain('|KW 10|10|6|16|');
    expect(row(en)).toContain('|week 10|10|6|16|');
    expect(reportText(res.body, 'de')).toMatch(/KW 10\D+10\D+6\D+16/);
  });

  it('a partner sees its own weeks apart the same way; a correction and a removal move the project part', async () => {
    const own = await report('', a);
    expect(own.body.partners).toHaveLength(1);
    expect(own.body.partners[0].weeks[0]).toMatchObject({ booked: 16, projectHours: 6 });
    const list = await call(createRecord, {
      method: 'POST',
      path: `/funding/projects/${projectId}/time-records`,
      claims: a,
      body: { categoryId: 'eng', workPackageId: 'wp1', when: WEEK, hours: 2 },
    });
    expect(list.status, list.text).toBe(201);
    const moved = await call(updateRecord, {
      method: 'PATCH',
      path: `/funding/projects/${projectId}/time-records/${list.body.id}`,
      claims: a,
      body: { hours: 3 },
    });
    expect(moved.status, moved.text).toBe(200);
    expect((await report()).body.totals.weeks[0]).toMatchObject({ booked: 19, projectHours: 9 });
    const removed = await call(deleteRecord, {
      method: 'DELETE',
      path: `/funding/projects/${projectId}/time-records/${list.body.id}`,
      claims: a,
    });
    expect(removed.status).toBe(204);
    expect((await report()).body.totals.weeks[0]).toMatchObject({ booked: 16, projectHours: 6 });
  });

  it('another network sees none of these hours', async () => {
    await givenNetwork('fph2', ['fph2-a']);
    const res = await report('', claims.coordinator('fph2'));
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain('fph-a');
    expect(res.body.totals.weeks[0]).toMatchObject({ booked: 0, projectHours: 0 });
  });
});
