/**
 * Checks answers against the published contract, docs/api/openapi.json: the status must be one
 * the operation documents, and a JSON body must validate against the documented schema of that
 * status and content type (JSON Schema 2020-12, as the document states it). test/support/api.ts
 * runs it on every answer the integration tests get, so the document cannot drift from what the
 * handlers really return.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

const DOC_ID = 'openapi.json';

interface Operation {
  responses: Record<string, { $ref?: string; content?: Record<string, unknown> }>;
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components: { responses: Record<string, { content?: Record<string, unknown> }> };
}

let loaded: { doc: Doc; ajv: Ajv2020 } | undefined;
const compiled = new Map<string, ValidateFunction>();

function load(file = 'docs/api/openapi.json') {
  if (!loaded) {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as Doc;
    // formats are checked by the patterns zod writes beside them; strict mode would reject
    // the OpenAPI keywords around the schemas
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    ajv.addSchema({ ...doc, $id: DOC_ID });
    loaded = { doc, ajv };
  }
  return loaded;
}

const pointer = (...parts: string[]) =>
  parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/** A mismatch between an answer and the document, or undefined when the answer is documented. */
export function contractViolation(answer: {
  method: string;
  path: string;
  status: number;
  contentType?: string;
  body: unknown;
}): string | undefined {
  const { doc, ajv } = load();
  const where = `${answer.method} ${answer.path} → ${answer.status}`;
  const fix = '(docs/api/openapi.json; after changing a contract run `npm run openapi`)';
  const op = doc.paths[answer.path]?.[answer.method.toLowerCase()];
  if (!op) return `${where}: the operation is not in the document ${fix}`;
  const status = String(answer.status);
  const response = op.responses[status];
  if (!response) return `${where}: the status is not documented for the operation ${fix}`;
  let content = response.content;
  let base = pointer('paths', answer.path, answer.method.toLowerCase(), 'responses', status);
  if (response.$ref) {
    const name = response.$ref.split('/').pop()!;
    content = doc.components.responses[name]?.content;
    base = pointer('components', 'responses', name);
  }
  if (answer.status === 204 || !answer.contentType) {
    return content && answer.status !== 204
      ? `${where}: no body, but the document promises one ${fix}`
      : undefined;
  }
  const mediaType = answer.contentType.split(';')[0]!.trim().toLowerCase();
  if (!content?.[mediaType]) return `${where}: content type ${mediaType} is not documented ${fix}`;
  if (!mediaType.endsWith('json')) return undefined;
  const ref = `${DOC_ID}#/${base}/${pointer('content', mediaType, 'schema')}`;
  let validate = compiled.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: ref });
    compiled.set(ref, validate);
  }
  if (validate(answer.body)) return undefined;
  const errors = (validate.errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
  return `${where}: the body does not match the documented schema ${fix}:\n  ${errors.join('\n  ')}`;
}
