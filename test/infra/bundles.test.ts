import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { type HttpFunctionName, httpFunctions } from '#infra/functions';
import { routesOf } from '#infra/routes';
import { VerbundStack } from '#infra/stack';

/**
 * What CDK ships, bundled for real (the other infra tests skip bundling): one asset per function,
 * each an ES module Node 22 loads, the HTTP functions routing exactly their rows.
 */
const outdir = mkdtempSync(join(tmpdir(), 'verbund-synth-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const app = new App({ outdir });
new VerbundStack(app, 'Bundled', { deletionProtection: true });
const assembly = app.synth();
const template = assembly.getStackByName('Bundled').template as {
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
};
const ours = Object.entries(template.Resources).filter(
  ([, r]) => r.Type === 'AWS::Lambda::Function' && r.Properties.Handler === 'index.handler',
);
const assetDir = (fn: { Properties: Record<string, unknown> }) => {
  const key = (fn.Properties.Code as { S3Key: string }).S3Key;
  return join(outdir, `asset.${key.replace(/\.zip$/, '')}`);
};

describe('the bundles CDK ships', () => {
  it('gives every function its own bundle with an index.mjs', () => {
    const dirs = ours.map(([, fn]) => assetDir(fn));
    expect(new Set(dirs).size).toBe(ours.length);
    for (const dir of dirs) expect(existsSync(join(dir, 'index.mjs'))).toBe(true);
  });

  it.each(Object.keys(httpFunctions) as HttpFunctionName[])(
    'routes exactly the rows of the %s function, loading in Node 22 as an ES module',
    (name) => {
      const described = `${httpFunctions[name].description}`;
      const found = ours.filter(([, fn]) => fn.Properties.Description === described);
      expect(found).toHaveLength(1);
      const index = join(assetDir(found[0]![1]), 'index.mjs');
      const source = readFileSync(index, 'utf8');
      const keys = [
        ...source.matchAll(/"((?:GET|POST|PUT|PATCH|DELETE|OPTIONS) \/[^"]*)":\(\)=>import\(/g),
      ].map((m) => m[1]);
      expect(keys.sort()).toEqual(
        routesOf(name)
          .map((r) => r.route)
          .sort(),
      );
      // an unknown route key answers 404 from the router: the module and its chunks load
      const reply = execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          'const m = await import(process.argv[1]); const r = await m.handler({ routeKey: "GET /nope" }, {}); process.stdout.write(String(r.statusCode));',
          index,
        ],
        { encoding: 'utf8' },
      );
      expect(reply).toBe('404');
    },
  );
});
