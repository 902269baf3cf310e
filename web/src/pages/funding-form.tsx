/**
 * What the funding pages share: de-AT euro input to integer cents, the API's field errors shown
 * at their field, a refused write in words, the checks in words, and the project page's base path.
 */
import type { components } from '../../../docs/api/openapi';
import { problemText } from '../api';
import { claims } from '../auth';
import { lang, t } from '../i18n';

export type View = components['schemas']['FundingProjectView'];
export type Check = components['schemas']['FundingCheck'];
export type Note = { kind: 'ok' | 'error'; text: string } | undefined;
/** Field errors by path (`partners.0.fundingRatePct`), as problem+json names them. */
export type FieldErrors = Record<string, string>;

export const base = () => (claims.value?.role === 'coordinator' ? '/verbund' : '/firma');
const message = (c: Check) => (lang.value === 'de' ? c.message_de : c.message_en);

/**
 * `1.234,50` (de-AT: `.` groups, `,` decimals; `1234.5` also read) → 123450 cents; undefined when
 * it is not an amount with at most two decimals. An empty text is 0.
 */
export function parseEuro(text: string): number | undefined {
  const s = text.replace(/\s|€/g, '');
  if (s === '') return 0;
  const de = /^\d{1,3}(\.\d{3})*(,\d{1,2})?$|^\d+(,\d{1,2})?$/;
  const en = /^\d+(\.\d{1,2})?$/;
  let normal: string;
  if (de.test(s)) normal = s.replace(/\./g, '').replace(',', '.');
  else if (en.test(s)) normal = s;
  else return undefined;
  return Math.round(Number(normal) * 100);
}

/** 123450 → `1.234,50` (what parseEuro reads back). */
export const euroInput = (cents: number) =>
  new Intl.NumberFormat('de-AT', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    .format(cents / 100)
    .replace(/\u202f|\u00a0/g, '.');

/** The field errors of a problem+json answer, by path. */
export function fieldErrorsOf(error: unknown): FieldErrors {
  const list =
    error && typeof error === 'object' && 'errors' in error
      ? ((error as { errors?: { path: string; message: string }[] }).errors ?? [])
      : [];
  const out: FieldErrors = {};
  for (const e of list) out[e.path.replace(/^body\./, '')] ??= e.message;
  return out;
}

/** The message of a field, shown under it and named by the input's aria-describedby. */
export function FieldError({ id, errors, path }: { id: string; errors: FieldErrors; path: string }) {
  const text = errors[path];
  return text ? (
    <span id={`${id}-err`} class="fund-field-error">
      {text}
    </span>
  ) : null;
}

/** aria props of an input whose field may have an error. */
export const invalidProps = (id: string, errors: FieldErrors, path: string) =>
  errors[path] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-err` } : {};

/** A refused write in words; a closed period (409) said in the console's language, then the API's own words. */
export function refusal(status: number, error: unknown): string {
  const detail = problemText(error);
  return status === 409 ? `${t('funding.refusedClosed')} ${detail}` : detail;
}

/** The checks in words: broken rules first, each with its source. */
export function Checks({ checks, live }: { checks: Check[]; live?: boolean }) {
  const failing = checks
    .filter((c) => !c.ok)
    .sort((a, b) => Number(b.severity === 'error') - Number(a.severity === 'error'));
  const passed = checks.length - failing.length;
  return (
    <div aria-live={live ? 'polite' : undefined}>
      <h2>{t('funding.checks')}</h2>
      {failing.length === 0 ? (
        <p>
          <span class="badge badge-ok">{t('funding.checksOk', { n: passed })}</span>
        </p>
      ) : (
        <>
          <p>{t('funding.checksSummary', { failing: failing.length, passed })}</p>
          <ul>
            {failing.map((c) => (
              <li key={`${c.id}-${c.partnerId ?? ''}-${c.workPackageId ?? ''}`}>
                <span class={c.severity === 'error' ? 'badge badge-err' : 'badge'}>
                  {t(c.severity === 'error' ? 'funding.error' : 'funding.warning')}
                </span>{' '}
                {message(c)}
                {c.source && <span class="muted small"> ({t('funding.source', { source: c.source })})</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** A file as base64 (the receipt upload). */
export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}
