import { useState } from 'preact/hooks';
import type { components } from '../../docs/api/openapi';
import { api } from './api';
import { DateField } from './date-field';
import { today, weekOf } from './dates';
import { date, number } from './format';
import { t, tk } from './i18n';
import { Alert, must } from './ui';

export type Resource = components['schemas']['ResourceView'];
type Exception = Resource['exceptions'][number];
type Note = { kind: 'ok' | 'error'; text: string } | undefined;

/**
 * PATCH one resource on the version the page shows; answers the resource as stored, or, when
 * someone else changed it meanwhile (409), `stale` with the resource as it is now.
 */
async function patch(
  partnerId: string,
  resource: Resource,
  body: Partial<Omit<Resource, 'id' | 'version'>>,
): Promise<{ saved: Resource } | { stale: Resource | undefined }> {
  const call = api.PATCH('/partners/{partnerId}/resources/{resourceId}', {
    params: { path: { partnerId, resourceId: resource.id } },
    body: { ...body, version: resource.version },
  });
  if ((await call).response.status !== 409) return { saved: await must(call) };
  const partner = await must(api.GET('/partners/{partnerId}', { params: { path: { partnerId } } }));
  return { stale: partner.resources.find((r) => r.id === resource.id) };
}

function ExceptionList({ exceptions, onRemove }: { exceptions: Exception[]; onRemove: (i: number) => void }) {
  if (exceptions.length === 0) return <p class="muted">{t('ownCapacity.noExceptions')}</p>;
  return (
    <ul class="plain">
      {exceptions.map((e, i) => (
        <li key={`${e.from}-${e.to}-${i}`} class="row-inline">
          <span>
            {e.from === e.to ? date(e.from) : `${date(e.from)} – ${date(e.to)}`}:{' '}
            {t('ownCapacity.hoursInstead', { hours: number(e.hours) })}
          </span>
          <button type="button" class="link" onClick={() => onRemove(i)}>
            {t('ownCapacity.removeException', { when: date(e.from) })}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Hours in a week, 0–168 in half hours, with the phone's decimal keypad. */
function HoursInput({ id, value, onInput }: { id: string; value: string; onInput: (v: string) => void }) {
  return (
    <input
      id={id}
      type="number"
      min="0"
      max="168"
      step="0.5"
      inputMode="decimal"
      value={value}
      onInput={(e) => onInput(e.currentTarget.value)}
    />
  );
}

/**
 * One resource: weekly hours and exceptions (holidays, sick leave, maintenance). `quick` puts the
 * phone's one-tap absences first (this week, next week); the detailed form is below either way.
 */
export function ResourceCard({
  partnerId,
  resource,
  quick,
  timeZone,
  onChange,
}: {
  partnerId: string;
  resource: Resource;
  quick?: boolean;
  timeZone?: string;
  onChange: (r: Resource) => void;
}) {
  const [hours, setHours] = useState(String(resource.hoursPerWeek));
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [exHours, setExHours] = useState('0');
  const [note, setNote] = useState<Note>();
  const [busy, setBusy] = useState(false);
  const idp = `r-${resource.id}`;

  async function run(body: Partial<Omit<Resource, 'id' | 'version'>>, ok: string) {
    setBusy(true);
    setNote(undefined);
    try {
      const answer = await patch(partnerId, resource, body);
      const now = 'saved' in answer ? answer.saved : answer.stale;
      if (now) {
        onChange(now);
        setHours(String(now.hoursPerWeek));
      }
      setNote(
        'saved' in answer
          ? { kind: 'ok', text: ok }
          : { kind: 'error', text: t('ownCapacity.changedMeanwhile') },
      );
    } catch (err) {
      setNote({ kind: 'error', text: t('app.error', { detail: (err as Error).message }) });
    } finally {
      setBusy(false);
    }
  }

  const addException = (e: Exception, ok: string) =>
    run({ exceptions: [...resource.exceptions, e].sort((a, b) => a.from.localeCompare(b.from)) }, ok);

  const day = today(timeZone);
  const thisWeek = weekOf(day);
  const nextWeek = weekOf(day, 1);
  /** The phone's one-tap absences: a whole week of holiday, or sick for the rest of this week. */
  const quickAbsences = [
    { ...thisWeek, label: t('ownCapacity.holidayThisWeek'), primary: true, kind: 'savedAbsence' },
    { ...nextWeek, label: t('ownCapacity.holidayNextWeek'), primary: true, kind: 'savedAbsence' },
    { from: day, to: thisWeek.to, label: t('ownCapacity.sickThisWeek'), primary: false, kind: 'savedSick' },
  ].map((q) => ({ ...q, saved: tk(`ownCapacity.${q.kind}`, { from: date(q.from), to: date(q.to) }) }));

  return (
    <article class="card" aria-labelledby={`${idp}-h`}>
      <h3 id={`${idp}-h`}>
        {resource.name} <span class="badge">{tk(`ownCapacity.kind.${resource.kind}`)}</span>
      </h3>
      <p>{t('ownCapacity.weekly', { hours: number(resource.hoursPerWeek) })}</p>
      {note && <Alert kind={note.kind}>{note.text}</Alert>}
      {quick && (
        <fieldset class="quick">
          <legend class="sr-only">{t('ownCapacity.quick', { name: resource.name })}</legend>
          {quickAbsences.map((q) => (
            <button
              key={q.label}
              type="button"
              class={q.primary ? 'primary' : undefined}
              disabled={busy}
              onClick={() => addException({ from: q.from, to: q.to, hours: 0 }, q.saved)}
            >
              {q.label}
            </button>
          ))}
        </fieldset>
      )}
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          void run({ hoursPerWeek: Number(hours.replace(',', '.')) }, t('ownCapacity.savedHours'));
        }}
      >
        <div>
          <label for={`${idp}-hours`}>{t('ownCapacity.hoursPerWeek')}</label>
          <HoursInput id={`${idp}-hours`} value={hours} onInput={setHours} />
        </div>
        <button type="submit" disabled={busy}>
          {t('ownCapacity.saveHours')}
        </button>
      </form>
      <h4>{t('ownCapacity.exceptions')}</h4>
      <ExceptionList
        exceptions={resource.exceptions}
        onRemove={(i) =>
          run({ exceptions: resource.exceptions.filter((_, j) => j !== i) }, t('ownCapacity.removed'))
        }
      />
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (!from) return setNote({ kind: 'error', text: t('ownCapacity.needFrom') });
          void addException(
            { from, to: to || from, hours: Number(exHours.replace(',', '.')) },
            t('ownCapacity.savedAbsence', { from: date(from), to: date(to || from) }),
          );
        }}
      >
        <DateField id={`${idp}-from`} label={t('ownCapacity.from')} value={from} onInput={setFrom} required />
        <DateField id={`${idp}-to`} label={t('ownCapacity.to')} value={to} onInput={setTo} />
        <div>
          <label for={`${idp}-exh`}>{t('ownCapacity.exceptionHours')}</label>
          <HoursInput id={`${idp}-exh`} value={exHours} onInput={setExHours} />
        </div>
        <button type="submit" disabled={busy}>
          {t('ownCapacity.addException')}
        </button>
      </form>
    </article>
  );
}

/** Adds a person, room or machine to a partner. */
export function NewResource({ partnerId, onAdded }: { partnerId: string; onAdded: (r: Resource) => void }) {
  const [kind, setKind] = useState<Resource['kind']>('people');
  const [name, setName] = useState('');
  const [hours, setHours] = useState('40');
  const [note, setNote] = useState<Note>();
  return (
    <form
      class="card"
      aria-labelledby="new-res-h"
      onSubmit={async (e) => {
        e.preventDefault();
        setNote(undefined);
        try {
          const r = await must(
            api.POST('/partners/{partnerId}/resources', {
              params: { path: { partnerId } },
              body: { kind, name, hoursPerWeek: Number(hours.replace(',', '.')) },
            }),
          );
          onAdded(r as Resource);
          setName('');
          setNote({ kind: 'ok', text: t('ownCapacity.added', { name: r.name }) });
        } catch (err) {
          setNote({ kind: 'error', text: t('app.error', { detail: (err as Error).message }) });
        }
      }}
    >
      <h3 id="new-res-h">{t('ownCapacity.new')}</h3>
      {note && <Alert kind={note.kind}>{note.text}</Alert>}
      <div class="row">
        <div>
          <label for="new-res-kind">{t('ownCapacity.kind')}</label>
          <select
            id="new-res-kind"
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as Resource['kind'])}
          >
            {(['people', 'room', 'machine'] as const).map((k) => (
              <option key={k} value={k}>
                {tk(`ownCapacity.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="new-res-name">{t('ownCapacity.name')}</label>
          <input id="new-res-name" value={name} required onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <div>
          <label for="new-res-hours">{t('ownCapacity.hoursPerWeek')}</label>
          <HoursInput id="new-res-hours" value={hours} onInput={setHours} />
        </div>
        <button type="submit">{t('ownCapacity.add')}</button>
      </div>
    </form>
  );
}
