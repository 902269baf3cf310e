import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { securityHeaders } from '#infra/console';
import type { TokenRequest } from './dev-jwt';

/**
 * The local stand-in for the console's CloudFront distribution: the built console from web/dist
 * (index.html for paths without a file), `/config.json`, and the dev-only login page
 * (`/dev/login`), which signs a dev token for the network, role and partner picked. Never
 * deployed: CloudFront has no `/dev/*`.
 */
export interface ConsoleOptions {
  /** web/dist */
  dir: string;
  sign: (t: TokenRequest) => Promise<string>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const HEADERS = securityHeaders({ hsts: false });

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function html(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, {
    ...HEADERS,
    // the dev login page has no script, only its own inline style
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(body);
}

/** Serves the request if it is the console's; false when it is not (the caller answers 404). */
export async function serveConsole(
  opts: ConsoleOptions,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: () => Promise<Buffer | null>,
): Promise<boolean> {
  const method = req.method ?? 'GET';
  if (url.pathname === '/dev/login') {
    if (method === 'GET') {
      html(res, 200, await loginPage(url.searchParams.get('network') ?? 'demo'));
      return true;
    }
    if (method === 'POST') {
      await devLogin(opts, res, (await body())?.toString('utf8') ?? '');
      return true;
    }
  }
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (url.pathname === '/config.json') {
    res.writeHead(200, { ...HEADERS, 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ login: 'dev' }));
    return true;
  }
  const root = resolve(opts.dir);
  const file = normalize(join(root, decodeURIComponent(url.pathname)));
  if (!file.startsWith(root)) return false;
  const found = existsSync(file) && statSync(file).isFile() ? file : undefined;
  // a console route (`/verbund/anfragen/…`) has no file: the single-page app answers it
  const target = found ?? (extname(url.pathname) === '' ? join(root, 'index.html') : undefined);
  if (!target || !existsSync(target)) return false;
  const immutable = found && url.pathname.startsWith('/assets/');
  res.writeHead(200, {
    ...HEADERS,
    'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  res.end(method === 'HEAD' ? undefined : readFileSync(target));
  return true;
}

async function loginPage(network: string, error?: string): Promise<string> {
  const { getNetwork, listPartnersWithResources, networkIdBySlug } = await import(
    '#functions/networks/store'
  );
  const id = (await getNetwork(network)) ? network : await networkIdBySlug(network);
  const partners = id ? (await listPartnersWithResources(id)).partners : [];
  const options = partners
    .map((p) => `<option value="${escapeHtml(p.id)}">${escapeHtml(p.name)} (${escapeHtml(p.id)})</option>`)
    .join('');
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Anmelden (lokal)</title>
<style>body{font:17px/1.5 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}label{display:block;font-weight:600;margin:1rem 0 .25rem}input,select,button{font:inherit;width:100%;min-height:44px}button{margin-top:1.5rem;background:#0b5cad;color:#fff;border:0;border-radius:6px}.err{color:#a4161a}</style></head>
<body><main><h1>Anmelden (nur lokal)</h1><p>Nur für die lokale Entwicklung: wählen Sie Netzwerk, Rolle und Partnerbetrieb.</p>
${error ? `<p class="err" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="get" action="/dev/login"><label for="network">Netzwerk (ID oder Kürzel)</label><input id="network" name="network" value="${escapeHtml(network)}"><button type="submit">Partner dieses Netzwerks laden</button></form>
<form method="post" action="/dev/login"><input type="hidden" name="network" value="${escapeHtml(network)}">
<label for="role">Rolle</label><select id="role" name="role"><option value="coordinator">Koordination</option><option value="partner">Partnerbetrieb</option></select>
<label for="partner">Partnerbetrieb (für die Rolle Partnerbetrieb)</label><select id="partner" name="partner"><option value="">–</option>${options}</select>
<button type="submit">Anmelden</button></form></main></body></html>`;
}

async function devLogin(opts: ConsoleOptions, res: ServerResponse, raw: string) {
  const form = new URLSearchParams(raw);
  const network = form.get('network') ?? '';
  const role = form.get('role');
  const partner = form.get('partner') || undefined;
  const { getNetwork, getPartner, networkIdBySlug } = await import('#functions/networks/store');
  const networkId = (await getNetwork(network)) ? network : await networkIdBySlug(network);
  const fail = async (message: string) => html(res, 400, await loginPage(network, message));
  if (!networkId) return fail(`Kein Netzwerk "${network}".`);
  if (role !== 'coordinator' && role !== 'partner') return fail('Bitte eine Rolle wählen.');
  if (role === 'partner' && !(partner && (await getPartner(networkId, partner))))
    return fail('Für die Rolle Partnerbetrieb bitte einen Partnerbetrieb dieses Netzwerks wählen.');
  const token = await opts.sign({ role, networkId, partnerId: role === 'partner' ? partner : undefined });
  res.writeHead(303, {
    ...HEADERS,
    location: `/login/callback#id_token=${token}`,
    'cache-control': 'no-store',
  });
  res.end();
}
