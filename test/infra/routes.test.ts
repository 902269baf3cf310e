import { describe, expect, it } from 'vitest';
import { entrySource } from '#infra/entries';
import { httpFunctions } from '#infra/functions';
import { routes } from '#infra/routes';
import { synthStack } from '#test/support/synth';

process.env.TABLE_NAME ??= 'infra-test';
const { template, stack } = synthStack();

type Resource = { Properties: Record<string, unknown> };
const resources = (type: string) => template.findResources(type) as Record<string, Resource>;

describe('infra/routes.ts is the single source of the API', () => {
  it('synthesizes exactly its RouteKeys, each row once', () => {
    const synthesized = Object.values(resources('AWS::ApiGatewayV2::Route')).map(
      (r) => r.Properties.RouteKey as string,
    );
    expect(synthesized.sort()).toEqual(routes.map((r) => r.route).sort());
    expect(new Set(synthesized).size).toBe(synthesized.length);
  });

  it("leaves CORS to the form's own routes: no API-wide CORS that would answer every preflight itself", () => {
    // an HttpApi corsPreflight answers OPTIONS for every path before any route, with one origin list
    for (const api of Object.values(resources('AWS::ApiGatewayV2::Api'))) {
      expect(api.Properties.CorsConfiguration).toBeUndefined();
    }
    const preflights = routes.filter((r) => r.method === 'OPTIONS');
    expect(preflights.map((r) => `${r.route} ${r.fn}`)).toEqual(['OPTIONS /public/{slug}/inquiries public']);
  });

  it('puts the JWT authorizer on every route of a jwt function and none on public ones', () => {
    for (const r of Object.values(resources('AWS::ApiGatewayV2::Route'))) {
      const row = routes.find((x) => x.route === r.Properties.RouteKey)!;
      expect(r.Properties.AuthorizationType, row.route).toBe(
        httpFunctions[row.fn].auth === 'jwt' ? 'JWT' : 'NONE',
      );
    }
  });

  it('sends each route to the function its row names', () => {
    const integrations = resources('AWS::ApiGatewayV2::Integration');
    const logicalId = (name: keyof typeof httpFunctions) =>
      stack.getLogicalId(stack.api.functions.get(name)!.node.defaultChild as never);
    for (const r of Object.values(resources('AWS::ApiGatewayV2::Route'))) {
      const row = routes.find((x) => x.route === r.Properties.RouteKey)!;
      const target = JSON.stringify(r.Properties.Target);
      const [integrationId] = Object.keys(integrations).filter((id) => target.includes(id));
      const uri = JSON.stringify(integrations[integrationId!]!.Properties.IntegrationUri);
      expect(uri, row.route).toContain(logicalId(row.fn));
    }
  });

  it("agrees with each handler's contract: public rows on the public function, roles on jwt rows", async () => {
    for (const r of routes) {
      const mod = (await import(`#${r.entry.replace(/\.ts$/, '')}`)) as {
        handler?: { contract?: { auth: unknown } };
      };
      expect(typeof mod.handler, r.entry).toBe('function');
      const auth = mod.handler!.contract!.auth;
      if (r.auth === 'public') expect(auth, r.route).toBe('public');
      else expect(Array.isArray(auth) && auth.length > 0, r.route).toBe(true);
    }
  });

  it('generates each function entry with exactly its rows', () => {
    for (const fn of Object.keys(httpFunctions) as (keyof typeof httpFunctions)[]) {
      const source = entrySource(fn);
      for (const r of routes) {
        const line = `'${r.route}': () => import('#${r.entry.replace(/\.ts$/, '')}')`;
        expect(source.includes(line), `${fn}: ${r.route}`).toBe(r.fn === fn);
      }
    }
  });
});
