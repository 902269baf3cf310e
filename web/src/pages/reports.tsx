import { useEffect, useState } from 'preact/hooks';
import type { components } from '../../../docs/api/openapi';
import { api } from '../api';
import { claims, token } from '../auth';
import { saveFile } from '../files';
import { dateTime, euro, isoWeek, number, usd } from '../format';
import { lang, t, tk } from '../i18n';
import { Alert, must, useLoad } from '../ui';

type Report = components['schemas']['UtilisationReport'];
type Note = { kind: 'ok' | 'error'; text: string } | undefined;
const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
const pct = (p: number | null) => (p === null ? '–' : `${number(p)} %`);

/**
 * The utilisation report on screen (the coordinator's network, a partner's own rows), its CSV
 * (German spreadsheet dialect when the console is German), the mail schedule, and for the
 * coordinator the usage and estimated cost this month.
 */
export default function Reports() {
  const coordinator = claims.value?.role === 'coordinator';
  const report = useLoad(() => must(api.GET('/reports/utilisation')), []);
  return (
    <section>
      <h1>{t('reports.title')}</h1>
      {report.error && <Alert kind="error">{t('app.error', { detail: report.error })}</Alert>}
      {report.data && typeof report.data !== 'string' ? (
        <ReportView r={report.data as Report} />
      ) : (
        !report.error && <p class="muted">{t('app.loading')}</p>
      )}
      <Schedule coordinator={coordinator} />
      {coordinator && <Usage />}
    </section>
  );
}

function ReportView({ r }: { r: Report }) {
  const [error, setError] = useState<string>();
  const weeks = r.period.weeks;
  const names = new Map(r.partners.map((p) => [p.partnerId, p.name]));

  async function download() {
    setError(undefined);
    const dialect = lang.value === 'de' ? 'de' : 'rfc4180';
    const res = await fetch(`/api/reports/utilisation?format=csv&dialect=${dialect}`, {
      headers: { authorization: `Bearer ${token.value ?? ''}` },
    });
    if (!res.ok) return setError(`HTTP ${res.status}`);
    const name =
      /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'auslastung.csv';
    saveFile(await res.blob(), name);
  }

  return (
    <>
      <p>
        {t('reports.period', { from: isoWeek(weeks[0] ?? ''), to: isoWeek(weeks.at(-1) ?? '') })}{' '}
        <button type="button" onClick={download}>
          {t('reports.csv')}
        </button>
      </p>
      {error && <Alert kind="error">{error}</Alert>}
      <h2>{t('reports.utilisation')}</h2>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a keyboard user must be able to scroll the wide table */}
      <section class="scroll" tabIndex={0} aria-label={t('reports.utilisation')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('reports.partner')}</th>
              <th scope="col">{t('reports.available')}</th>
              <th scope="col">{t('funding.reportJobs')}</th>
              <th scope="col">{t('funding.reportProject')}</th>
              <th scope="col">{t('reports.booked')}</th>
              <th scope="col">{t('reports.share')}</th>
              <th scope="col">{t('reports.band')}</th>
            </tr>
          </thead>
          <tbody>
            {r.partners.map((p) => (
              <tr key={p.partnerId}>
                <th scope="row">{p.name}</th>
                <td>{number(p.total.available)}</td>
                <td>{number(p.total.booked - p.total.projectHours)}</td>
                <td>{number(p.total.projectHours)}</td>
                <td>{number(p.total.booked)}</td>
                <td>{pct(p.total.utilisationPct)}</td>
                <td>{tk(`band.${p.total.band}`)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('reports.network')}</th>
              <td>{number(r.totals.total.available)}</td>
              <td>{number(r.totals.total.booked - r.totals.total.projectHours)}</td>
              <td>{number(r.totals.total.projectHours)}</td>
              <td>{number(r.totals.total.booked)}</td>
              <td>{pct(r.totals.total.utilisationPct)}</td>
              <td>{tk(`band.${r.totals.total.band}`)}</td>
            </tr>
          </tbody>
        </table>
      </section>
      <ProjectHours weeks={r.totals.weeks} />
      <h2>{t('reports.referrals')}</h2>
      {r.referrals.length === 0 ? (
        <p>{t('reports.noReferrals')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('reports.partner')}</th>
              <th scope="col">{t('reports.given')}</th>
              <th scope="col">{t('reports.received')}</th>
              <th scope="col">{t('reports.balance')}</th>
            </tr>
          </thead>
          <tbody>
            {r.referrals.map((b) => (
              <tr key={b.partnerId}>
                <th scope="row">{b.name || names.get(b.partnerId) || b.partnerId}</th>
                <td>{t('reports.hoursJobs', { hours: number(b.givenHours), jobs: b.givenCount })}</td>
                <td>{t('reports.hoursJobs', { hours: number(b.receivedHours), jobs: b.receivedCount })}</td>
                <td>{number(b.balance)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('reports.pools')}</h2>
      <p>
        {t('reports.poolSavings', {
          closed: r.pools.closed,
          alone: euro(r.pools.savingsVsAloneCents),
          list: euro(r.pools.savingsVsListCents),
        })}
      </p>
      <p>{t('reports.openInquiries', { n: r.inquiries.open })}</p>
      <Learning l={r.learning} />
    </>
  );
}

interface LearningFigures {
  questionsAsked: number;
  questionsAnswered: number;
  medianHoursToFirstAnswer: number | null;
  practices: { title: string; author?: string; helpful: number }[];
  meetings: { title: string; startsAt: string; attending: number }[];
}

/** "Voneinander lernen": what the know-how exchange did in the period. */
function Learning({ l }: { l: LearningFigures }) {
  return (
    <section aria-labelledby="learning-h">
      <h2 id="learning-h">{t('reports.learning')}</h2>
      <p>{t('reports.learningLine', { n: l.questionsAsked, answered: l.questionsAnswered })}</p>
      <p>
        {l.medianHoursToFirstAnswer === null
          ? t('reports.noFirstAnswer')
          : t('reports.firstAnswer', { hours: number(l.medianHoursToFirstAnswer) })}
      </p>
      {l.practices.length > 0 && (
        <table>
          <caption>{t('reports.practices')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.practice')}</th>
              <th scope="col">{t('reports.practiceBy')}</th>
              <th scope="col">{t('reports.helpful')}</th>
            </tr>
          </thead>
          <tbody>
            {l.practices.map((x) => (
              <tr key={x.title}>
                <th scope="row">{x.title}</th>
                <td>{x.author ?? '–'}</td>
                <td>{number(x.helpful)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {l.meetings.length === 0 ? (
        <p>{t('reports.noMeetings')}</p>
      ) : (
        <ul>
          {l.meetings.map((x) => (
            <li key={x.startsAt}>
              {t('reports.meeting', { title: x.title, when: dateTime(x.startsAt), n: x.attending })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Schedule({ coordinator }: { coordinator: boolean }) {
  const schedule = useLoad(() => must(api.GET('/reports/schedule')), []);
  const [note, setNote] = useState<Note>();
  const [form, setForm] = useState({
    enabled: true,
    frequency: 'weekly' as 'weekly' | 'monthly',
    weekday: 'MON' as (typeof WEEKDAYS)[number],
    dayOfMonth: '1',
    time: '07:00',
  });
  const s = schedule.data?.schedule;
  useEffect(() => {
    if (s && 'frequency' in s && s.frequency !== 'once')
      setForm({
        enabled: s.enabled,
        frequency: s.frequency,
        weekday: s.weekday ?? 'MON',
        dayOfMonth: String(s.dayOfMonth ?? 1),
        time: s.time ?? '07:00',
      });
  }, [schedule.data]);

  async function act(fn: () => Promise<unknown>, ok: string) {
    setNote(undefined);
    try {
      await fn();
      setNote({ kind: 'ok', text: ok });
      schedule.reload();
    } catch (err) {
      setNote({ kind: 'error', text: t('app.error', { detail: (err as Error).message }) });
    }
  }

  function describe(): string {
    if (!s?.enabled || !('frequency' in s)) return t('reports.noSchedule');
    if (s.frequency === 'weekly')
      return t('reports.weeklyAt', { day: tk(`reports.day.${s.weekday}`), time: s.time ?? '' });
    if (s.frequency === 'monthly')
      return t('reports.monthlyAt', { day: s.dayOfMonth ?? 1, time: s.time ?? '' });
    return t('reports.onceAt', { at: s.at ?? '' });
  }

  const data = schedule.data;
  return (
    <section class="card" aria-labelledby="schedule-h">
      <h2 id="schedule-h">{t('reports.schedule')}</h2>
      {schedule.error && <Alert kind="error">{t('app.error', { detail: schedule.error })}</Alert>}
      {data && <p>{describe()}</p>}
      {note && <Alert kind={note.kind}>{note.text}</Alert>}
      {data && 'subscribed' in data && (
        <div class="row">
          <p>{data.subscribed ? t('reports.subscribed') : t('reports.notSubscribed')}</p>
          <button
            type="button"
            class="primary"
            onClick={() =>
              act(
                () => must(api.PUT('/reports/subscription', { body: { subscribed: !data.subscribed } })),
                data.subscribed ? t('reports.unsubscribedOk') : t('reports.subscribedOk'),
              )
            }
          >
            {data.subscribed ? t('reports.unsubscribe') : t('reports.subscribe')}
          </button>
        </div>
      )}
      {data && 'recipients' in data && (
        <p>
          {t('reports.recipients')}: {data.recipients.map((r) => r.name).join(', ') || '–'}
        </p>
      )}
      {coordinator && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const body =
              form.frequency === 'weekly'
                ? {
                    enabled: form.enabled,
                    frequency: 'weekly' as const,
                    weekday: form.weekday,
                    time: form.time,
                  }
                : {
                    enabled: form.enabled,
                    frequency: 'monthly' as const,
                    dayOfMonth: Number(form.dayOfMonth),
                    time: form.time,
                  };
            void act(() => must(api.PUT('/reports/schedule', { body })), t('reports.scheduleSaved'));
          }}
        >
          <div class="row">
            <div>
              <label for="sch-frequency">{t('reports.frequency')}</label>
              <select
                id="sch-frequency"
                value={form.frequency}
                onChange={(e) =>
                  setForm({ ...form, frequency: e.currentTarget.value as 'weekly' | 'monthly' })
                }
              >
                <option value="weekly">{t('reports.weekly')}</option>
                <option value="monthly">{t('reports.monthly')}</option>
              </select>
            </div>
            {form.frequency === 'weekly' ? (
              <div>
                <label for="sch-weekday">{t('reports.weekday')}</label>
                <select
                  id="sch-weekday"
                  value={form.weekday}
                  onChange={(e) =>
                    setForm({ ...form, weekday: e.currentTarget.value as (typeof WEEKDAYS)[number] })
                  }
                >
                  {WEEKDAYS.map((d) => (
                    <option key={d} value={d}>
                      {tk(`reports.day.${d}`)}
                    </option>
                  ))}
                </select>
              </div>
            ) : (
              <div>
                <label for="sch-day">{t('reports.dayOfMonth')}</label>
                <input
                  id="sch-day"
                  type="number"
                  min="1"
                  max="28"
                  value={form.dayOfMonth}
                  onInput={(e) => setForm({ ...form, dayOfMonth: e.currentTarget.value })}
                />
              </div>
            )}
            <div>
              <label for="sch-time">{t('reports.time')}</label>
              <input
                id="sch-time"
                inputMode="numeric"
                pattern="([01]\d|2[0-3]):[0-5]\d"
                placeholder="07:00"
                value={form.time}
                onInput={(e) => setForm({ ...form, time: e.currentTarget.value })}
              />
            </div>
          </div>
          <div class="row">
            <label class="check">
              <input
                type="checkbox"
                checked={form.enabled}
                onChange={(e) => setForm({ ...form, enabled: e.currentTarget.checked })}
              />{' '}
              {t('reports.enabled')}
            </label>
            <button type="submit" class="primary">
              {t('reports.saveSchedule')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function Usage() {
  const usage = useLoad(() => must(api.GET('/usage')), []);
  if (usage.error) return <Alert kind="error">{t('app.error', { detail: usage.error })}</Alert>;
  const month = usage.data?.items[0];
  if (!month) return <p class="muted">{t('app.loading')}</p>;
  const [y, m] = month.month.split('-');
  return (
    <section class="card" aria-labelledby="usage-h">
      <h2 id="usage-h">{t('reports.usage', { month: `${m}/${y}` })}</h2>
      <p>
        {t('reports.estimate')}: <strong>{usd(month.estimate.totalMicroUsd)}</strong>
      </p>
      {month.estimate.lines.length === 0 ? (
        <p>{t('reports.noUsage')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('reports.event')}</th>
              <th scope="col">{t('reports.count')}</th>
              <th scope="col">{t('reports.cost')}</th>
            </tr>
          </thead>
          <tbody>
            {month.estimate.lines.map((l) => (
              <tr key={l.event}>
                <th scope="row">{tk(`reports.event.${l.event}`)}</th>
                <td>{number(l.count)}</td>
                <td>{usd(l.microUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The network's booked hours per week, jobs' and funded projects' apart (both take capacity). */
function ProjectHours({ weeks }: { weeks: { week: string; booked: number; projectHours: number }[] }) {
  return (
    <>
      <h3>{t('funding.reportWeeks')}</h3>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a keyboard user must be able to scroll the wide table */}
      <section class="scroll" tabIndex={0} aria-label={t('funding.reportWeeks')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('funding.week')}</th>
              <th scope="col">{t('funding.reportJobs')}</th>
              <th scope="col">{t('funding.reportProject')}</th>
              <th scope="col">{t('reports.booked')}</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((w) => (
              <tr key={w.week}>
                <th scope="row">{isoWeek(w.week)}</th>
                <td>{number(w.booked - w.projectHours)}</td>
                <td>{number(w.projectHours)}</td>
                <td>{number(w.booked)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <p class="small muted">{t('funding.reportHint')}</p>
    </>
  );
}
