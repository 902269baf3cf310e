/**
 * The use cases of the reports capability: each loads what it needs (its store and the other
 * capabilities' stores, Queries and GetItems only), calls the pure rules, writes, and mails.
 * Handlers parse, authorise and call exactly one of these.
 */

import { listMeetingsWithAttendance, postsSince } from '#functions/exchange/store';
import { listInquiryAges } from '#functions/inquiries/store';
import { listBookings, listLedger } from '#functions/matching/store';
import type { Network } from '#functions/networks/index';
import { getNetwork, getPartner, listPartnersWithResources } from '#functions/networks/store';
import { listClosedPoolsSince } from '#functions/purchasing/store';
import type { CallerOf } from '#shared/http/auth';
import { NotFoundError, ValidationError } from '#shared/http/errors';
import { type Lang, langOr, networkLang } from '#shared/i18n';
import { logger } from '#shared/log';
import { loadMailConfig } from '#shared/mail/config';
import { sendMail } from '#shared/mail/send';
import { recordUsage } from '#shared/metering/store';
import { scheduler } from '#shared/scheduler/index';
import { buildReport, OPEN_STATUSES, type Period, partnerReport, type Report, reportPeriod } from './report';
import { reportMail } from './reports-mail';
import { reportScheduleName, scheduleErrors, scheduleSpec, settingsOf } from './schedule';
import type { Delivery, Recipient, ReportQuery, ScheduleBody } from './schema';
import {
  claimDelivery,
  deleteSettings,
  finishDelivery,
  getSettings,
  listDeliveries,
  listSubscriptions,
  markSentTo,
  putSettings,
  setSubscription,
} from './store';

type Coordinator = CallerOf<'coordinator'>;
type Member = CallerOf<'coordinator' | 'partner'>;

const DAY = 86_400_000;

async function networkOr404(networkId: string): Promise<Network> {
  const network = await getNetwork(networkId);
  if (!network) throw new NotFoundError('network');
  return network;
}

/** The period of a request or a schedule, or 400 naming `from`/`to`. */
function periodOr400(
  now: Date | string,
  timezone: string,
  given: { from?: string; to?: string } = {},
): Period {
  const result = reportPeriod(now, timezone, given);
  if ('errors' in result) {
    throw new ValidationError(`${result.errors[0]!.path}: ${result.errors[0]!.message}`, result.errors);
  }
  return result.period;
}

/**
 * Loads everything a report needs, one Query per entity family (partners with resources,
 * bookings in the weeks, ledger entries in the period, open inquiries per status, closed pools),
 * and builds the coordinator's version.
 */
export async function loadReport(network: Network, period: Period, now = new Date()): Promise<Report> {
  const networkId = network.id;
  // a pool closes at its deadline or before; a day of slack covers a late scheduled close
  const poolsSince = new Date(Date.parse(period.start) - DAY).toISOString();
  const [{ partners, resources }, bookings, ledger, openInquiries, closedPools, posts, meetings] =
    await Promise.all([
      listPartnersWithResources(networkId),
      listBookings(networkId, period.from, period.to),
      listLedger(networkId, period.start, new Date(Date.parse(period.until) - 1).toISOString()),
      listInquiryAges(networkId, OPEN_STATUSES),
      listClosedPoolsSince(networkId, poolsSince),
      postsSince(networkId, period.start),
      listMeetingsWithAttendance(networkId),
    ]);
  return buildReport({
    network: { id: network.id, name: network.name },
    period,
    generatedAt: now.toISOString(),
    partners,
    resources,
    bookings,
    ledger,
    openInquiries,
    closedPools,
    exchange: { posts, meetings },
  });
}

/** The report a caller may see: the coordinator's whole, a partner's own version. */
export async function reportFor(caller: Member, query: ReportQuery) {
  const network = await networkOr404(caller.networkId);
  const period = periodOr400(new Date(), network.timezone, query);
  const report = await loadReport(network, period);
  if (caller.role === 'coordinator') return report;
  // a partner that is not (or no longer) an active partner of this network learns nothing
  if (!report.partners.some((p) => p.partnerId === caller.partnerId)) throw new NotFoundError('partner');
  return partnerReport(report, caller.partnerId);
}

// ---- schedule settings and subscriptions ----------------------------------------------------------

/**
 * Makes the network's EventBridge schedule match the stored settings. Two saves racing can apply
 * their schedules in the opposite order of their writes, so after applying, the settings are read
 * again and applied once more until what was applied is what is stored.
 */
export async function applySchedule(networkId: string): Promise<void> {
  let settings = await getSettings(networkId);
  for (let round = 0; round < 5; round++) {
    if (settings?.enabled) await scheduler().upsert(scheduleSpec(networkId, settings));
    else await scheduler().remove(settings?.scheduleName ?? reportScheduleName(networkId));
    const again = await getSettings(networkId);
    if (again?.revision === settings?.revision) return;
    settings = again;
  }
}

interface Addressee {
  /** `coordinator` or `partner:<id>`: what the delivery record notes as sent. */
  key: string;
  kind: 'coordinator' | 'partner';
  partnerId?: string;
  name: string;
  email: string;
  /** The language the report goes out in: the partner's, else the network's (German by default). */
  lang: Lang;
}

/** Who gets the report: the coordinator (the network's contact person) always, partners who opted in. */
async function recipientsOf(network: Network): Promise<Addressee[]> {
  const [{ partners }, subscriptions] = await Promise.all([
    listPartnersWithResources(network.id),
    listSubscriptions(network.id),
  ]);
  const subscribed = new Set(subscriptions.map((s) => s.partnerId));
  const lang = networkLang(network);
  return [
    {
      key: 'coordinator',
      kind: 'coordinator' as const,
      name: network.contact.name,
      email: network.contact.email,
      lang,
    },
    ...partners
      .filter((p) => p.active && subscribed.has(p.id))
      .map((p) => ({
        key: `partner:${p.id}`,
        kind: 'partner' as const,
        partnerId: p.id,
        name: p.name,
        email: p.contact.email,
        lang: langOr(p.language, lang),
      })),
  ];
}

/** The schedule settings and recipients (a partner: the schedule and whether it is subscribed). */
export async function scheduleView(caller: Member) {
  const network = await networkOr404(caller.networkId);
  const [settings, recipients] = await Promise.all([getSettings(network.id), recipientsOf(network)]);
  const schedule = settings ? { ...settings, scheduleName: undefined } : { enabled: false };
  if (caller.role === 'partner') {
    return { schedule, subscribed: recipients.some((r) => r.partnerId === caller.partnerId) };
  }
  return { schedule, recipients: recipients.map(({ key: _, lang: __, ...r }) => r) };
}

/** Saves the schedule settings (next revision of what was read) and creates/updates the schedule. */
export async function saveSchedule(caller: Coordinator, body: ScheduleBody) {
  const network = await networkOr404(caller.networkId);
  const timezone = body.timezone ?? network.timezone;
  const errors = scheduleErrors(body, timezone, new Date());
  if (errors.length > 0) throw new ValidationError(`${errors[0]!.path}: ${errors[0]!.message}`, errors);
  const current = await getSettings(network.id);
  const stored = await putSettings(
    network.id,
    settingsOf(network.id, body, timezone),
    caller.sub,
    current?.revision,
  );
  await applySchedule(network.id);
  return { ...stored, scheduleName: undefined };
}

/** Deletes the settings and the schedule; 404 when there were none. */
export async function removeSchedule(caller: Coordinator) {
  const removed = await deleteSettings(caller.networkId);
  if (!removed) throw new NotFoundError('report schedule');
  await applySchedule(caller.networkId);
}

/** A partner opts in to (or out of) the scheduled report. */
export async function subscribe(caller: CallerOf<'partner'>, subscribed: boolean) {
  const found = await getPartner(caller.networkId, caller.partnerId);
  if (!found) throw new NotFoundError('partner');
  await setSubscription(caller.networkId, caller.partnerId, subscribed);
  return { partnerId: caller.partnerId, subscribed, email: found.partner.contact.email };
}

/** The report history: periods, when, and to whom it went. */
export async function history(caller: Coordinator, limit = 20) {
  const [network, items] = await Promise.all([
    getNetwork(caller.networkId),
    listDeliveries(caller.networkId, limit),
  ]);
  if (!network) throw new NotFoundError('network');
  return items;
}

// ---- delivery ------------------------------------------------------------------------------------------

/** Thrown when another attempt is sending the same report right now: the scheduler retries later. */
export class DeliveryInProgressError extends Error {
  override name = 'DeliveryInProgressError';
}

/** An attempt `sending` for longer than this died (Lambda timeout is 60 s); a retry may take over. */
export const STALE_CLAIM_MS = 5 * 60_000;

export type DeliveryOutcome =
  | { outcome: 'sent'; period: { from: string; to: string }; recipients: Recipient[] }
  | { outcome: 'already-sent'; period: { from: string; to: string }; delivery: Delivery }
  | { outcome: 'skipped'; reason: string };

/**
 * Sends the network's report for the period around `scheduledTime` (in the network's timezone)
 * to the coordinator and the partners who opted in, each its own version with the CSV attached.
 * Idempotent per network and period: one conditional write claims the delivery, each sent mail is
 * noted, a retry after a failure sends only what is missing, a repeated schedule sends nothing.
 */
export async function deliverReport(
  networkId: string,
  scheduledTime: string,
  trigger: Delivery['trigger'],
): Promise<DeliveryOutcome> {
  const network = await getNetwork(networkId);
  if (!network) return { outcome: 'skipped', reason: `network ${networkId} does not exist` };
  if (trigger === 'schedule') {
    const settings = await getSettings(networkId);
    if (!settings?.enabled) return { outcome: 'skipped', reason: 'scheduled reports are turned off' };
  }
  const period = periodOr400(scheduledTime, network.timezone);
  const key = { from: period.from, to: period.to };
  const now = new Date();
  const claim = await claimDelivery(
    networkId,
    { ...key, trigger, scheduledTime: new Date(scheduledTime).toISOString() },
    now.toISOString(),
    new Date(now.getTime() - STALE_CLAIM_MS).toISOString(),
  );
  if (claim.outcome === 'sent') return { outcome: 'already-sent', period: key, delivery: claim.delivery };
  if (claim.outcome === 'in-progress') {
    throw new DeliveryInProgressError(
      `the report ${key.from}–${key.to} of ${networkId} is being sent by another attempt (since ${claim.delivery.claimedAt}); retry later`,
    );
  }
  const { token } = claim;
  const done = new Set(claim.delivery.sentTo ?? []);
  let finished = false;
  try {
    const [report, recipients] = await Promise.all([loadReport(network, period, now), recipientsOf(network)]);
    const domain = loadMailConfig().domain;
    const from = { name: network.name, address: `${network.inboundLocalPart}@${domain}` };
    const replyTo = { name: network.contact.name, address: network.contact.email };
    const results: Recipient[] = [];
    let mailed = 0;
    for (const r of recipients) {
      const { key: who, lang, ...recipient } = r;
      if (done.has(who)) {
        results.push({ ...recipient, status: 'sent' });
        continue;
      }
      const version = r.partnerId ? partnerReport(report, r.partnerId) : report;
      try {
        await sendMail(reportMail(version, from, { name: r.name, address: r.email }, replyTo, lang));
        await markSentTo(networkId, key, token, who);
        mailed++;
        results.push({ ...recipient, status: 'sent' });
      } catch (error) {
        logger.error('report mail not sent', { networkId, recipient: who, error: error as Error });
        results.push({ ...recipient, status: 'failed' });
      }
    }
    if (mailed > 0) await recordUsage(networkId, 'emailsSent', mailed);
    const failed = results.filter((r) => r.status === 'failed');
    if (failed.length > 0) {
      const error = `not sent to ${failed.map((f) => f.email).join(', ')}`;
      await finishDelivery(networkId, key, token, { status: 'failed', recipients: results, error });
      finished = true;
      throw new Error(`report ${key.from}–${key.to} of ${networkId}: ${error}; a retry sends only these`);
    }
    await finishDelivery(networkId, key, token, { status: 'sent', recipients: results });
    await recordUsage(networkId, 'reportsSent');
    return { outcome: 'sent', period: key, recipients: results };
  } catch (err) {
    // leave the record claimable by the retry at once, not only after STALE_CLAIM_MS
    if (!finished) {
      await finishDelivery(networkId, key, token, {
        status: 'failed',
        recipients: [],
        error: (err as Error).message,
      }).catch(() => undefined);
    }
    throw err;
  }
}
