import { signal } from '@preact/signals';

/** The current path; `navigate()` and same-origin link clicks change it without a reload. */
export const path = signal(location.pathname);
export const search = signal(location.search);

export function navigate(to: string, replace = false) {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  const url = new URL(to, location.origin);
  path.value = url.pathname;
  search.value = url.search;
  window.scrollTo(0, 0);
}

addEventListener('popstate', () => {
  path.value = location.pathname;
  search.value = location.search;
});

addEventListener('click', (e) => {
  const a = (e.target as Element | null)?.closest?.('a');
  if (!a || a.target || a.hasAttribute('download') || e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0)
    return;
  const url = new URL(a.href, location.origin);
  // the hosted inquiry form and the dev login are served by the server, not the console
  if (
    url.origin !== location.origin ||
    /^\/(api|dev)\//.test(url.pathname) ||
    /\/anfrage$/.test(url.pathname)
  )
    return;
  e.preventDefault();
  navigate(url.pathname + url.search);
});

/** Matches `/verbund/anfragen/:id` against the path: the named parts, or undefined. */
export function match(pattern: string, p: string): Record<string, string> | undefined {
  const names: string[] = [];
  const re = new RegExp(
    `^${pattern.replace(/:(\w+)/g, (_, n: string) => {
      names.push(n);
      return '([^/]+)';
    })}$`,
  );
  const m = re.exec(p);
  if (!m) return undefined;
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
}
