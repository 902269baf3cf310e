import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { matchKeys, weekAttr } from '#functions/matching/store';
import { createResource } from '#functions/networks/store';
import { poolKeys } from '#functions/purchasing/store';
import { db, tableName } from '#shared/db/client';

/** A resource of a partner that exists (through the networks store). */
export function givenResource(
  networkId: string,
  partnerId: string,
  id: string,
  kind: 'people' | 'room' | 'machine',
  hoursPerWeek: number,
  exceptions: { from: string; to: string; hours: number }[] = [],
) {
  return createResource(networkId, { id, partnerId, kind, name: `${kind} ${id}`, hoursPerWeek, exceptions });
}

/**
 * Booked hours of a resource in a week, as an accepted job leaves them (the week's entry in the
 * resource-year item matching's accept transaction writes, with its keys), without going through
 * inquiry, match and accept. Sets the week's hours (a second call for the week replaces them).
 */
export async function givenBooking(
  networkId: string,
  partnerId: string,
  resourceId: string,
  week: string,
  booked: number,
) {
  const year = Number(week.slice(0, 4));
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: matchKeys.bookingYear(networkId, year, partnerId, resourceId),
      UpdateExpression: 'SET #w = :b, #entity = :entity, #v = :v',
      ExpressionAttributeNames: {
        '#w': weekAttr(Number(week.slice(6))),
        '#entity': 'entity',
        '#v': 'v',
      },
      ExpressionAttributeValues: {
        ':b': booked,
        ':entity': 'booking',
        ':v': 2,
      },
    }),
  );
}

/** A referral ledger entry as accepting a job writes it. */
export async function givenLedgerEntry(
  networkId: string,
  e: { at: string; jobId: string; giver: string; receiver: string; hours: number },
) {
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...matchKeys.ledger(networkId, e.at, e.jobId, e.receiver),
        entity: 'ledger-entry',
        v: 1,
        inquiryId: `inq-${e.jobId}`,
        ...e,
      },
    }),
  );
}

/** A pool as closing leaves it: closed, with an allocation naming each partner's savings. */
export function closedPoolItem(
  networkId: string,
  id: string,
  closedAt: string,
  savings: { partnerId: string; savingsVsListCents: number; savingsVsAloneCents?: number }[],
) {
  const lines = savings.map(({ partnerId, savingsVsListCents, savingsVsAloneCents = 1000 }) => ({
    partnerId,
    requestedQuantity: 10,
    quantity: 10,
    unitPriceCents: 1000,
    lineTotalCents: 10_000,
    shippingCents: 0,
    totalCents: 10_000,
    savingsVsListCents,
    aloneQuantity: 10,
    aloneUnitPriceCents: 1100,
    aloneTotalCents: 11_000,
    savingsVsAloneCents,
  }));
  const total = (f: (l: (typeof lines)[number]) => number) => lines.reduce((s, l) => s + f(l), 0);
  return {
    ...poolKeys.pool(networkId, id),
    gsi1pk: poolKeys.byState(networkId, 'closed'),
    gsi1sk: `${closedAt}#${id}`,
    entity: 'pool',
    v: 1,
    id,
    supplier: { name: 'Holz Großhandel GmbH', email: 'orders@holz.example' },
    article: { name: 'OSB-Platte 18 mm', number: 'OSB-18', unit: 'Stk' },
    listPriceCents: 1500,
    tiers: [{ minQuantity: 10, unitPriceCents: 1000 }],
    deadline: closedAt,
    timezone: 'Europe/Vienna',
    endAction: 'order_always',
    shippingCents: 0,
    shippingSplit: 'by_quantity',
    showParticipantQuantities: false,
    createdBy: { role: 'coordinator' },
    status: 'closed',
    totalQuantity: total((l) => l.quantity),
    participants: lines.length,
    tierNotified: 1,
    closeTrigger: 'deadline',
    closedAt,
    allocation: {
      requestedQuantity: total((l) => l.quantity),
      orderQuantity: total((l) => l.quantity),
      packRoundingUnits: 0,
      tier: 1,
      unitPriceCents: 1000,
      goodsTotalCents: total((l) => l.lineTotalCents),
      shippingCents: 0,
      totalCents: total((l) => l.totalCents),
      savingsVsListCents: total((l) => l.savingsVsListCents),
      savingsVsAloneCents: total((l) => l.savingsVsAloneCents),
      lines,
    },
    createdAt: closedAt,
    updatedAt: closedAt,
  };
}

/** Puts a closed pool (closedPoolItem) into the table. */
export async function givenClosedPool(
  networkId: string,
  id: string,
  closedAt: string,
  savings: Record<string, number>,
) {
  const lines = Object.entries(savings).map(([partnerId, savingsVsListCents]) => ({
    partnerId,
    savingsVsListCents,
  }));
  await db.send(
    new PutCommand({ TableName: tableName, Item: closedPoolItem(networkId, id, closedAt, lines) }),
  );
}
