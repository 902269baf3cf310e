import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { AppError, ValidationError } from './errors';

/**
 * A browser's plain HTML form post (`application/x-www-form-urlencoded`), for routes that take
 * one beside JSON (the public inquiry form works without JavaScript): the fields become the
 * JSON body the route's schema validates. `customer.name=…` nests, empty fields are left out
 * (as an unfilled optional field), the checkbox names in `booleans` become `true` when ticked.
 */
export interface FormPost {
  /** Checkbox fields: present (any value) → `true`. */
  booleans?: readonly string[];
  /** Where the browser goes after a success (303 See Other), from the JSON answer. */
  seeOther: (answer: unknown, event: APIGatewayProxyEventV2) => string;
  /**
   * The route also takes `multipart/form-data` with files in this one field (the inquiry form's
   * photos); the handler reads them with {@link uploadedFiles}. Without it, multipart is refused (415).
   */
  files?: FormFiles;
}

/** Files a multipart form post may carry, and the limits checked before anything is read further. */
export interface FormFiles {
  field: string;
  maxFiles: number;
  maxFileBytes: number;
  /** The whole body, fields and files, as the client sent it (before base64). */
  maxBodyBytes: number;
}

/** A file of a multipart post: the bytes and the name the browser gave (its claimed type is not kept). */
export interface UploadedFile {
  filename: string;
  bytes: Uint8Array;
}

export const FORM_TYPE = 'application/x-www-form-urlencoded';
export const MULTIPART_TYPE = 'multipart/form-data';

const mediaType = (event: APIGatewayProxyEventV2) =>
  (event.headers?.['content-type'] ?? event.headers?.['Content-Type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();

export function isFormPost(event: APIGatewayProxyEventV2): boolean {
  return mediaType(event) === FORM_TYPE;
}

export function isMultipartPost(event: APIGatewayProxyEventV2): boolean {
  return mediaType(event) === MULTIPART_TYPE;
}

function setField(out: Record<string, unknown>, name: string, value: string, booleans: readonly string[]) {
  if (value === '') return;
  const path = name.split('.');
  let node = out;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const leaf = path.at(-1)!;
  node[leaf] = booleans.includes(name) ? true : value;
}

/** The form's fields as the JSON object the route's body schema reads. */
export function formFields(raw: string, booleans: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of new URLSearchParams(raw)) setField(out, name, value, booleans);
  return out;
}

const tooLarge = (path: string, message: string, maximum: number) =>
  new AppError(413, 'too-large', `${path}: ${message}`, [
    { path, message, code: 'too_large', params: { maximum } },
  ]);

/**
 * A multipart form post: its text fields as {@link formFields} makes them, its files apart.
 * Parsed by the platform's own parser (undici's `Response.formData()`, Node 22), after the size
 * of the whole body and before anything else; an empty file input (no file chosen) is no file.
 */
export async function multipartForm(
  raw: Buffer,
  contentType: string,
  files: FormFiles,
  booleans: readonly string[] = [],
): Promise<{ fields: Record<string, unknown>; files: UploadedFile[] }> {
  if (raw.byteLength > files.maxBodyBytes) {
    throw tooLarge(
      files.field,
      `the form post must be at most ${mib(files.maxBodyBytes)} together, got ${mib(raw.byteLength)}`,
      files.maxBodyBytes,
    );
  }
  let data: FormData;
  try {
    data = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
  } catch (cause) {
    const message = 'is not a readable multipart/form-data body';
    throw new ValidationError(`body ${message}`, [{ path: 'body', message, code: 'invalid_multipart' }], {
      cause,
    });
  }
  const fields: Record<string, unknown> = {};
  const found: { name: string; file: File }[] = [];
  for (const [name, value] of data) {
    if (typeof value === 'string') setField(fields, name, value, booleans);
    else if (value.size > 0 || value.name !== '') found.push({ name, file: value });
  }
  const stranger = found.find((f) => f.name !== files.field);
  if (stranger) {
    const message = `is not a file field of this form (only ${files.field})`;
    throw new ValidationError(`${stranger.name} ${message}`, [
      { path: stranger.name, message, code: 'unrecognized_keys' },
    ]);
  }
  if (found.length > files.maxFiles) {
    const message = `must be at most ${files.maxFiles} files, got ${found.length}`;
    throw new ValidationError(`${files.field}: ${message}`, [
      { path: files.field, message, code: 'too_big', params: { maximum: files.maxFiles } },
    ]);
  }
  const big = found.findIndex((f) => f.file.size > files.maxFileBytes);
  if (big >= 0) {
    throw tooLarge(
      `${files.field}.${big}`,
      `must be at most ${mib(files.maxFileBytes)}, got ${mib(found[big]!.file.size)}`,
      files.maxFileBytes,
    );
  }
  const uploaded = await Promise.all(
    found.map(async ({ file }) => ({ filename: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })),
  );
  return { fields, files: uploaded };
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const uploads = new WeakMap<APIGatewayProxyEventV2, UploadedFile[]>();

/** Files of the multipart post (none for JSON and urlencoded posts). */
export function uploadedFiles(event: APIGatewayProxyEventV2): UploadedFile[] {
  return uploads.get(event) ?? [];
}

/** Keeps a multipart post's files for {@link uploadedFiles} (shared/http/handler.ts). */
export function keepUploadedFiles(event: APIGatewayProxyEventV2, files: UploadedFile[]) {
  uploads.set(event, files);
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The answer to a form post that was refused: a small HTML page naming the fields (a browser
 * shows it; the status stays the problem's 4xx), with a link back.
 */
export function formProblemPage(
  status: number,
  detail: string,
  errors: readonly { path: string; message: string }[] = [],
  back = '',
): { statusCode: number; headers: Record<string, string>; body: string } {
  const items = errors
    .map((e) => `<li><strong>${escapeHtml(e.path)}</strong>: ${escapeHtml(e.message)}</li>`)
    .join('');
  return {
    statusCode: status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: `<!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Bitte prüfen / please check</title></head><body><main><h1>Bitte prüfen Sie Ihre Angaben</h1><p>${escapeHtml(detail)}</p><ul>${items}</ul>${/^\/[^/]/.test(back) ? `<p><a href="${escapeHtml(back)}">Zurück zum Formular / back to the form</a></p>` : ''}</main></body></html>`,
  };
}
