import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { claims } from '../auth';
import { addDays, today } from '../dates';
import { isoWeek, number } from '../format';
import { t } from '../i18n';
import { Alert, must, useLoad } from '../ui';
import { type Note, refusal, type View } from './funding-form';

/** `2027-W09` of a day: the ISO week holds the day's Thursday. */
function isoWeekOf(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  const thursday = addDays(day, 3 - ((d.getUTCDay() + 6) % 7));
  const year = Number(thursday.slice(0, 4));
  const dayOfYear =
    (Date.parse(`${thursday}T12:00:00Z`) - Date.parse(`${year}-01-01T12:00:00Z`)) / 86_400_000;
  return `${year}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
}

/** A partner's hours: work package, week (this one or the one before), hours; its records of the week. */
export function Record({ p, onChange }: { p: View; onChange: () => void }) {
  const partnerId = claims.value?.partnerId ?? '';
  const thisWeek = isoWeekOf(today());
  const lastWeek = isoWeekOf(addDays(today(), -7));
  const packages = p.workPackages.filter((wp) => wp.plan.some((x) => x.partnerId === partnerId));
  const wps = packages.length > 0 ? packages : p.workPackages;
  const categories = p.categories.filter((c) => c.partnerId === partnerId);
  const [wp, setWp] = useState(wps[0]?.id ?? '');
  const [category, setCategory] = useState(categories[0]?.id ?? '');
  const [week, setWeek] = useState(thisWeek);
  const [hours, setHours] = useState('');
  const [note, setNote] = useState<Note>();
  const records = useLoad(
    () =>
      must(api.GET('/funding/projects/{projectId}/time-records', { params: { path: { projectId: p.id } } })),
    [p.id],
  );
  useEffect(() => setNote(undefined), [week]);
  const title = (wpId: string) => p.workPackages.find((x) => x.id === wpId)?.title ?? wpId;

  async function save(e: Event) {
    e.preventDefault();
    setNote(undefined);
    const h = Number(hours.replace(',', '.'));
    const { error, response } = await api.POST('/funding/projects/{projectId}/time-records', {
      params: { path: { projectId: p.id } },
      body: { workPackageId: wp, categoryId: category, when: week, hours: h },
    });
    if (!response.ok) {
      return setNote({ kind: 'error', text: refusal(response.status, error) });
    }
    setNote({ kind: 'ok', text: t('funding.saved', { hours: number(h), week: isoWeek(week) }) });
    setHours('');
    records.reload();
    onChange();
  }

  async function remove(recordId: string) {
    setNote(undefined);
    const { error, response } = await api.DELETE('/funding/projects/{projectId}/time-records/{recordId}', {
      params: { path: { projectId: p.id, recordId } },
    });
    if (!response.ok) return setNote({ kind: 'error', text: refusal(response.status, error) });
    setNote({ kind: 'ok', text: t('funding.deleted') });
    records.reload();
    onChange();
  }

  const mine = (records.data?.items ?? []).filter((r) => r.when === week);
  return (
    <>
      <h2>{t('funding.record')}</h2>
      <form onSubmit={save} class="card">
        {wps.length > 1 ? (
          <fieldset class="choices">
            <legend>{t('funding.workPackage')}</legend>
            {wps.map((x) => (
              <label key={x.id} class="check">
                <input type="radio" name="wp" checked={wp === x.id} onChange={() => setWp(x.id)} />
                {x.title}
              </label>
            ))}
          </fieldset>
        ) : (
          <p>
            {t('funding.workPackage')}: <strong>{title(wp)}</strong>
          </p>
        )}
        {categories.length > 1 && (
          <p>
            <label for="fund-cat">{t('funding.category')}</label>
            <select id="fund-cat" value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </p>
        )}
        <fieldset class="quick">
          <legend>{t('funding.week')}</legend>
          <button
            type="button"
            class={week === thisWeek ? 'primary' : undefined}
            aria-pressed={week === thisWeek}
            onClick={() => setWeek(thisWeek)}
          >
            {t('funding.thisWeek', { week: isoWeek(thisWeek) })}
          </button>
          <button
            type="button"
            class={week === lastWeek ? 'primary' : undefined}
            aria-pressed={week === lastWeek}
            onClick={() => setWeek(lastWeek)}
          >
            {t('funding.lastWeek', { week: isoWeek(lastWeek) })}
          </button>
        </fieldset>
        <p>
          <label for="fund-hours">{t('funding.hoursIn', { week: isoWeek(week) })}</label>
          <input
            id="fund-hours"
            inputMode="decimal"
            required
            value={hours}
            onInput={(e) => setHours(e.currentTarget.value)}
          />
        </p>
        <button type="submit" class="primary" disabled={!wp || !category}>
          {t('funding.save')}
        </button>
        {categories.length === 0 && <p class="muted">{t('funding.noCategory')}</p>}
      </form>
      {note && <Alert kind={note.kind}>{note.text}</Alert>}
      <h2>{t('funding.mine', { week: isoWeek(week) })}</h2>
      {records.error && <Alert kind="error">{t('app.error', { detail: records.error })}</Alert>}
      {records.data && mine.length === 0 && <p>{t('funding.noRecords')}</p>}
      <ul class="plain">
        {mine.map((r) => (
          <li key={r.id} class="card row-inline">
            <span>
              <strong>{t('funding.hoursN', { hours: number(r.hours) })}</strong> · {title(r.workPackageId)}
              {r.overbooked && <span class="badge"> {t('funding.overbooked')}</span>}
            </span>
            <button
              type="button"
              aria-label={t('funding.deleteLabel', { hours: number(r.hours), wp: title(r.workPackageId) })}
              onClick={() => remove(r.id)}
            >
              {t('funding.delete')}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
