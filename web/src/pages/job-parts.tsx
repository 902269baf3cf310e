import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { dateTime, number } from '../format';
import { t } from '../i18n';
import { Alert, must, useLoad } from '../ui';

/**
 * A firm's part of an accepted job: accepting holds its hours tentatively (`requested`) until
 * the firm confirms or declines before the deadline (docs/matching.md, "Confirmations"). The
 * partner's answer card ("Meine Woche") and the coordinator's overview on the inquiry page.
 */
export type PartState = 'requested' | 'confirmed' | 'declined' | 'expired';
export interface Part {
  state: PartState;
  deadline: string;
  answeredAt?: string;
  via?: 'console' | 'link' | 'deadline';
}

/** What the firm sees: a part still requested after its deadline is expired, whatever the schedule did yet. */
export function shownState(part: Part, now = Date.now()): PartState {
  return part.state === 'requested' && Date.parse(part.deadline) <= now ? 'expired' : part.state;
}

/** `noch 3 Tage` / `noch 1 Tag und 23 Std.` / `noch 5 Std.` / `noch 20 Min.` until the deadline. */
export function remaining(deadline: string, now = Date.now()): string {
  const minutes = Math.floor((Date.parse(deadline) - now) / 60_000);
  if (minutes <= 0) return t('offer.deadlinePassed');
  if (minutes < 60) return t('offer.leftMinutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t(hours === 1 ? 'offer.leftHour' : 'offer.leftHours', { n: hours });
  const days = Math.floor(hours / 24);
  // a 48 h deadline just after accepting is "1 Tag und 23 Std.", not a rounded-up "2 Tage"
  const rest = hours % 24;
  if (days < 3 && rest > 0)
    return t(days === 1 ? 'offer.leftDayHours' : 'offer.leftDaysHours', { n: days, h: rest });
  return t(days === 1 ? 'offer.leftDay' : 'offer.leftDays', { n: days });
}

const HOURS = {
  requested: 'offer.held',
  confirmed: 'offer.bookedHours',
  declined: 'offer.releasedHours',
  expired: 'offer.releasedHours',
} as const;

export function PartBadge({ part }: { part: Part }) {
  const state = shownState(part);
  return <span class={`badge part-${state}`}>{t(`offer.state.${state}`)}</span>;
}

/** The German sentence for a refused answer (409): what happened elsewhere meanwhile. */
function refusal(code: string | undefined): string {
  switch (code) {
    case 'confirmed':
      return t('offer.refused.confirmed');
    case 'declined':
      return t('offer.refused.declined');
    case 'expired':
    case 'deadline_passed':
      return t('offer.refused.expired');
    case 'cancelled':
      return t('offer.refused.cancelled');
    default:
      return t('offer.refused.changed');
  }
}

type Answer = 'confirm' | 'decline';
/** What became of an answer; `settled` when the server has a state to reload (not when offline). */
type Outcome = { kind: 'ok' | 'error'; text: string; settled: boolean };

async function send(inquiryId: string, answer: Answer): Promise<Outcome> {
  const params = { path: { inquiryId } };
  let res: { data?: unknown; error?: unknown; response: Response };
  try {
    res =
      answer === 'confirm'
        ? await api.POST('/inquiries/{inquiryId}/job/confirm', { params })
        : await api.POST('/inquiries/{inquiryId}/job/decline', { params });
  } catch {
    // no answer at all: offline, or the connection dropped
    return { kind: 'error', text: t('offer.offline'), settled: false };
  }
  if (res.data) {
    const part = res.data as Part;
    return {
      kind: 'ok',
      text: t(part.state === 'confirmed' ? 'offer.confirmed' : 'offer.declined'),
      settled: true,
    };
  }
  const problem = res.error as { detail?: string; errors?: { code?: string }[] } | undefined;
  if (res.response.status === 409)
    return { kind: 'error', text: refusal(problem?.errors?.[0]?.code), settled: true };
  if (res.response.status === 404) return { kind: 'error', text: t('offer.refused.gone'), settled: true };
  return {
    kind: 'error',
    text: t('app.error', { detail: problem?.detail ?? `HTTP ${res.response.status}` }),
    settled: false,
  };
}

/**
 * The firm's answer to one tentative job, phone first: state, deadline, Bestätigen / Ablehnen
 * (declining asks once more). While an answer is on its way both buttons are disabled, so a slow
 * connection cannot send it twice. `onAnswered` reloads the list when the answer settled something
 * (a 409 then shows the current state); offline, the offer stays as it was.
 */
export function PartAnswerCard({
  inquiryId,
  title,
  hours,
  part,
  timeZone,
  onAnswered,
}: {
  inquiryId: string;
  title: string;
  hours: number;
  part: Part;
  timeZone?: string;
  onAnswered: (outcome: Outcome) => void;
}) {
  const [pending, setPending] = useState(false);
  const [asking, setAsking] = useState(false);
  const inFlight = useRef(false);
  const back = useRef<HTMLButtonElement>(null);
  // the Ablehnen button is gone once asked: keep the keyboard's place on the safe choice
  useEffect(() => {
    if (asking) back.current?.focus();
  }, [asking]);
  const state = shownState(part);
  const headingId = `offer-${inquiryId}`;

  async function answer(what: Answer) {
    if (inFlight.current) return;
    inFlight.current = true;
    setPending(true);
    try {
      onAnswered(await send(inquiryId, what));
    } finally {
      inFlight.current = false;
      setPending(false);
      setAsking(false);
    }
  }

  return (
    <li class={`card offer offer-${state}`} aria-labelledby={headingId}>
      <h3 id={headingId}>
        {title} <PartBadge part={part} />
      </h3>
      <p>
        <strong>{t(HOURS[state], { hours: number(hours) })}</strong>
      </p>
      {state === 'requested' ? (
        <>
          <p class="offer-deadline">
            {t('offer.answerBy', { when: dateTime(part.deadline, timeZone) })}{' '}
            <strong>({remaining(part.deadline)})</strong>
          </p>
          {asking ? (
            <fieldset class="plain offer-ask">
              <legend>{t('offer.declineQuestion', { hours: number(hours) })}</legend>
              <div class="offer-buttons">
                <button type="button" class="danger" disabled={pending} onClick={() => answer('decline')}>
                  {pending ? t('offer.sending') : t('offer.declineYes')}
                </button>
                <button type="button" ref={back} disabled={pending} onClick={() => setAsking(false)}>
                  {t('offer.declineNo')}
                </button>
              </div>
            </fieldset>
          ) : (
            <div class="offer-buttons">
              <button type="button" class="primary" disabled={pending} onClick={() => answer('confirm')}>
                {pending ? t('offer.sending') : t('offer.confirm')}
              </button>
              <button type="button" disabled={pending} onClick={() => setAsking(true)}>
                {t('offer.decline')}
              </button>
            </div>
          )}
        </>
      ) : (
        <p class="muted">
          {part.answeredAt
            ? t(`offer.answeredVia.${part.via ?? 'console'}`, { when: dateTime(part.answeredAt, timeZone) })
            : `${t('offer.deadlinePassed')}: ${dateTime(part.deadline, timeZone)}`}
        </p>
      )}
    </li>
  );
}

/**
 * The coordinator's view of the inquiry's job: each firm's part (state, who answered when and
 * how, the deadline) and the hours held tentatively against those booked. Nothing when the
 * inquiry has no job yet, or its job predates confirmations.
 */
export function JobParts({ inquiryId, status }: { inquiryId: string; status: string }) {
  const job = useLoad(async () => {
    const { data, response } = await api.GET('/inquiries/{inquiryId}/job', {
      params: { path: { inquiryId } },
    });
    if (response.status === 404) return undefined;
    if (!data) throw new Error(`HTTP ${response.status}`);
    return data;
  }, [inquiryId, status]);
  const partners = useLoad(() => must(api.GET('/partners')), []);
  const network = useLoad(() => must(api.GET('/network')), []);
  const j = job.data;
  if (job.error) return <Alert kind="error">{t('app.error', { detail: job.error })}</Alert>;
  if (!j?.parts || Object.keys(j.parts).length === 0) return null;
  const timeZone = network.data?.timezone;
  const name = (id: string) => partners.data?.items.find((p) => p.id === id)?.name ?? id;
  const hoursOf = (id: string) =>
    j.bookings.filter((b) => b.partnerId === id).reduce((s, b) => s + b.hours, 0);
  const rows = Object.entries(j.parts as Record<string, Part>).map(([partnerId, part]) => ({
    partnerId,
    part,
    state: j.status === 'cancelled' ? undefined : shownState(part),
    hours: hoursOf(partnerId),
  }));
  const sum = (states: PartState[]) =>
    rows.filter((r) => r.state && states.includes(r.state)).reduce((s, r) => s + r.hours, 0);
  return (
    <section class="card job-parts" aria-labelledby="job-parts-title">
      <h2 id="job-parts-title">{t('offer.jobTitle')}</h2>
      {j.status === 'cancelled' && <p class="badge">{t('offer.jobCancelled')}</p>}
      <p class="job-totals">
        <span>{t('offer.totalHeld', { hours: number(sum(['requested'])) })}</span>
        <span>{t('offer.totalBooked', { hours: number(sum(['confirmed'])) })}</span>
        <span>{t('offer.totalReleased', { hours: number(sum(['declined', 'expired'])) })}</span>
      </p>
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">{t('offer.firm')}</th>
            <th scope="col">{t('offer.hours')}</th>
            <th scope="col">{t('offer.stateCol')}</th>
            <th scope="col">{t('offer.answered')}</th>
            <th scope="col">{t('offer.deadline')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.partnerId} data-partner={r.partnerId}>
              <td>
                {name(r.partnerId)}
                {r.partnerId === j.leadPartnerId && <> · {t('inquiry.lead')}</>}
              </td>
              <td>{number(r.hours)} h</td>
              <td>{r.state ? <PartBadge part={r.part} /> : t('offer.jobCancelled')}</td>
              <td>
                <span class="cell-label">{t('offer.answered')}: </span>
                {r.part.answeredAt
                  ? t(`offer.answeredVia.${r.part.via ?? 'console'}`, {
                      when: dateTime(r.part.answeredAt, timeZone),
                    })
                  : '–'}
              </td>
              <td>
                <span class="cell-label">{t('offer.deadline')}: </span>
                {dateTime(r.part.deadline, timeZone)}
                {r.state === 'requested' && <> ({remaining(r.part.deadline)})</>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
