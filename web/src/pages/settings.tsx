import { useEffect, useState } from 'preact/hooks';
import type { components } from '../../../docs/api/openapi';
import { api } from '../api';
import { t } from '../i18n';
import { Alert, must, useLoad } from '../ui';

type Network = components['schemas']['Network'];
const ZONES = [
  'Europe/Vienna',
  'Europe/Berlin',
  'Europe/Zurich',
  'Europe/Rome',
  'Europe/Prague',
  'Europe/London',
];
const LANGUAGES = ['de-AT', 'de-DE', 'de-CH', 'en-GB'];

/** The network's public face: name, contact person, inbound address, time zone, language, embedding websites. */
export default function Settings() {
  const network = useLoad(() => must(api.GET('/network')), []);
  const [f, setF] = useState({
    name: '',
    contactName: '',
    contactEmail: '',
    inbound: '',
    timezone: 'Europe/Vienna',
    language: 'de-AT',
    origins: '',
  });
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string }>();
  // what the form compares with: the network as loaded, then as the last save answered it
  const [saved, setSaved] = useState<Network>();
  const loaded = network.data && 'inboundLocalPart' in network.data ? (network.data as Network) : undefined;
  const n = saved ?? loaded;
  useEffect(() => {
    // once, when it arrives: a later answer must not overwrite what the user is typing
    if (loaded)
      setF({
        name: loaded.name,
        contactName: loaded.contact.name,
        contactEmail: loaded.contact.email,
        inbound: loaded.inboundLocalPart,
        timezone: loaded.timezone,
        language: loaded.language ?? 'de-AT',
        origins: (loaded.embedOrigins ?? []).join('\n'),
      });
  }, [network.data]);

  if (network.error) return <Alert kind="error">{t('app.error', { detail: network.error })}</Alert>;
  if (!n || !('inboundLocalPart' in n)) return <p class="muted">{t('app.loading')}</p>;
  const zones = ZONES.includes(f.timezone) ? ZONES : [f.timezone, ...ZONES];
  const input = (k: keyof typeof f, label: Parameters<typeof t>[0], type: 'text' | 'email' = 'text') => (
    <div>
      <label for={`set-${k}`}>{t(label)}</label>
      <input
        id={`set-${k}`}
        type={type as 'text'}
        required
        value={f[k]}
        onInput={(e) => setF({ ...f, [k]: e.currentTarget.value })}
      />
    </div>
  );

  async function save(e: Event) {
    e.preventDefault();
    setNote(undefined);
    // only what changed: a PATCH of the unchanged inbound address would be checked again for nothing
    const body: Record<string, unknown> = {};
    if (f.name !== n!.name) body.name = f.name;
    if (f.contactName !== n!.contact.name || f.contactEmail !== n!.contact.email)
      body.contact = { name: f.contactName, email: f.contactEmail };
    if ('inboundLocalPart' in n! && f.inbound !== n.inboundLocalPart) body.inboundLocalPart = f.inbound;
    if (f.timezone !== n!.timezone) body.timezone = f.timezone;
    if (f.language !== ('language' in n! ? (n.language ?? 'de-AT') : 'de-AT')) body.language = f.language;
    // one website per line; the API checks each (https://host[:port]) and names a wrong line
    const origins = f.origins
      .split(/\s+/)
      .map((o) => o.trim())
      .filter(Boolean);
    if (origins.join('\n') !== (n!.embedOrigins ?? []).join('\n')) body.embedOrigins = origins;
    if (Object.keys(body).length === 0) return setNote({ kind: 'ok', text: t('settings.unchanged') });
    try {
      setSaved(await must(api.PATCH('/network', { body })));
      setNote({ kind: 'ok', text: t('settings.saved') });
    } catch (err) {
      setNote({ kind: 'error', text: t('app.error', { detail: (err as Error).message }) });
    }
  }

  return (
    <section class="narrow">
      <h1>{t('settings.title')}</h1>
      <p>{t('settings.intro')}</p>
      {note && <Alert kind={note.kind}>{note.text}</Alert>}
      <form onSubmit={save}>
        {input('name', 'settings.name')}
        {input('contactName', 'settings.contactName')}
        {input('contactEmail', 'settings.contactEmail', 'email')}
        {input('inbound', 'settings.inbound')}
        <p class="muted small">{t('settings.inboundHint', { local: f.inbound })}</p>
        <label for="set-timezone">{t('settings.timezone')}</label>
        <select
          id="set-timezone"
          value={f.timezone}
          onChange={(e) => setF({ ...f, timezone: e.currentTarget.value })}
        >
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
        <label for="set-language">{t('settings.language')}</label>
        <select
          id="set-language"
          value={f.language}
          onChange={(e) => setF({ ...f, language: e.currentTarget.value })}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
        <label for="set-origins">{t('settings.embedOrigins')}</label>
        <textarea
          id="set-origins"
          rows={3}
          placeholder="https://www.ihr-verbund.at"
          aria-describedby="set-origins-hint"
          value={f.origins}
          onInput={(e) => setF({ ...f, origins: e.currentTarget.value })}
        />
        <p id="set-origins-hint" class="muted small">
          {t('settings.embedOriginsHint')}
        </p>
        <p>
          <button type="submit" class="primary">
            {t('settings.save')}
          </button>
        </p>
      </form>
      <p class="muted">
        {t('settings.formLink')} <a href={`/${n.slug}/anfrage`}>{`/${n.slug}/anfrage`}</a>
      </p>
    </section>
  );
}
