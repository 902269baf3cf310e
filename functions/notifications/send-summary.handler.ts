import middy from '@middy/core';
import { getNetwork } from '#functions/networks/store';
import { logContext, logger } from '#shared/log';
import { mailDomain } from '#shared/mail/config';
import { queuedMailItem } from '#shared/mail/outbox';
import { nowIso } from '#shared/time';
import { noticeSender, recipients, summaryMail } from './notify';
import { SummaryEvent } from './schema';
import { listPending, listPreferences, personKey, sendSummary } from './store';
import { dayIn } from './summary';

/**
 * EventBridge Scheduler target (daily, 07:00 in the network's time zone): each person who chose
 * `daily` and has pending notices gets ONE summary mail, queued with the id
 * `notify-summary-<day>-<person>` together with the deletion of what it summarises, so a retried
 * run the same day mails nobody twice and a notice is summarised once.
 */
export const handler = middy<unknown, { sent: number }>()
  .use(logContext())
  .handler(async (event) => {
    const { networkId, scheduledTime } = SummaryEvent.parse(event);
    const [network, prefs] = await Promise.all([getNetwork(networkId), listPreferences(networkId)]);
    if (!network) return { sent: 0 };
    const day = dayIn(scheduledTime ?? nowIso(), network.timezone);
    const from = noticeSender(network, mailDomain());
    let sent = 0;
    for (const r of recipients(network, prefs).filter((x) => x.delivery === 'daily')) {
      const pending = await listPending(networkId, r.email);
      if (pending.length === 0) continue;
      const mail = summaryMail(network, from, r, day, pending);
      const item = queuedMailItem(networkId, mail, { id: `notify-summary-${day}-${personKey(r.email)}` });
      if (await sendSummary(networkId, item, pending)) sent++;
    }
    logger.info('notification summary', { networkId, day, sent });
    return { sent };
  });
