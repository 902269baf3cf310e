/**
 * Utilisation must not mislead (issue 9, section 2): a job books the rooms and machines its
 * competences need as well as people, and the report shows each resource kind on its own, with
 * `all` only over the kinds jobs book; the same numbers in the API, the CSV and the mailed
 * heat-map.
 */
import { describe, expect, it } from 'vitest';
import { handler as acceptProposal } from '#functions/matching/accept-proposal.handler';
import { handler as requestProposals } from '#functions/matching/request-proposals.handler';
import { listBookings } from '#functions/matching/store';
import { handler as getReport } from '#functions/reports/get-utilisation-report.handler';
import { reportHtml } from '#functions/reports/reports-mail';
import { call, claims } from '#test/support/api';
import { givenInquiry, givenMatchingNetwork, givenPartner } from '#test/support/matching';
import { useFileOutbox } from '#test/support/outbox';
import { givenResource } from '#test/support/reports';

useFileOutbox();
const coord = claims.coordinator;

const propose = (networkId: string, inquiryId: string) =>
  call(requestProposals, {
    method: 'POST',
    path: `/inquiries/${inquiryId}/proposals`,
    claims: coord(networkId),
    body: {},
  });
const accept = (networkId: string, inquiryId: string, proposalId: string) =>
  call(acceptProposal, {
    method: 'POST',
    path: `/inquiries/${inquiryId}/proposals/${proposalId}/accept`,
    claims: coord(networkId),
    body: {},
  });
const report = (networkId: string, format?: 'csv') =>
  call(getReport, {
    method: 'GET',
    path: `/reports/utilisation?from=2030-W10&to=2030-W10${format ? `&format=${format}` : ''}`,
    claims: coord(networkId),
  });

/** A joinery with a team of 40 h, a workshop (room) of 45 h and a CNC machine of 40 h a week. */
async function givenJoinery(networkId: string) {
  await givenMatchingNetwork(networkId);
  await givenPartner(networkId, `${networkId}-tischler`, { carpentry: 4 }, 40);
  await givenResource(networkId, `${networkId}-tischler`, 'werkstatt', 'room', 45);
  await givenResource(networkId, `${networkId}-tischler`, 'cnc', 'machine', 40);
}

async function acceptOne(networkId: string, competence: Record<string, number>) {
  const inquiry = await givenInquiry(networkId, {
    competences: [{ competenceId: 'carpentry', ...competence }],
  });
  const run = await propose(networkId, inquiry.id);
  expect(run.status).toBe(201);
  const res = await accept(networkId, inquiry.id, run.body.proposals[0].id);
  expect(res.status).toBe(201);
  return res.body;
}

describe('utilisation per resource kind', () => {
  it('shows a fully booked team as 100 %, not as under-used because of rooms and machines nobody books', async () => {
    // Prepare: a job books all 40 people-hours of week 10
    await givenJoinery('uk1');
    await acceptOne('uk1', { hours: 40 });
    // Act
    const res = await report('uk1');
    const csv = await report('uk1', 'csv');
    // Assess: the API
    expect(res.status).toBe(200);
    expect(res.body.allKinds).toEqual(['people']);
    const row = res.body.partners[0];
    expect(row.weeks[0]).toMatchObject({ available: 40, booked: 40, utilisationPct: 100, band: 'busy' });
    expect(res.body.totals.weeks[0]).toMatchObject({ utilisationPct: 100 });
    // each kind on its own: the workshop and the machine are there, idle
    expect(
      row.kinds.map((k: { kind: string; weeks: { utilisationPct: number }[] }) => [
        k.kind,
        k.weeks[0]!.utilisationPct,
      ]),
    ).toEqual([
      ['people', 100],
      ['room', 0],
      ['machine', 0],
    ]);
    // the CSV's `all` rows say the same
    const lines = csv.text.split('\r\n');
    expect(lines).toContainEqual(
      expect.stringMatching(/^2030-W10,2030-03-04,uk1-tischler,Firma uk1-tischler,all,40,40,40,0,100,busy$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^2030-W10,2030-03-04,uk1-tischler,Firma uk1-tischler,room,45,0,0,0,0,under$/),
    );
    // and so does the mailed heat-map, rendered from the same report
    const html = reportHtml(res.body);
    const heatmap = /<table id="heatmap"[\s\S]*?<\/table>/.exec(html)![0];
    expect(heatmap).toMatch(/Firma uk1-tischler<\/th><td bgcolor="#4ade80" data-band="busy"[^>]*>100&nbsp;%/);
    expect(html).toContain(
      'über die Ressourcenarten, die Aufträge in diesen Wochen gebucht haben: Personen.',
    );
    expect(html).toMatch(/Räume \(nicht gebucht\)/);
  });

  it('books the room and machine hours a competence names, and counts those kinds in `all`', async () => {
    // Prepare
    await givenJoinery('uk2');
    // Act: 20 h of joinery that needs 10 h of the CNC machine and 5 h of the workshop
    const job = await acceptOne('uk2', { hours: 20, machineHours: 10, roomHours: 5 });
    const res = await report('uk2');
    // Assess: the job booked all three kinds
    expect(job.bookings).toEqual([
      { partnerId: 'uk2-tischler', resourceId: 'cnc', week: '2030-W10', hours: 10 },
      { partnerId: 'uk2-tischler', resourceId: 'uk2-tischler-r1', week: '2030-W10', hours: 20 },
      { partnerId: 'uk2-tischler', resourceId: 'werkstatt', week: '2030-W10', hours: 5 },
    ]);
    expect((await listBookings('uk2', '2030-W10', '2030-W10')).map((b) => [b.resourceId, b.booked])).toEqual([
      ['cnc', 10],
      ['uk2-tischler-r1', 20],
      ['werkstatt', 5],
    ]);
    expect(res.body.allKinds).toEqual(['people', 'room', 'machine']);
    // all = (20 + 5 + 10) of (40 + 45 + 40) hours
    expect(res.body.partners[0].weeks[0]).toMatchObject({ available: 125, booked: 35, utilisationPct: 28 });
  });

  it('proposes only partners whose machines have the hours free, and refuses an accept when they ran out', async () => {
    // Prepare: a second joinery without a machine; the first one's CNC is booked 35 of 40 h
    await givenJoinery('uk3');
    await givenPartner('uk3', 'uk3-ohne', { carpentry: 5 }, 40);
    await acceptOne('uk3', { hours: 5, machineHours: 35 });
    const inquiry = await givenInquiry('uk3', {
      competences: [{ competenceId: 'carpentry', hours: 10, machineHours: 10 }],
    });
    // Act
    const run = await propose('uk3', inquiry.id);
    // Assess: nobody has 10 machine hours free, and the answer says so
    expect(run.status).toBe(201);
    expect(run.body.proposals).toEqual([]);
    expect(run.body.reasons).toContainEqual(
      'carpentry: the partners who have it have at most 5 of the 10 machine hours free in the timeframe',
    );
  });

  it('rejects machine hours that are not whole hours ≥ 0 in a proposal request, naming the field', async () => {
    await givenJoinery('uk4');
    const inquiry = await givenInquiry('uk4', { competences: [{ competenceId: 'carpentry', hours: 5 }] });
    const res = await call(requestProposals, {
      method: 'POST',
      path: `/inquiries/${inquiry.id}/proposals`,
      claims: coord('uk4'),
      body: { competences: [{ competenceId: 'carpentry', hours: 5, machineHours: -1 }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('competences.0.machineHours');
  });
});
