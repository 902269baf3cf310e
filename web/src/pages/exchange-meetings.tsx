import { useState } from 'preact/hooks';
import { api } from '../api';
import { DateField } from '../date-field';
import { dateTime } from '../format';
import { lang, t } from '../i18n';
import { navigate } from '../router';
import { Alert, must, useLoad } from '../ui';
import { failure, isCoordinator, myPartnerId, send, useAct, useNames } from './exchange-shared';

/**
 * The experience meetings ("Erfa-Runden"): the list with RSVP, one meeting with its agenda (linked
 * to questions and practice notes), who comes, and its minutes; the coordinator schedules and
 * posts the minutes.
 */

/** The end of a meeting: its time only when it ends on the day it starts. */
function until(start: string, end: string, timeZone: string): string {
  const day = (v: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(v));
  if (day(start) !== day(end)) return dateTime(end, timeZone);
  return new Intl.DateTimeFormat(lang.value === 'de' ? 'de-DE' : 'en-GB', {
    timeStyle: 'short',
    timeZone,
  }).format(new Date(end));
}

const ANSWERS = ['yes', 'maybe', 'no'] as const;
type RsvpAnswer = (typeof ANSWERS)[number];
const answerLabel = (a: RsvpAnswer) => t(`exchange.rsvp.${a}` as const);

function Rsvp({
  meetingId,
  title,
  current,
  onSaved,
}: {
  meetingId: string;
  title: string;
  current?: RsvpAnswer;
  onSaved: (a: RsvpAnswer, text: string) => void;
}) {
  const [error, setError] = useState<string>();
  async function rsvp(answer: RsvpAnswer) {
    setError(undefined);
    try {
      await send(
        api.PUT('/exchange/meetings/{meetingId}/rsvp', { params: { path: { meetingId } }, body: { answer } }),
      );
      onSaved(answer, t('exchange.rsvpSaved', { answer: answerLabel(answer) }));
    } catch (err) {
      setError(failure(err));
    }
  }
  return (
    <>
      {error && <Alert kind="error">{error}</Alert>}
      <fieldset class="row plain" aria-label={t('exchange.rsvpFor', { title })}>
        {ANSWERS.map((a) => (
          <button
            key={a}
            type="button"
            aria-pressed={current === a}
            class={current === a ? 'primary' : ''}
            onClick={() => rsvp(a)}
          >
            {answerLabel(a)}
          </button>
        ))}
      </fieldset>
    </>
  );
}

export function Meetings() {
  const [when, setWhen] = useState<'upcoming' | 'past'>('upcoming');
  const list = useLoad(() => must(api.GET('/exchange/meetings', { params: { query: { when } } })), [when]);
  const [message, setMessage] = useState<string>();
  const [mine, setMine] = useState<Record<string, RsvpAnswer>>({});
  const partner = myPartnerId() !== undefined;

  return (
    <>
      <h1>{t('exchange.meetings')}</h1>
      {isCoordinator() && (
        <p>
          <a class="button primary" href="/austausch/treffen/neu">
            {t('exchange.scheduleMeeting')}
          </a>
        </p>
      )}
      <fieldset class="row plain" aria-label={t('exchange.meetings')}>
        {(['upcoming', 'past'] as const).map((w) => (
          <button
            key={w}
            type="button"
            aria-pressed={when === w}
            class={when === w ? 'primary' : ''}
            onClick={() => setWhen(w)}
          >
            {t(w === 'upcoming' ? 'exchange.upcoming' : 'exchange.past')}
          </button>
        ))}
      </fieldset>
      {message && <Alert kind="ok">{message}</Alert>}
      {list.error && <Alert kind="error">{t('app.error', { detail: list.error })}</Alert>}
      {list.data?.items.length === 0 && <p>{t('exchange.noMeetings')}</p>}
      <ul class="jobs">
        {list.data?.items.map((m) => (
          <li class="card" key={m.id}>
            <h2>
              <a href={`/austausch/treffen/${m.id}`}>{m.title}</a>
            </h2>
            <p>
              {dateTime(m.startsAt, m.timezone)}
              {m.place ? ` · ${m.place}` : ''}
            </p>
            {m.onlineUrl && (
              <p>
                <a href={m.onlineUrl}>{t('exchange.online')}</a>
              </p>
            )}
            {m.cancelledAt && <p class="badge badge-err">{t('exchange.cancelled')}</p>}
            {m.minutesHtml && <p class="badge badge-ok">{t('exchange.minutesPosted')}</p>}
            {partner && !m.cancelledAt && when === 'upcoming' && (
              <Rsvp
                meetingId={m.id}
                title={m.title}
                current={mine[m.id] ?? m.myAnswer}
                onSaved={(a, text) => {
                  setMine({ ...mine, [m.id]: a });
                  setMessage(text);
                }}
              />
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

export function MeetingPage({ id }: { id: string }) {
  const meeting = useLoad(
    () => send(api.GET('/exchange/meetings/{meetingId}', { params: { path: { meetingId: id } } })),
    [id],
  );
  const who = useNames();
  const { act, message, setMessage } = useAct(() => meeting.reload());
  const [minutes, setMinutes] = useState<string>();
  if (meeting.error) return <Alert kind="error">{t('app.error', { detail: meeting.error })}</Alert>;
  if (!meeting.data) return <p class="muted">{t('app.loading')}</p>;
  const m = meeting.data;
  const started = Date.parse(m.startsAt) <= Date.now();
  // minutes start from the agenda, each topic linked to its question or practice note
  const skeleton = m.agenda
    .map((a) => `## ${a.postId ? `[${a.title}](/austausch/beitraege/${a.postId})` : a.title}\n\n`)
    .join('');
  const draft = minutes ?? m.minutes ?? skeleton;

  return (
    <article>
      <h1>{m.title}</h1>
      <p>
        {dateTime(m.startsAt, m.timezone)} – {until(m.startsAt, m.endsAt, m.timezone)}
        {m.place ? ` · ${m.place}` : ''}
      </p>
      {m.onlineUrl && (
        <p>
          <a href={m.onlineUrl}>{t('exchange.online')}</a>
        </p>
      )}
      {m.cancelledAt && <p class="badge badge-err">{t('exchange.cancelled')}</p>}
      {message}
      {myPartnerId() && !m.cancelledAt && !started && (
        <Rsvp
          meetingId={m.id}
          title={m.title}
          current={m.myAnswer}
          onSaved={(_, text) => {
            setMessage({ kind: 'ok', text });
            meeting.reload();
          }}
        />
      )}
      <h2>{t('exchange.agenda')}</h2>
      {m.agenda.length === 0 ? (
        <p class="muted">{t('exchange.noAgenda')}</p>
      ) : (
        <ol>
          {m.agenda.map((a, i) => (
            <li key={`${i}-${a.title}`}>
              {a.postId ? <a href={`/austausch/beitraege/${a.postId}`}>{a.title}</a> : a.title}
            </li>
          ))}
        </ol>
      )}
      <h2>{t('exchange.attendees')}</h2>
      <p class="muted">
        {t('exchange.answerCounts', { yes: m.answers.yes, maybe: m.answers.maybe, no: m.answers.no })}
      </p>
      <ul class="plain attendees">
        {m.responses.map((r) => (
          <li key={r.partnerId}>
            {who(r.partnerId)}: {answerLabel(r.answer)}
          </li>
        ))}
      </ul>
      <h2>{t('exchange.minutes')}</h2>
      {m.minutesHtml ? (
        <div class="card post-body" dangerouslySetInnerHTML={{ __html: m.minutesHtml }} />
      ) : (
        <p class="muted">{t('exchange.noMinutes')}</p>
      )}
      {isCoordinator() && (
        <form
          class="card"
          onSubmit={async (e) => {
            e.preventDefault();
            if (
              await act(
                () =>
                  send(
                    api.PUT('/exchange/meetings/{meetingId}/minutes', {
                      params: { path: { meetingId: id } },
                      body: { minutes: draft },
                    }),
                  ),
                t('exchange.minutesSaved'),
              )
            )
              setMinutes(undefined);
          }}
        >
          <label for="x-minutes">{t(m.minutes ? 'exchange.minutesEdit' : 'exchange.minutesWrite')}</label>
          <textarea
            id="x-minutes"
            class="tall"
            required
            value={draft}
            onInput={(e) => setMinutes(e.currentTarget.value)}
          />
          <p class="muted">{t('exchange.minutesHint')}</p>
          <button type="submit" class="primary">
            {t('exchange.minutesPost')}
          </button>
        </form>
      )}
    </article>
  );
}

type AgendaItem = { title: string; postId: string };

/** The coordinator schedules a meeting: wall-clock time in the network's time zone. */
export function ScheduleMeeting() {
  const network = useLoad(() => must(api.GET('/network')), []);
  const posts = useLoad(() => must(api.GET('/exchange/posts', { params: { query: { limit: '100' } } })), []);
  const [title, setTitle] = useState('');
  const [day, setDay] = useState('');
  const [time, setTime] = useState('18:00');
  const [duration, setDuration] = useState(120);
  const [place, setPlace] = useState('');
  const [link, setLink] = useState('');
  const [agenda, setAgenda] = useState<AgendaItem[]>([{ title: '', postId: '' }]);
  const [error, setError] = useState<string>();
  const timezone = network.data?.timezone ?? 'Europe/Vienna';
  const titles = new Map((posts.data?.items ?? []).map((p) => [p.id, p.title]));
  const setItem = (i: number, change: Partial<AgendaItem>) =>
    setAgenda(agenda.map((a, j) => (j === i ? { ...a, ...change } : a)));

  async function submit(e: Event) {
    e.preventDefault();
    setError(undefined);
    if (!day) return setError(t('exchange.meetingDay'));
    if (!place.trim() && !link.trim()) return setError(t('exchange.placeOrLink'));
    try {
      const made = await send(
        api.POST('/exchange/meetings', {
          body: {
            title,
            startsAt: `${day}T${time}`,
            durationMinutes: duration,
            ...(place.trim() ? { place: place.trim() } : {}),
            ...(link.trim() ? { onlineUrl: link.trim() } : {}),
            agenda: agenda
              .map((a) => ({ title: a.title.trim() || (titles.get(a.postId) ?? ''), postId: a.postId }))
              .filter((a) => a.title)
              .map((a) => ({ title: a.title.slice(0, 160), ...(a.postId ? { postId: a.postId } : {}) })),
          },
        }),
      );
      navigate(`/austausch/treffen/${made.id}`);
    } catch (err) {
      setError(failure(err));
    }
  }

  return (
    <form class="narrow" onSubmit={submit}>
      <h1>{t('exchange.scheduleMeeting')}</h1>
      {error && <Alert kind="error">{error}</Alert>}
      <label for="m-title">{t('exchange.meetingTitle')}</label>
      <input
        id="m-title"
        required
        maxLength={160}
        value={title}
        onInput={(e) => setTitle(e.currentTarget.value)}
      />
      <div class="row">
        <DateField id="m-day" label={t('exchange.day')} value={day} onInput={setDay} required />
        <div>
          <label for="m-time">{t('exchange.time')}</label>
          <input
            id="m-time"
            type="text"
            inputMode="numeric"
            autocomplete="off"
            placeholder="18:30"
            pattern="([01][0-9]|2[0-3]):[0-5][0-9]"
            required
            value={time}
            aria-describedby="m-tz"
            onInput={(e) => setTime(e.currentTarget.value)}
          />
          <span id="m-tz" class="muted small">
            {t('exchange.timezone', { tz: timezone })}
          </span>
        </div>
        <div>
          <label for="m-duration">{t('exchange.duration')}</label>
          <select
            id="m-duration"
            value={duration}
            onChange={(e) => setDuration(Number(e.currentTarget.value))}
          >
            {[60, 90, 120, 180, 240].map((n) => (
              <option key={n} value={n}>
                {t('exchange.minutesN', { n })}
              </option>
            ))}
          </select>
        </div>
      </div>
      <label for="m-place">{t('exchange.place')}</label>
      <input id="m-place" maxLength={200} value={place} onInput={(e) => setPlace(e.currentTarget.value)} />
      <label for="m-link">{t('exchange.link')}</label>
      <input
        id="m-link"
        type="url"
        placeholder="https://"
        value={link}
        onInput={(e) => setLink(e.currentTarget.value)}
      />
      <p class="muted small">{t('exchange.placeOrLink')}</p>
      <fieldset class="choices">
        <legend>{t('exchange.agenda')}</legend>
        {agenda.map((a, i) => (
          <div class="agenda-item" key={i}>
            <label for={`m-agenda-${i}`}>{t('exchange.topicN', { n: i + 1 })}</label>
            <input
              id={`m-agenda-${i}`}
              maxLength={160}
              value={a.title}
              onInput={(e) => setItem(i, { title: e.currentTarget.value })}
            />
            <label for={`m-agenda-post-${i}`}>{t('exchange.topicPost', { n: i + 1 })}</label>
            <select
              id={`m-agenda-post-${i}`}
              value={a.postId}
              onChange={(e) => setItem(i, { postId: e.currentTarget.value })}
            >
              <option value="">{t('exchange.noPost')}</option>
              {(posts.data?.items ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
          </div>
        ))}
        <button type="button" onClick={() => setAgenda([...agenda, { title: '', postId: '' }])}>
          {t('exchange.addTopic')}
        </button>
      </fieldset>
      <p class="muted">{t('exchange.inviteHint')}</p>
      <button type="submit" class="primary">
        {t('exchange.scheduleSubmit')}
      </button>
    </form>
  );
}
