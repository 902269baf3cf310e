import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The console's sources: a change to any of them makes web/dist stale. */
const SOURCES = ['web/src', 'web/index.html', 'web/vite.config.ts', 'docs/api/openapi.d.ts'];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

/** True when web/dist is missing or older than a source of the console. */
export function consoleIsStale(root: string): boolean {
  const built = join(root, 'web/dist/index.html');
  if (!existsSync(built)) return true;
  const at = statSync(built).mtimeMs;
  return SOURCES.some((s) => newest(join(root, s)) > at);
}

/**
 * `npm start` builds the console when web/dist is missing or stale (a few seconds with Vite).
 * It builds into a fresh folder and swaps it in, so two runtimes starting at once (the e2e
 * tests) never serve a half-written web/dist.
 */
export async function ensureConsoleBuilt(root: string, log?: (line: string) => void): Promise<string> {
  const dist = resolve(root, 'web/dist');
  if (!consoleIsStale(root)) return dist;
  const started = performance.now();
  const tmp = mkdtempSync(join(resolve(root, 'web'), '.dist-'));
  const { build } = await import('vite');
  await build({
    configFile: resolve(root, 'web/vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: tmp, emptyOutDir: true },
  });
  if (!consoleIsStale(root)) {
    // another runtime swapped in its build of the same sources meanwhile, and may be serving it
    // to a browser right now: keep that one
    rmSync(tmp, { recursive: true, force: true });
    return dist;
  }
  const old = `${dist}.old-${process.pid}`;
  if (existsSync(dist)) renameSync(dist, old);
  try {
    renameSync(tmp, dist);
  } catch {
    // another runtime swapped in its build at the same moment: the same sources, so keep that one
    rmSync(tmp, { recursive: true, force: true });
  }
  rmSync(old, { recursive: true, force: true });
  log?.(`built the web console in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return dist;
}
