/**
 * The calendar feed: each partner (and the coordinator, for the whole network) may have one
 * secret feed URL that calendar apps subscribe to. Only a digest of the token is stored (like
 * the customer's status link); creating a feed again rotates it, and the old URL answers 404 at
 * once. The feed lists the accepted jobs as the job mails' events (same UIDs, so a subscribed
 * calendar and an accepted invitation do not show the same weeks twice).
 */

import { createHash, randomBytes } from 'node:crypto';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { getInquiry } from '#functions/inquiries/store';
import { getNetwork, listPartnersWithResources, networkIdBySlug } from '#functions/networks/store';
import { icsText } from '#shared/calendar/ics';
import { db, tableName } from '#shared/db/client';
import { failedTransactionItems, isTransactionConflict } from '#shared/db/errors';
import { networkPk, part } from '#shared/db/keys';
import { queryPrefix } from '#shared/db/query';
import type { CallerOf } from '#shared/http/auth';
import { ConflictError, NotFoundError } from '#shared/http/errors';
import { clientBucket, enforceRate } from '#shared/http/rate-limit';
import { loadMailConfig } from '#shared/mail/config';
import { nowIso } from '#shared/time';
import { jobEvents } from './matching-mail';
import { Job } from './schema';

type Owner = CallerOf<'coordinator' | 'partner'>;

/** 32 random bytes, URL-safe: unguessable, and a digest of it is all the table holds. */
export const newFeedToken = () => randomBytes(32).toString('base64url');
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const digestOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** The owner of a feed: `network` (the coordinator's) or the partner's id. */
const ownerOf = (caller: Owner) => (caller.role === 'partner' ? caller.partnerId : 'network');

export const feedKeys = {
  /** The owner's feed: which digest is current (to remove its lookup on rotation). */
  feed: (networkId: string, owner: string) => ({ pk: networkPk(networkId), sk: `CALFEED#${part(owner)}` }),
  /** A token's digest → its owner (what the public URL reads). */
  token: (networkId: string, digest: string) => ({ pk: networkPk(networkId), sk: `CALFEEDTOKEN#${digest}` }),
};

/** Reads per client and minute on the public feed: calendar apps poll every few hours. */
const FEED_READS = { limit: 60, windowSeconds: 60 };

async function currentFeed(networkId: string, owner: string): Promise<{ digest: string } | undefined> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: feedKeys.feed(networkId, owner) }));
  return out.Item ? { digest: String(out.Item.digest) } : undefined;
}

/**
 * Creates the caller's feed, or rotates it: a new token, the old one's lookup deleted in the same
 * transaction (conditional on the feed being the one read, so two rotations at once leave one
 * token working, not two). Returns the token; the handler makes the URL.
 */
export async function rotateFeed(caller: Owner): Promise<string> {
  const owner = ownerOf(caller);
  const before = await currentFeed(caller.networkId, owner);
  const token = newFeedToken();
  const digest = digestOf(token);
  const now = nowIso();
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: {
                ...feedKeys.feed(caller.networkId, owner),
                type: 'CalendarFeed',
                v: 1,
                owner,
                digest,
                createdAt: now,
              },
              ...(before
                ? {
                    ConditionExpression: 'digest = :old',
                    ExpressionAttributeValues: { ':old': before.digest },
                  }
                : { ConditionExpression: 'attribute_not_exists(pk)' }),
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: {
                ...feedKeys.token(caller.networkId, digest),
                type: 'CalendarFeedToken',
                v: 1,
                owner,
                createdAt: now,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...(before
            ? [{ Delete: { TableName: tableName, Key: feedKeys.token(caller.networkId, before.digest) } }]
            : []),
        ],
      }),
    );
  } catch (error) {
    // another rotation landed first (its condition failed here) or is landing now
    if (isTransactionConflict(error) || failedTransactionItems(error).length > 0)
      throw new ConflictError('the calendar feed was changed at the same time; try again');
    throw error;
  }
  return token;
}

/** Revokes the caller's feed: its URL answers 404 from now on. 404 when there is none. */
export async function revokeFeed(caller: Owner): Promise<void> {
  const owner = ownerOf(caller);
  const before = await currentFeed(caller.networkId, owner);
  if (!before) throw new NotFoundError('calendar feed');
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: tableName,
              Key: feedKeys.feed(caller.networkId, owner),
              ConditionExpression: 'digest = :old',
              ExpressionAttributeValues: { ':old': before.digest },
            },
          },
          { Delete: { TableName: tableName, Key: feedKeys.token(caller.networkId, before.digest) } },
        ],
      }),
    );
  } catch (error) {
    if (isTransactionConflict(error) || failedTransactionItems(error).length > 0)
      throw new NotFoundError('calendar feed');
    throw error;
  }
}

/**
 * The feed behind a public URL as iCalendar text: the owner's accepted jobs (a partner: its own
 * parts; the coordinator: every partner's), one event per run of booked weeks. An unknown slug,
 * a malformed, rotated or revoked token all answer the same 404.
 */
export async function feedIcs(slug: string, token: string, sourceIp: string): Promise<string> {
  const networkId = await networkIdBySlug(slug);
  if (!networkId || !TOKEN.test(token)) throw new NotFoundError('calendar feed');
  await enforceRate(
    networkId,
    `calfeed-${clientBucket(sourceIp)}`,
    FEED_READS.limit,
    FEED_READS.windowSeconds,
  );
  const [lookup, network] = await Promise.all([
    db.send(new GetCommand({ TableName: tableName, Key: feedKeys.token(networkId, digestOf(token)) })),
    getNetwork(networkId),
  ]);
  if (!lookup.Item || !network) throw new NotFoundError('calendar feed');
  const owner = String(lookup.Item.owner);
  const [jobItems, { partners }] = await Promise.all([
    queryPrefix(networkPk(networkId), 'JOB#'),
    listPartnersWithResources(networkId),
  ]);
  // the newest job per inquiry counts (an inquiry re-matched after a cancellation has two)
  const newest = new Map<string, Job>();
  for (const item of jobItems) {
    const job = Job.parse(item);
    const seen = newest.get(job.inquiryId);
    if (!seen || seen.id < job.id) newest.set(job.inquiryId, job);
  }
  const jobs = [...newest.values()].filter(
    (j) => j.status === 'accepted' && (owner === 'network' || j.bookings.some((b) => b.partnerId === owner)),
  );
  const inquiries = await Promise.all(jobs.map((j) => getInquiry(networkId, j.inquiryId)));
  const mailDomain = loadMailConfig().domain;
  const shown = partners.filter((p) => owner === 'network' || p.id === owner);
  const events = jobs.flatMap((job, i) => {
    const inquiry = inquiries[i];
    if (!inquiry) return [];
    return shown.flatMap((partner) =>
      // a published event, not an invitation: no organizer or attendees for the app to answer
      jobEvents({ network, mailDomain, inquiry, job }, partner).map(
        ({ organizer: _, attendees: __, ...e }) =>
          owner === 'network' ? { ...e, summary: `${e.summary} – ${partner.name}` } : e,
      ),
    );
  });
  const name = owner === 'network' ? network.name : `${network.name}: ${shown[0]?.name ?? owner}`;
  return icsText({ method: 'PUBLISH', name, timezone: network.timezone, stamp: nowIso(), events });
}
