/**
 * The web console's initial JavaScript per page, gzipped: what a browser must download before a
 * page shows (the entry chunk, the page's lazy chunk and their static imports, CSS beside). Budget:
 * 60 KB gzipped for any page (issue "web console"); exits 1 over it.
 *
 *   npx tsx bench/console.ts
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const OUT = resolve('bench/out/console');
const BUDGET = 60 * 1024;

await build({
  configFile: resolve('web/vite.config.ts'),
  logLevel: 'warn',
  build: { outDir: OUT, emptyOutDir: true, manifest: true },
});

interface Chunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  isEntry?: boolean;
}
const manifest = JSON.parse(readFileSync(join(OUT, '.vite/manifest.json'), 'utf8')) as Record<string, Chunk>;
const gz = (file: string) => gzipSync(readFileSync(join(OUT, file)), { level: 9 }).length;

/** The chunk's file and every chunk it imports statically, once each. */
function closure(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const i of manifest[key]?.imports ?? []) closure(i, seen);
  return seen;
}

const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
const pages: Record<string, string | undefined> = {
  'login, callback': undefined,
  'Anfragen (inbox)': 'src/pages/inbox.tsx',
  'Anfrage (inquiry)': 'src/pages/inquiry.tsx',
  'Meine Woche / Aufträge': 'src/pages/partner-week.tsx',
  Sammelbestellungen: 'src/pages/pools.tsx',
  'Status (customer)': 'src/pages/status.tsx',
  Auslastung: 'src/pages/capacity.tsx',
  Quarantäne: 'src/pages/quarantine.tsx',
  'Betriebe / Kompetenzen': 'src/pages/partners.tsx',
  'Sammelbestellungen (Koordination)': 'src/pages/pool-admin.tsx',
  Berichte: 'src/pages/reports.tsx',
  Einstellungen: 'src/pages/settings.tsx',
  'Meine Kapazität': 'src/pages/own-capacity.tsx',
  Empfehlen: 'src/pages/referral.tsx',
  Förderprojekte: 'src/pages/funding.tsx',
  Austausch: 'src/pages/exchange.tsx',
};

const rows: { page: string; js: number; css: number }[] = [];
for (const [page, lazy] of Object.entries(pages)) {
  const keys = closure(entryKey);
  if (lazy) closure(lazy, keys);
  const files = [...keys].map((k) => manifest[k]!);
  rows.push({
    page,
    js: files.reduce((s, c) => s + gz(c.file), 0),
    css: [...new Set(files.flatMap((c) => c.css ?? []))].reduce((s, f) => s + gz(f), 0),
  });
}
// the hosted inquiry form (`/{slug}/anfrage`) is HTML from the public function: no JavaScript at all
rows.push({ page: 'Anfrageformular (hosted, no JS)', js: 0, css: 0 });

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log('initial JS per page, gzipped (budget 60 KB):');
for (const r of rows)
  console.log(`  ${r.page.padEnd(34)} JS ${kb(r.js).padStart(8)}   CSS ${kb(r.css).padStart(7)}`);
const over = rows.filter((r) => r.js > BUDGET);
if (over.length > 0) {
  console.error(`over budget: ${over.map((r) => r.page).join(', ')}`);
  process.exit(1);
}
