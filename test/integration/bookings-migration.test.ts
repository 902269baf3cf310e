/**
 * Bookings moved from one item per resource and week to one item per resource and ISO-week year
 * (docs/data-model.md, "Matching"): what a DATA_DIR of an older version holds is migrated on
 * `npm start` (infra/local/migrate.ts), once, and afterwards every calendar, match and accept
 * sees the same hours as before.
 */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { handler as acceptProposal } from '#functions/matching/accept-proposal.handler';
import { handler as getCalendar } from '#functions/matching/get-calendar.handler';
import { handler as requestProposals } from '#functions/matching/request-proposals.handler';
import { listBookings, matchKeys, migrateLegacyBookings } from '#functions/matching/store';
import { migrateLocalData } from '#infra/local/migrate';
import { db, tableName } from '#shared/db/client';
import { networkPk } from '#shared/db/keys';
import { call, claims } from '#test/support/api';
import { givenInquiry, givenMatchingNetwork, givenPartner, WEEK } from '#test/support/matching';
import { useFileOutbox } from '#test/support/outbox';

useFileOutbox();

/** A booking item exactly as the old accept transaction wrote it. */
async function givenLegacyBooking(
  networkId: string,
  partnerId: string,
  resourceId: string,
  week: string,
  booked: number,
) {
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...matchKeys.legacyBooking(networkId, week, partnerId, resourceId),
        entity: 'booking',
        v: 1,
        partnerId,
        resourceId,
        week,
        booked,
        capacity: 40,
        gsi1pk: `${networkPk(networkId)}#PARTNER#${partnerId}#BOOK`,
        gsi1sk: `${week}#${resourceId}`,
      },
    }),
  );
}

const legacyLeft = async (networkId: string) =>
  (
    await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :old)',
        ExpressionAttributeValues: { ':pk': networkPk(networkId), ':old': 'BOOK#' },
      }),
    )
  ).Items ?? [];

describe('migrating week bookings to resource-years', () => {
  it('moves every week, across a year end, once: a second run changes nothing', async () => {
    // Prepare: 35 h in 2030-W10, 0 h left in W11 by a cancel, 12 h in 2031-W01
    await givenMatchingNetwork('mg1');
    await givenPartner('mg1', 'mg1-tischler', { carpentry: 4 }, 40);
    await givenLegacyBooking('mg1', 'mg1-tischler', 'mg1-tischler-r1', '2030-W10', 35);
    await givenLegacyBooking('mg1', 'mg1-tischler', 'mg1-tischler-r1', '2030-W11', 0);
    await givenLegacyBooking('mg1', 'mg1-tischler', 'mg1-tischler-r1', '2031-W01', 12);
    // Act
    const first = await migrateLegacyBookings('mg1');
    const second = await migrateLegacyBookings('mg1');
    // Assess
    expect([first, second]).toEqual([3, 0]);
    expect(await legacyLeft('mg1')).toEqual([]);
    const lines = await listBookings('mg1', '2030-W01', '2031-W52');
    expect(lines.map((b) => [b.week, b.booked])).toEqual([
      ['2030-W10', 35],
      ['2030-W11', 0],
      ['2031-W01', 12],
    ]);
    const calendar = await call(getCalendar, {
      method: 'GET',
      path: `/calendar?from=${WEEK.from}&to=${WEEK.to}&partnerId=mg1-tischler`,
      claims: claims.coordinator('mg1'),
    });
    expect(calendar.body.partners[0].weeks[0]).toMatchObject({ week: '2030-W10', booked: 35, free: 5 });
  });

  it('keeps migrated hours booked: an accept that needs more than is left is refused', async () => {
    await givenMatchingNetwork('mg2');
    await givenPartner('mg2', 'mg2-tischler', { carpentry: 4 }, 40);
    await givenLegacyBooking('mg2', 'mg2-tischler', 'mg2-tischler-r1', '2030-W10', 35);
    // a proposal made before the migration, on the old items' hours (5 h free)
    const inquiry = await givenInquiry('mg2', { competences: [{ competenceId: 'carpentry', hours: 5 }] });
    const run = await call(requestProposals, {
      method: 'POST',
      path: `/inquiries/${inquiry.id}/proposals`,
      claims: claims.coordinator('mg2'),
      body: {},
    });
    expect(run.status).toBe(201);
    await migrateLegacyBookings('mg2');
    await givenLegacyBooking('mg2', 'mg2-tischler', 'mg2-tischler-r1', '2030-W10', 3);
    await migrateLegacyBookings('mg2');
    // Act: 38 of 40 h are booked now, the proposal wants 5
    const res = await call(acceptProposal, {
      method: 'POST',
      path: `/inquiries/${inquiry.id}/proposals/${run.body.proposals[0].id}/accept`,
      claims: claims.coordinator('mg2'),
      body: {},
    });
    // Assess
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/capacity ran out: partner mg2-tischler has 2 of the 5 hours free/);
    expect((await listBookings('mg2', '2030-W10', '2030-W10')).map((b) => b.booked)).toEqual([38]);
  });

  it('runs on start for every network of the local table, then not again', async () => {
    await givenMatchingNetwork('mg3');
    await givenMatchingNetwork('mg4');
    await givenPartner('mg3', 'mg3-a', { carpentry: 4 }, 40);
    await givenPartner('mg4', 'mg4-a', { carpentry: 4 }, 40);
    await givenLegacyBooking('mg3', 'mg3-a', 'mg3-a-r1', '2030-W10', 8);
    await givenLegacyBooking('mg4', 'mg4-a', 'mg4-a-r1', '2030-W10', 9);
    await givenLegacyBooking('mg4', 'mg4-a', 'mg4-a-r1', '2030-W12', 10);
    // Act
    const first = await migrateLocalData();
    const again = await migrateLocalData();
    // Assess: mg1/mg2 of the tests above hold nothing old any more
    expect(first.bookingsMoved).toBe(3);
    expect(again.bookingsMoved).toBe(0);
    expect((await listBookings('mg3', '2030-W10', '2030-W12')).map((b) => b.booked)).toEqual([8]);
    expect((await listBookings('mg4', '2030-W10', '2030-W12')).map((b) => b.booked)).toEqual([9, 10]);
    expect([...(await legacyLeft('mg3')), ...(await legacyLeft('mg4'))]).toEqual([]);
  });
});
