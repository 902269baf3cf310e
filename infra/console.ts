/**
 * How the web console is served, as plain data shared by the CDK console stack
 * (infra/console-stack.ts: S3 + CloudFront) and the local dev server (infra/local/console.ts),
 * so both answer the same paths with the same headers.
 *
 * - `/api/*` → the HTTP API with the `/api` prefix removed (one origin: no CORS for the console)
 * - `/{slug}/anfrage` → the public function's hosted form (`GET /public/{slug}/form`), which
 *   works without JavaScript
 * - anything else → the built console (web/dist); a path without a file gets index.html
 */
export const API_PREFIX = '/api';

/** `/demo/anfrage` → `/public/demo/form`; undefined for any other path. */
export function formPagePath(path: string): string | undefined {
  const m = /^\/([a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)\/anfrage\/?$/.exec(path);
  return m ? `/public/${m[1]}/form` : undefined;
}

/**
 * The console's security headers: no inline script (CSP `script-src 'self'`), no framing, HSTS.
 * `connect-src` adds the Cognito domain for the token exchange of the PKCE login.
 */
export function securityHeaders(opts: { cognitoDomain?: string; hsts: boolean }): Record<string, string> {
  const connect = ["'self'", ...(opts.cognitoDomain ? [opts.cognitoDomain] : [])].join(' ');
  return {
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob:",
      `connect-src ${connect}`,
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "object-src 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    ...(opts.hsts ? { 'strict-transport-security': 'max-age=63072000; includeSubDomains; preload' } : {}),
  };
}

/**
 * The CloudFront Function on the `/api/*` and `/*\/anfrage` behaviours (viewer request): strips
 * `/api` and maps the form page, exactly as {@link formPagePath} does locally.
 */
export const CLOUDFRONT_REWRITE = `function handler(event) {
  var r = event.request;
  if (r.uri.indexOf('${API_PREFIX}/') === 0) { r.uri = r.uri.slice(${API_PREFIX.length}); return r; }
  var m = /^\\/([a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)\\/anfrage\\/?$/.exec(r.uri);
  if (m) r.uri = '/public/' + m[1] + '/form';
  return r;
}`;
