import { getNetwork, listPartnersWithResources } from '#functions/networks/store';
import { ENV } from '#shared/env-names';
import { mailDomain } from '#shared/mail/config';
import { queueMail } from '#shared/mail/outbox';
import { nowIso } from '#shared/time';
import { meetingMail } from './exchange-mail';
import { languageOf } from './expertise';
import { icsOf } from './ics';
import { meetingEvent } from './meeting';
import { newLinkKey, rsvpLinks, signRsvpToken } from './rsvp-link';
import type { Meeting } from './schema';
import { getMeeting, linkKey } from './store';

/**
 * A meeting's mails through the outbox: the invitation (each with its own iCalendar REQUEST,
 * the partner as attendee) to every active partner, and the reminder the day before to those
 * who have not declined, the cancellation (an iCalendar CANCEL, same UID, the raised SEQUENCE) to
 * every active partner. Ids `xm-<meetingId>-<kind>-<partnerId>`: a retry mails nobody twice.
 */
export async function mailMeeting(
  networkId: string,
  meeting: Meeting,
  kind: 'invite' | 'reminder' | 'cancel',
): Promise<number> {
  const [network, { partners }, current] = await Promise.all([
    getNetwork(networkId),
    listPartnersWithResources(networkId),
    kind === 'reminder' ? getMeeting(networkId, meeting.id) : Promise.resolve(undefined),
  ]);
  if (!network || (kind === 'reminder' && current?.meeting.cancelledAt)) return 0;
  const from = { name: network.name, address: `${network.inboundLocalPart}@${mailDomain()}` };
  const sender = { from, networkName: network.name };
  const now = nowIso();
  // yes / no / maybe links where the console's origin is known (CONSOLE_URL), not in a cancellation
  const base = process.env[ENV.consoleUrl];
  const key = base && kind !== 'cancel' ? await linkKey(networkId, newLinkKey) : undefined;
  const queued = await Promise.all(
    partners
      .filter((p) => p.active && current?.answers.get(p.id) !== 'no')
      .map((p) => {
        const to = { partnerId: p.id, name: p.name, email: p.contact.email, lang: languageOf(p) };
        const ics =
          kind !== 'reminder'
            ? icsOf(
                meetingEvent(
                  meeting,
                  mailDomain(),
                  { name: network.name, email: from.address },
                  { name: p.name, email: p.contact.email },
                  now,
                ),
              )
            : undefined;
        const links =
          base && key
            ? rsvpLinks(
                base,
                network.slug,
                signRsvpToken(key, networkId, meeting.id, p.id, meeting.endsAt),
                to.lang,
              )
            : undefined;
        return queueMail(networkId, meetingMail(kind, { meeting, ics, links }, sender, to), {
          id: `xm-${meeting.id}-${kind}-${p.id}`,
        });
      }),
  );
  return queued.filter((q) => q.queued).length;
}
