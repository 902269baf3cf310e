import { useEffect, useState } from 'preact/hooks';
import { lang, t } from './i18n';

/** `2027-03-01` → `01.03.2027`, the network's (de-AT) way of writing a date. */
const toLocal = (iso: string) => (iso ? iso.split('-').reverse().join('.') : '');

/** `Montag, 1. März 2027`: the day in words, so a typo shows. */
const longDate = (iso: string) =>
  new Intl.DateTimeFormat(lang.value === 'de' ? 'de-AT' : 'en-GB', {
    dateStyle: 'full',
    timeZone: 'UTC',
  }).format(new Date(`${iso}T12:00:00Z`));

/** `1.3.2027` or `01.03.2027` → `2027-03-01`; '' when it is no date. */
export function fromLocal(text: string): string {
  const m = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/.exec(text);
  if (!m) return '';
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T12:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? '' : iso;
}

/**
 * A date field written the network's way, `TT.MM.JJJJ` (de-AT), whatever language the browser
 * speaks (a native date input follows the browser's, which shows `mm/dd/yyyy` to many); it
 * answers ISO dates to the page.
 */
export function DateField({
  id,
  label,
  value,
  onInput,
  required,
}: {
  id: string;
  label: string;
  value: string;
  onInput: (v: string) => void;
  required?: boolean;
}) {
  const [text, setText] = useState(toLocal(value));
  useEffect(() => {
    if (fromLocal(text) !== value) setText(toLocal(value));
  }, [value]);
  const invalid = text.trim() !== '' && !fromLocal(text);
  return (
    <div>
      <label for={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autocomplete="off"
        placeholder={t('ownCapacity.datePattern')}
        value={text}
        required={required}
        aria-invalid={invalid || undefined}
        aria-describedby={`${id}-said`}
        onInput={(e) => {
          setText(e.currentTarget.value);
          onInput(fromLocal(e.currentTarget.value));
        }}
      />
      <span id={`${id}-said`} class="muted small">
        {invalid ? t('ownCapacity.dateInvalid') : value ? longDate(value) : t('ownCapacity.datePattern')}
      </span>
    </div>
  );
}
