import { claims } from '../auth';
import { t } from '../i18n';
import { search } from '../router';
import { MeetingPage, Meetings, ScheduleMeeting } from './exchange-meetings';
import { Compose, PostList } from './exchange-posts';
import { Thread } from './exchange-thread';

/**
 * "Erfahrungsaustausch": the network's questions and practice notes (find by words and
 * competence), a thread with its answers or a note with its files, asking and publishing, and
 * the experience meetings with RSVP and minutes. Partners and the coordinator; partners write,
 * the coordinator moderates and runs the meetings. Post HTML comes sanitised from the API.
 */
export type ExchangeView =
  | { view: 'list' }
  | { view: 'post'; id: string }
  | { view: 'ask' }
  | { view: 'publish' }
  | { view: 'meetings' }
  | { view: 'meeting'; id: string }
  | { view: 'schedule' };

export default function Exchange(props: ExchangeView) {
  const partner = claims.value?.role === 'partner';
  const practices = props.view === 'list' && new URLSearchParams(search.value).get('kind') === 'practice';
  const current = (on: boolean) => (on ? ('page' as const) : undefined);
  return (
    <section class="exchange">
      <nav class="subnav" aria-label={t('exchange.title')}>
        <a href="/austausch" aria-current={current(props.view === 'list' && !practices)}>
          {t('exchange.posts')}
        </a>
        <a href="/austausch?kind=practice" aria-current={current(practices)}>
          {t('exchange.practices')}
        </a>
        <a
          href="/austausch/treffen"
          aria-current={current(props.view === 'meetings' || props.view === 'meeting')}
        >
          {t('exchange.meetings')}
        </a>
        {partner && (
          <a href="/austausch/fragen/neu" aria-current={current(props.view === 'ask')}>
            {t('exchange.ask')}
          </a>
        )}
        {partner && (
          <a href="/austausch/praxis/neu" aria-current={current(props.view === 'publish')}>
            {t('exchange.publish')}
          </a>
        )}
      </nav>
      {props.view === 'list' && <PostList />}
      {props.view === 'post' && <Thread id={props.id} />}
      {props.view === 'ask' && <Compose kind="question" />}
      {props.view === 'publish' && <Compose kind="practice" />}
      {props.view === 'meetings' && <Meetings />}
      {props.view === 'meeting' && <MeetingPage id={props.id} />}
      {props.view === 'schedule' && <ScheduleMeeting />}
    </section>
  );
}
