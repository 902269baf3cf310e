import { useState } from 'preact/hooks';
import { api } from '../api';
import { claims } from '../auth';
import { lang, t } from '../i18n';
import { Alert, must, useLoad } from '../ui';

/** What the exchange's pages share: partner names, competence labels, messages, a 409-aware call. */

export const competences = () => must(api.GET('/competences'));
export const label = (c: { label_de: string; label_en: string }) =>
  lang.value === 'en' ? c.label_en : c.label_de;

/** The network's partner directory (a partner may read it), loaded once per login. */
let directory: { key: string; names: Promise<Map<string, string>> } | undefined;
function partnerNames(): Promise<Map<string, string>> {
  const key = `${claims.value?.networkId}/${claims.value?.role}`;
  if (directory?.key !== key) {
    const names = must(api.GET('/partners')).then((d) => new Map(d.items.map((p) => [p.id, p.name])));
    names.catch(() => {
      directory = undefined;
    });
    directory = { key, names };
  }
  return directory.names;
}

/** `who(id)`: "Sie" for the caller, the partner's name, or "ehemaliger Partnerbetrieb". */
export function useNames() {
  const names = useLoad(partnerNames, []);
  return (partnerId: string) => {
    if (claims.value?.role === 'partner' && claims.value.partnerId === partnerId) return t('exchange.you');
    if (!names.data) return '…';
    return names.data.get(partnerId) ?? t('exchange.formerPartner');
  };
}

export const myPartnerId = () => (claims.value?.role === 'partner' ? claims.value.partnerId : undefined);
export const isCoordinator = () => claims.value?.role === 'coordinator';

/** A call's failure with the problem's field codes (`changed_meanwhile` gets its own message). */
export class CallError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly codes: string[],
  ) {
    super(message);
  }
}

export async function send<D>(call: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<D> {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) {
    const detail =
      error && typeof error === 'object' && 'detail' in error
        ? String((error as { detail: unknown }).detail)
        : '';
    const errors = error && typeof error === 'object' && 'errors' in error ? error.errors : undefined;
    const codes = Array.isArray(errors) ? errors.map((e: { code?: unknown }) => String(e?.code)) : [];
    throw new CallError(detail || `HTTP ${response.status}`, response.status, codes);
  }
  return data as D;
}

export function failure(err: unknown): string {
  if (err instanceof CallError && err.status === 409 && err.codes.includes('changed_meanwhile'))
    return t('exchange.conflict');
  return t('app.error', { detail: (err as Error).message });
}

export type Message = { kind: 'ok' | 'error'; text: string };

/** A message line and `act(fn, ok)`: runs `fn`, shows `ok` or the failure, then `after()`. */
export function useAct(after: () => void) {
  const [message, setMessage] = useState<Message>();
  async function act(fn: () => Promise<unknown>, ok: string): Promise<boolean> {
    setMessage(undefined);
    try {
      await fn();
      setMessage({ kind: 'ok', text: ok });
      after();
      return true;
    } catch (err) {
      setMessage({ kind: 'error', text: failure(err) });
      return false;
    }
  }
  const shown = message ? <Alert kind={message.kind}>{message.text}</Alert> : null;
  return { act, message: shown, setMessage };
}

/** The files a practice note may carry (as the API checks them): shown next to the file field. */
export const FILE_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  zip: 'application/zip',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
};
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
export const MAX_FILES = 5;
type FileType = (typeof FILE_TYPES)[keyof typeof FILE_TYPES];

/** The file's API type by its ending, or a sentence saying why it cannot be attached. */
export function checkFile(file: File): { contentType: FileType } | { refused: string } {
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  const contentType = FILE_TYPES[ext];
  if (!contentType) return { refused: t('exchange.fileType', { name: file.name }) };
  if (file.size > MAX_FILE_BYTES) return { refused: t('exchange.fileSize', { name: file.name }) };
  return { contentType };
}

export function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Uploads files to a practice note one after the other (the API keeps at most five). */
export async function upload(postId: string, files: File[]) {
  for (const file of files) {
    const checked = checkFile(file);
    if ('refused' in checked) throw new Error(checked.refused);
    await send(
      api.POST('/exchange/posts/{postId}/attachments', {
        params: { path: { postId } },
        body: {
          filename: file.name,
          contentType: checked.contentType as never,
          contentBase64: await base64Of(file),
        },
      }),
    );
  }
}

export const kb = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${new Intl.NumberFormat(lang.value === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1024))} KB`
    : `${new Intl.NumberFormat(lang.value === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`;
