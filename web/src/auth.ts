import { signal } from '@preact/signals';

/**
 * Who is logged in: the ID token (Cognito, or the local dev issuer) kept in sessionStorage, and
 * its claims. Login goes to `config.json`'s `login`: the dev login page locally, Cognito's
 * managed login (authorization code + PKCE) in AWS.
 */
export interface Claims {
  role: 'coordinator' | 'partner' | 'operator';
  networkId?: string;
  partnerId?: string;
  exp: number;
}

export interface ConsoleConfig {
  /** `dev`: the local dev login; `cognito`: managed login. */
  login: 'dev' | 'cognito';
  cognito?: { domain: string; clientId: string };
}

const KEY = 'verbund.token';

function decode(token: string): Claims | undefined {
  try {
    const part = token.split('.')[1] ?? '';
    const json = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    const role = json['custom:role'];
    if (role !== 'coordinator' && role !== 'partner' && role !== 'operator') return undefined;
    if (typeof json.exp !== 'number' || json.exp * 1000 < Date.now()) return undefined;
    return {
      role,
      networkId: json['custom:networkId'] as string | undefined,
      partnerId: json['custom:partnerId'] as string | undefined,
      exp: json.exp,
    };
  } catch {
    return undefined;
  }
}

const stored = sessionStorage.getItem(KEY);
export const token = signal<string | undefined>(stored && decode(stored) ? stored : undefined);
export const claims = signal<Claims | undefined>(token.value ? decode(token.value) : undefined);

export function setToken(next: string | undefined) {
  const c = next ? decode(next) : undefined;
  if (next && c) sessionStorage.setItem(KEY, next);
  else sessionStorage.removeItem(KEY);
  token.value = c ? next : undefined;
  claims.value = c;
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const res = await fetch('/config.json');
  return (await res.json()) as ConsoleConfig;
}

const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** Sends the browser to the login: the dev page, or Cognito with a PKCE challenge. */
export async function startLogin(config: ConsoleConfig) {
  if (config.login === 'dev' || !config.cognito) {
    location.assign('/dev/login');
    return;
  }
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = b64url(crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem('verbund.pkce', JSON.stringify({ verifier, state }));
  const challenge = b64url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
  const url = new URL('/oauth2/authorize', config.cognito.domain);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.cognito.clientId,
    redirect_uri: `${location.origin}/login/callback`,
    scope: 'openid email',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/**
 * The end of a login at `/login/callback`: `#id_token=…` from the dev login, or `?code=…&state=…`
 * from Cognito, exchanged with the PKCE verifier.
 */
export async function finishLogin(config: ConsoleConfig): Promise<boolean> {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const direct = fragment.get('id_token');
  if (direct) {
    setToken(direct);
    return Boolean(claims.value);
  }
  const query = new URLSearchParams(location.search);
  const saved = JSON.parse(sessionStorage.getItem('verbund.pkce') ?? '{}') as {
    verifier?: string;
    state?: string;
  };
  sessionStorage.removeItem('verbund.pkce');
  const code = query.get('code');
  if (!code || !config.cognito || !saved.verifier || query.get('state') !== saved.state) return false;
  const res = await fetch(new URL('/oauth2/token', config.cognito.domain), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.cognito.clientId,
      code,
      redirect_uri: `${location.origin}/login/callback`,
      code_verifier: saved.verifier,
    }),
  });
  if (!res.ok) return false;
  setToken(((await res.json()) as { id_token?: string }).id_token);
  return Boolean(claims.value);
}
