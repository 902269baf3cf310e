import { useState } from 'preact/hooks';
import type { components } from '../../../docs/api/openapi';
import { api } from '../api';
import { claims, token } from '../auth';
import { DateField } from '../date-field';
import { today } from '../dates';
import { saveFile } from '../files';
import { date, euro } from '../format';
import { t, tk } from '../i18n';
import { Alert, must, useLoad } from '../ui';
import {
  euroInput,
  FieldError,
  type FieldErrors,
  fieldErrorsOf,
  invalidProps,
  type Note,
  parseEuro,
  readBase64,
  refusal,
  type View,
} from './funding-form';

type Cost = components['schemas']['FundingCost'];
type Kind = Cost['kind'];
const KINDS: Kind[] = ['material', 'thirdParty', 'travel'];
const RECEIPT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
const RECEIPT_MAX = 2 * 1024 * 1024;

interface Draft {
  partnerId: string;
  kind: Kind;
  workPackageId: string;
  date: string;
  amount: string;
  description: string;
}

/**
 * Costs and receipts: personnel follows from the hours × the categories' rates (shown, not
 * entered); material, third-party and travel are entered in euros (`1.234,50`) with an optional
 * receipt (PDF, JPEG, PNG, at most 2 MB), listed with edit and delete. A partner enters its own,
 * the coordinator names the partner. A closed period is refused with the API's 409 in words.
 */
export function Costs({ p, onChange }: { p: View; onChange: () => void }) {
  const coordinator = claims.value?.role === 'coordinator';
  const own = claims.value?.partnerId ?? '';
  const empty = (): Draft => ({
    partnerId: coordinator ? (p.partners[0]?.partnerId ?? '') : own,
    kind: 'material',
    workPackageId: p.workPackages[0]?.id ?? '',
    // today, or the project's nearest day when today lies outside it
    date: [p.start, today(), p.end].sort()[1]!,
    amount: '',
    description: '',
  });
  const [draft, setDraft] = useState<Draft>(empty);
  const [editing, setEditing] = useState<Cost>();
  const [file, setFile] = useState<File>();
  const [dropReceipt, setDropReceipt] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [note, setNote] = useState<Note>();
  const [busy, setBusy] = useState(false);
  // a new key empties the file input after a save (its chosen file is the browser's, not state)
  const [fileKey, setFileKey] = useState(0);
  const costs = useLoad(
    () => must(api.GET('/funding/projects/{projectId}/costs', { params: { path: { projectId: p.id } } })),
    [p.id],
  );
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const wpTitle = (id: string) => p.workPackages.find((w) => w.id === id)?.title ?? id;
  const partnerName = (id: string) => p.partners.find((x) => x.partnerId === id)?.name ?? id;
  const personnel = p.partnerTotals
    .filter((x) => coordinator || x.partnerId === own)
    .reduce((s, x) => s + x.actual.personnelCents, 0);

  function reset() {
    setFileKey((k) => k + 1);
    setDraft(empty());
    setEditing(undefined);
    setFile(undefined);
    setDropReceipt(false);
    setErrors({});
  }

  async function save(e: Event) {
    e.preventDefault();
    setNote(undefined);
    const cents = parseEuro(draft.amount);
    const local: FieldErrors = {};
    if (cents === undefined || cents < 1) local.amountCents = t('funding.amountInvalid');
    if (file && !RECEIPT_TYPES.includes(file.type)) local['receipt.contentType'] = t('funding.receiptType');
    if (file && file.size > RECEIPT_MAX) local['receipt.contentBase64'] = t('funding.receiptSize');
    if (!draft.date) local.date = t('ownCapacity.dateInvalid');
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const receipt = file
        ? {
            filename: file.name.replace(/[^A-Za-z0-9._ -]/g, '_').replace(/^[^A-Za-z0-9]+/, '') || 'beleg',
            contentType: file.type as 'application/pdf',
            contentBase64: await readBase64(file),
          }
        : undefined;
      const fields = {
        kind: draft.kind,
        workPackageId: draft.workPackageId,
        date: draft.date,
        amountCents: cents!,
        description: draft.description,
      };
      const { error, response } = editing
        ? await api.PATCH('/funding/projects/{projectId}/costs/{costId}', {
            params: { path: { projectId: p.id, costId: editing.id } },
            body: {
              seen: editing.updatedAt ?? editing.createdAt,
              ...fields,
              ...(receipt ? { receipt } : dropReceipt ? { receipt: null } : {}),
            },
          })
        : await api.POST('/funding/projects/{projectId}/costs', {
            params: { path: { projectId: p.id } },
            body: {
              ...fields,
              ...(coordinator ? { partnerId: draft.partnerId } : {}),
              ...(receipt ? { receipt } : {}),
            },
          });
      if (!response.ok) {
        setErrors(fieldErrorsOf(error));
        return setNote({ kind: 'error', text: refusal(response.status, error) });
      }
      setNote({
        kind: 'ok',
        text: t(editing ? 'funding.costChanged' : 'funding.costSaved', { amount: euro(cents!) }),
      });
      reset();
      costs.reload();
      onChange();
    } finally {
      setBusy(false);
    }
  }

  function edit(c: Cost) {
    setNote(undefined);
    setErrors({});
    setEditing(c);
    setFile(undefined);
    setDropReceipt(false);
    setDraft({
      partnerId: c.partnerId,
      kind: c.kind,
      workPackageId: c.workPackageId,
      date: c.date,
      amount: euroInput(c.amountCents),
      description: c.description,
    });
    document.getElementById('cost-amount')?.focus();
  }

  async function remove(c: Cost) {
    setNote(undefined);
    const { error, response } = await api.DELETE('/funding/projects/{projectId}/costs/{costId}', {
      params: { path: { projectId: p.id, costId: c.id } },
    });
    if (!response.ok) return setNote({ kind: 'error', text: refusal(response.status, error) });
    setNote({ kind: 'ok', text: t('funding.costDeleted') });
    if (editing?.id === c.id) reset();
    costs.reload();
    onChange();
  }

  async function receipt(e: Event, c: Cost) {
    e.preventDefault();
    const res = await fetch(
      `/api/funding/projects/${encodeURIComponent(p.id)}/costs/${encodeURIComponent(c.id)}/receipt`,
      {
        headers: { authorization: `Bearer ${token.value ?? ''}` },
      },
    );
    if (!res.ok) return setNote({ kind: 'error', text: `HTTP ${res.status}` });
    saveFile(await res.blob(), c.receipt?.filename ?? 'beleg');
  }

  const items = costs.data?.items ?? [];
  return (
    <>
      <h2 id="costs-h">{t('funding.costsTitle')}</h2>
      <p class="small muted">{t('funding.personnelComputed', { amount: euro(personnel) })}</p>
      <form onSubmit={save} class="card" aria-labelledby="costs-h" noValidate>
        {editing && <p class="badge">{t('funding.costEditing', { amount: euro(editing.amountCents) })}</p>}
        {coordinator && !editing && (
          <p>
            <label for="cost-partner">{t('funding.partner')}</label>
            <select
              id="cost-partner"
              value={draft.partnerId}
              onChange={(e) => set({ partnerId: e.currentTarget.value })}
            >
              {p.partners.map((x) => (
                <option key={x.partnerId} value={x.partnerId}>
                  {x.name}
                </option>
              ))}
            </select>
          </p>
        )}
        <fieldset class="choices">
          <legend>{t('funding.costKind')}</legend>
          {KINDS.map((k) => (
            <label key={k} class="check">
              <input
                type="radio"
                name="cost-kind"
                checked={draft.kind === k}
                onChange={() => set({ kind: k })}
              />
              {tk(`funding.kind.${k}`)}
            </label>
          ))}
        </fieldset>
        <p>
          <label for="cost-wp">{t('funding.workPackage')}</label>
          <select
            id="cost-wp"
            value={draft.workPackageId}
            onChange={(e) => set({ workPackageId: e.currentTarget.value })}
            {...invalidProps('cost-wp', errors, 'workPackageId')}
          >
            {p.workPackages.map((w) => (
              <option key={w.id} value={w.id}>
                {w.title}
              </option>
            ))}
          </select>
          <FieldError id="cost-wp" errors={errors} path="workPackageId" />
        </p>
        <div class="fund-grid">
          <div>
            <DateField
              id="cost-date"
              label={t('funding.costDate')}
              value={draft.date}
              onInput={(v) => set({ date: v })}
              required
            />
            <FieldError id="cost-date" errors={errors} path="date" />
          </div>
          <div>
            <label for="cost-amount">{t('funding.amount')}</label>
            <input
              id="cost-amount"
              inputMode="decimal"
              autocomplete="off"
              placeholder="1.234,50"
              value={draft.amount}
              onInput={(e) => set({ amount: e.currentTarget.value })}
              {...invalidProps('cost-amount', errors, 'amountCents')}
            />
            <FieldError id="cost-amount" errors={errors} path="amountCents" />
          </div>
        </div>
        <p>
          <label for="cost-desc">{t('funding.description')}</label>
          <input
            id="cost-desc"
            value={draft.description}
            onInput={(e) => set({ description: e.currentTarget.value })}
            {...invalidProps('cost-desc', errors, 'description')}
          />
          <FieldError id="cost-desc" errors={errors} path="description" />
        </p>
        <p>
          <label for="cost-receipt">
            {t(editing?.receipt ? 'funding.receiptReplace' : 'funding.receipt')}
          </label>
          <input
            key={fileKey}
            id="cost-receipt"
            type="file"
            accept="application/pdf,image/jpeg,image/png"
            onChange={(e) => setFile(e.currentTarget.files?.[0])}
            {...invalidProps(
              'cost-receipt',
              errors,
              errors['receipt.contentType'] ? 'receipt.contentType' : 'receipt.contentBase64',
            )}
          />
          <span class="small muted">{t('funding.receiptHint')}</span>{' '}
          <FieldError
            id="cost-receipt"
            errors={errors}
            path={errors['receipt.contentType'] ? 'receipt.contentType' : 'receipt.contentBase64'}
          />
        </p>
        {editing?.receipt && !file && (
          <label class="check">
            <input
              type="checkbox"
              checked={dropReceipt}
              onChange={(e) => setDropReceipt(e.currentTarget.checked)}
            />
            {t('funding.receiptRemove', { name: editing.receipt.filename })}
          </label>
        )}
        <p class="actions">
          <button type="submit" class="primary" disabled={busy || !draft.workPackageId}>
            {t(editing ? 'funding.costUpdate' : 'funding.costSave')}
          </button>
          {editing && (
            <button type="button" onClick={reset}>
              {t('funding.cancel')}
            </button>
          )}
        </p>
      </form>
      {note && <Alert kind={note.kind}>{note.text}</Alert>}
      {costs.error && <Alert kind="error">{t('app.error', { detail: costs.error })}</Alert>}
      {costs.data && items.length === 0 && <p>{t('funding.noCosts')}</p>}
      <ul class="plain" aria-label={t('funding.costList')}>
        {items.map((c) => (
          <li key={c.id} class="card fund-cost">
            <p>
              <strong>{euro(c.amountCents)}</strong> · {tk(`funding.kind.${c.kind}`)} · {date(c.date)}
            </p>
            <p class="small">
              {c.description} · {wpTitle(c.workPackageId)}
              {coordinator && <> · {partnerName(c.partnerId)}</>}
            </p>
            <p class="actions">
              {c.receipt && (
                <a
                  href={`/api/funding/projects/${encodeURIComponent(p.id)}/costs/${encodeURIComponent(c.id)}/receipt`}
                  download
                  onClick={(e) => receipt(e, c)}
                  aria-label={t('funding.receiptOpen', { name: c.receipt.filename })}
                >
                  {t('funding.receiptLink', { name: c.receipt.filename })}
                </a>
              )}
              <button
                type="button"
                onClick={() => edit(c)}
                aria-label={t('funding.costEditLabel', { amount: euro(c.amountCents), what: c.description })}
              >
                {t('funding.edit')}
              </button>
              <button
                type="button"
                onClick={() => remove(c)}
                aria-label={t('funding.costDeleteLabel', {
                  amount: euro(c.amountCents),
                  what: c.description,
                })}
              >
                {t('funding.delete')}
              </button>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
