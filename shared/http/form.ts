import type { APIGatewayProxyEventV2 } from 'aws-lambda';

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
}

export const FORM_TYPE = 'application/x-www-form-urlencoded';

export function isFormPost(event: APIGatewayProxyEventV2): boolean {
  const type = event.headers?.['content-type'] ?? event.headers?.['Content-Type'] ?? '';
  return type.split(';')[0]!.trim().toLowerCase() === FORM_TYPE;
}

/** The form's fields as the JSON object the route's body schema reads. */
export function formFields(raw: string, booleans: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of new URLSearchParams(raw)) {
    if (value === '') continue;
    const path = name.split('.');
    let node = out;
    for (const key of path.slice(0, -1)) {
      if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    const leaf = path.at(-1)!;
    node[leaf] = booleans.includes(name) ? true : value;
  }
  return out;
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
