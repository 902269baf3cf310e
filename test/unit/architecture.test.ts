import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The dependency rules of the code, read from the import statements of functions/** and shared/**:
 * - no import cycle between capabilities (the folders of functions/);
 * - a capability reaches another only through that capability's index.ts (pure) or its stores:
 *   store.ts, or a `<part>-store.ts` split off so routes that do not need a heavy write path do
 *   not load it (inquiries/create-store.ts: bench/bundles.ts);
 * - shared/ imports nothing from functions/, infra/, test/ or bench/;
 * - functions/ imports nothing from infra/, test/ or bench/ (CDK and tooling stay out of bundles);
 * - no relative import leaves its folder (`../`); across folders the `#shared/*`-style aliases.
 */

const ROOT = resolve(import.meta.dirname, '..', '..');

/**
 * Imports that break a rule today because other work moves them: each names the file that
 * imports, the file it imports and why. Remove an entry when its move lands; the last test fails
 * on an entry that no import needs any more.
 */
const ALLOWED: readonly { from: string; to: string; why: string }[] = [];

interface Import {
  from: string;
  /** The specifier as written. */
  spec: string;
  /** The imported file, from the repository root; undefined for packages and node built-ins. */
  to?: string;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

const ALIASES: Record<string, string> = {
  '#shared/': 'shared/',
  '#functions/': 'functions/',
  '#infra/': 'infra/',
  '#test/': 'test/',
  '#bench/': 'bench/',
  '#docs/': 'docs/',
};

function resolveSpec(file: string, spec: string): string | undefined {
  const withExt = (p: string) => (/\.[a-z]+$/.test(p) ? p : `${p}.ts`);
  if (spec.startsWith('.')) return withExt(relative(ROOT, join(ROOT, dirname(file), spec)));
  const alias = Object.keys(ALIASES).find((a) => spec.startsWith(a));
  return alias ? withExt(ALIASES[alias] + spec.slice(alias.length)) : undefined;
}

/** Static imports, re-exports and dynamic imports with a literal specifier. */
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g;

function importsOf(file: string): Import[] {
  // comments may quote imports (`import('#functions/…')`) without making them
  const text = readFileSync(join(ROOT, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  return [...text.matchAll(IMPORT)].map((m) => {
    const spec = (m[1] ?? m[2])!;
    return { from: file, spec, to: resolveSpec(file, spec) };
  });
}

const capabilityOf = (path: string) => /^functions\/([^/]+)\//.exec(path)?.[1];
const topFolder = (path: string) => path.split('/')[0]!;
const allowed = (i: Import) => ALLOWED.some((a) => a.from === i.from && a.to === i.to);

const all = [...sourceFiles('functions'), ...sourceFiles('shared')].flatMap(importsOf);
const ruled = all.filter((i) => !allowed(i));
const show = (list: Import[]) => list.map((i) => `${i.from} → ${i.spec}`);

/** Capability → the capabilities it imports (allow-listed imports left out). */
function capabilityGraph(imports: readonly Import[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const i of imports) {
    const from = capabilityOf(i.from);
    const to = i.to && capabilityOf(i.to);
    if (!from || !to || from === to) continue;
    graph.set(from, (graph.get(from) ?? new Set()).add(to));
  }
  return graph;
}

/** Every cycle's path, found by depth-first search (`a → b → a`). */
function cycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const found = new Set<string>();
  const visit = (node: string, path: string[]) => {
    for (const next of graph.get(node) ?? []) {
      const at = path.indexOf(next);
      if (at >= 0) {
        const cycle = path.slice(at);
        // one name per cycle, whichever node it is found from
        const start = cycle.indexOf([...cycle].sort()[0]!);
        found.add([...cycle.slice(start), ...cycle.slice(0, start), cycle[start]].join(' → '));
      } else visit(next, [...path, next]);
    }
  };
  for (const node of graph.keys()) visit(node, [node]);
  return [...found].sort();
}

describe('architecture: the imports of functions/ and shared/', () => {
  it('has no import cycle between capabilities', () => {
    // Act
    const found = cycles(capabilityGraph(ruled));
    // Assess
    expect(found).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    // Prepare: email-intake imports inquiries' store; let inquiries import email-intake's
    const extra: Import = {
      from: 'functions/inquiries/list-inquiries.handler.ts',
      spec: '#functions/email-intake/store',
      to: 'functions/email-intake/store.ts',
    };
    // Act
    const found = cycles(capabilityGraph([...ruled, extra]));
    // Assess
    expect(found).toContain('email-intake → inquiries → email-intake');
  });

  it("lets a capability reach another only through the other's index.ts or stores", () => {
    const reaching = ruled.filter((i) => {
      const from = capabilityOf(i.from);
      const to = i.to && capabilityOf(i.to);
      return from && to && from !== to && !/^functions\/[^/]+\/(index|store|[a-z-]+-store)\.ts$/.test(i.to!);
    });
    expect(show(reaching)).toEqual([]);
  });

  it('keeps shared/ free of functions/, infra/, test/ and bench/', () => {
    const wrong = ruled.filter(
      (i) =>
        topFolder(i.from) === 'shared' && i.to && topFolder(i.to) !== 'shared' && topFolder(i.to) !== 'docs',
    );
    expect(show(wrong)).toEqual([]);
  });

  it('keeps infra/, test/ and bench/ out of functions/ (CDK and tooling must not reach a bundle)', () => {
    const wrong = ruled.filter(
      (i) =>
        topFolder(i.from) === 'functions' && i.to && ['infra', 'test', 'bench'].includes(topFolder(i.to)),
    );
    expect(show(wrong)).toEqual([]);
  });

  it('imports across folders through the aliases, never with ../', () => {
    const wrong = all.filter((i) => i.spec.startsWith('../'));
    expect(show(wrong)).toEqual([]);
  });

  it('allow-lists only imports that still exist (remove an entry when its move lands)', () => {
    const stale = ALLOWED.filter((a) => !all.some((i) => i.from === a.from && i.to === a.to));
    expect(stale.map((a) => `${a.from} → ${a.to} (${a.why})`)).toEqual([]);
  });
});
