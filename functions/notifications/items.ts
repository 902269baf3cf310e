import type { Network } from '#functions/networks/index';
import type { TransactItem } from '#shared/db/transact';
import { formats, networkLang } from '#shared/i18n';
import { queuedMailItem } from '#shared/mail/outbox';
import { type Notice, noticeMail, noticeSender, recipients } from './notify';
import type { Preference } from './schema';
import { pendingItem, personKey } from './store';

/** The items that tell each recipient of `notice`: a queued mail or a pending summary line. */
export function noticeItems(
  network: Network,
  prefs: readonly Preference[],
  notice: Notice,
  domain: string,
  at: string,
): TransactItem[] {
  const from = noticeSender(network, domain);
  return recipients(network, prefs).map((r) => {
    const content = notice.content(
      r.lang,
      formats(r.lang, network.timezone, r.lang === networkLang(network) ? network.language : undefined),
    );
    return r.delivery === 'immediate'
      ? queuedMailItem(network.id, noticeMail(network, from, r, content), {
          id: `notify-${notice.kind}-${notice.key}-${personKey(r.email)}`,
        })
      : pendingItem(network.id, r.email, `${notice.kind}-${notice.key}`, {
          kind: notice.kind,
          line: content.line,
          at,
        });
  });
}
