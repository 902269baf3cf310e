import type { ComponentChildren, ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from './i18n';

/** Loads a page's module on first use, so each page's code is its own chunk. */
export function Lazy<P extends object>({
  load,
  props,
}: {
  load: () => Promise<{ default: ComponentType<P> }>;
  props: P;
}) {
  const [Page, setPage] = useState<ComponentType<P> | null>(null);
  useEffect(() => {
    let live = true;
    load().then((m) => live && setPage(() => m.default));
    return () => {
      live = false;
    };
  }, [load]);
  return Page ? <Page {...props} /> : <p class="muted">{t('app.loading')}</p>;
}

/** Runs `fn` when `deps` change; answers its data, its error and a reload function. */
export function useLoad<T>(fn: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    fn().then(
      (data) => live && setState({ data, loading: false }),
      (err: unknown) => live && setState({ error: (err as Error).message ?? String(err), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return { ...state, reload: () => setTick((n) => n + 1) };
}

export function Alert({ kind, children }: { kind: 'error' | 'ok'; children: ComponentChildren }) {
  return (
    <p class={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </p>
  );
}

/** Unwraps an openapi-fetch answer: the data, or throws the problem's detail. */
export async function must<D>(call: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<D> {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) {
    const detail =
      error && typeof error === 'object' && 'detail' in error
        ? String((error as { detail: unknown }).detail)
        : '';
    throw new Error(detail || `HTTP ${response.status}`);
  }
  return data as D;
}
