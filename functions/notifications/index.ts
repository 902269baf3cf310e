/**
 * What other capabilities use of notifications: `notify` (write the items right away) and
 * `noticeItemsFor` (put them into the caller's own transaction).
 */
import { getNetwork } from '#functions/networks/store';
import type { TransactItem } from '#shared/db/transact';
import { mailDomain } from '#shared/mail/config';
import { nowIso } from '#shared/time';
import { noticeItems } from './items';
import type { Notice } from './notify';
import { listPreferences, writeNotices } from './store';

export type { Notice, NoticeContent, NoticeKind } from './notify';

/** The items telling the network's people of `notice` (immediate mails or summary lines). */
export async function noticeItemsFor(networkId: string, notice: Notice): Promise<TransactItem[]> {
  const [network, prefs] = await Promise.all([getNetwork(networkId), listPreferences(networkId)]);
  if (!network) return [];
  return noticeItems(network, prefs, notice, mailDomain(), nowIso());
}

/** Tells the network's people of `notice`; a repeat of the same event (same key) tells nobody again. */
export async function notify(networkId: string, notice: Notice): Promise<number> {
  return writeNotices(await noticeItemsFor(networkId, notice));
}
