import middy from '@middy/core';
import { getNetwork, listPartnersWithResources } from '#functions/networks/store';
import { logContext, logger } from '#shared/log';
import { mailDomain } from '#shared/mail/config';
import { queueMail } from '#shared/mail/outbox';
import { DIGEST_DAYS, digestFor } from './digest';
import { digestMail } from './exchange-mail';
import { languageOf } from './expertise';
import { mailMeeting } from './meetings';
import { DigestEvent } from './schema';
import { getMeeting, listMeetings, listPreferences, postsSince } from './store';

/**
 * EventBridge Scheduler target (not an HTTP route): the network's weekly exchange digest, and a
 * meeting's reminder the day before when the event names a `meetingId`. Each
 * partner that has not opted out and has something to read gets one mail, queued with the id
 * `xd-<week start>-<partnerId>`, so a retried or repeated run mails nobody twice.
 */
export const handler = middy<unknown, { queued: number }>()
  .use(logContext())
  .handler(async (event) => {
    const { networkId, scheduledTime, meetingId } = DigestEvent.parse(event);
    if (meetingId) {
      // a meeting's reminder the day before (its own one-time schedule)
      const found = await getMeeting(networkId, meetingId);
      const queued = found ? await mailMeeting(networkId, found.meeting, 'reminder') : 0;
      logger.info('exchange meeting reminder', { networkId, meetingId, queued });
      return { queued };
    }
    const since = new Date(Date.parse(scheduledTime) - DIGEST_DAYS * 86_400_000).toISOString();
    const [network, { partners }, prefs, posts, upcoming] = await Promise.all([
      getNetwork(networkId),
      listPartnersWithResources(networkId),
      listPreferences(networkId),
      postsSince(networkId, since),
      listMeetings(networkId, 'upcoming', scheduledTime, 10),
    ]);
    const nextMeeting = upcoming.find((m) => !m.cancelledAt);
    if (!network) return { queued: 0 };
    const sender = {
      from: { name: network.name, address: `${network.inboundLocalPart}@${mailDomain()}` },
      networkName: network.name,
    };
    const week = scheduledTime.slice(0, 10);
    const results = await Promise.all(
      partners
        .filter((p) => p.active && prefs.get(p.id)?.weeklyDigest !== false)
        .map((p) => {
          const content = digestFor(p, posts, nextMeeting);
          if (!content) return { queued: false };
          const to = { partnerId: p.id, name: p.name, email: p.contact.email, lang: languageOf(p) };
          return queueMail(networkId, digestMail(content, sender, to), { id: `xd-${week}-${p.id}` });
        }),
    );
    const queued = results.filter((r) => r.queued).length;
    logger.info('exchange digest', { networkId, scheduledTime, posts: posts.length, queued });
    return { queued };
  });
