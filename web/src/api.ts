import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '../../docs/api/openapi';
import { setToken, token } from './auth';

/**
 * The typed API client: openapi-fetch over the generated `docs/api/openapi.d.ts`, under `/api`
 * (the same origin in AWS and locally, so no CORS). A 401 logs out.
 */
const auth: Middleware = {
  onRequest({ request }) {
    if (token.value) request.headers.set('authorization', `Bearer ${token.value}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) setToken(undefined);
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: `${location.origin}/api` });
api.use(auth);

/** The `detail` of a problem+json answer, or a generic line. */
export function problemText(error: unknown): string {
  if (error && typeof error === 'object' && 'detail' in error)
    return String((error as { detail: unknown }).detail);
  return String(error ?? 'unknown error');
}
