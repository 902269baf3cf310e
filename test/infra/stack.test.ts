import { readFileSync } from 'node:fs';
import { App, Validations } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { buildOpenApi, OPENAPI_FILE } from '#infra/openapi';
import { routes } from '#infra/routes';
import { schedules } from '#infra/schedules';
import { VerbundStack } from '#infra/stack';
import { tableDefinition } from '#shared/db/table';
import { synthStack } from '#test/support/synth';

process.env.TABLE_NAME ??= 'infra-test';
const { template, stack } = synthStack();

type Resource = { Properties: Record<string, unknown> };
const resources = (type: string) => Object.values(template.findResources(type)) as Resource[];

describe('route table drift', () => {
  it('synthesizes exactly the RouteKeys of infra/routes.ts', () => {
    const synthesized = resources('AWS::ApiGatewayV2::Route')
      .map((r) => r.Properties.RouteKey as string)
      .sort();
    expect(synthesized).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('puts the JWT authorizer on every jwt route and none on public routes', () => {
    for (const r of resources('AWS::ApiGatewayV2::Route')) {
      const row = routes.find((x) => `${x.method} ${x.path}` === r.Properties.RouteKey)!;
      expect(r.Properties.AuthorizationType, String(r.Properties.RouteKey)).toBe(
        row.auth === 'jwt' ? 'JWT' : 'NONE',
      );
    }
  });

  it('finds a handler export in every entry file', async () => {
    for (const r of routes) {
      const mod = (await import(`../../${r.entry}`)) as { handler?: unknown };
      expect(typeof mod.handler, r.entry).toBe('function');
    }
  });

  it('synthesizes exactly the fixed schedules of infra/schedules.ts', () => {
    const names = resources('AWS::Scheduler::Schedule')
      .map((s) => s.Properties.Name as string | undefined)
      .filter((n): n is string => typeof n === 'string');
    expect(names.sort()).toEqual(schedules.map((s) => s.name).sort());
  });

  it('keeps docs/api/openapi.json in step with the routes and schemas (run `npm run openapi`)', async () => {
    const fresh = await buildOpenApi();
    const committed = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(fresh)));
  });
});

describe('Lambda functions', () => {
  const fns = resources('AWS::Lambda::Function').filter((f) => f.Properties.Handler === 'index.handler');

  it('creates one function per route, all Node 22 on arm64', () => {
    expect(fns.length).toBeGreaterThanOrEqual(routes.length);
    for (const f of fns) {
      expect(f.Properties.Runtime).toBe('nodejs22.x');
      expect(f.Properties.Architectures).toEqual(['arm64']);
    }
  });

  it('keeps logs for a month', () => {
    for (const g of resources('AWS::Logs::LogGroup')) expect(g.Properties.RetentionInDays).toBe(30);
  });

  it('never grants Scan, and read-only routes get no write action', () => {
    const policies = resources('AWS::IAM::Policy');
    const actions = policies.flatMap((p) =>
      (
        (p.Properties.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement ?? []
      ).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])),
    );
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions.some((a) => a === 'dynamodb:*')).toBe(false);
    for (const route of routes.filter((r) => r.access === 'RO')) {
      const fn = stack.api.functions.get(`${route.method} ${route.path}`)!;
      const policy = fn.role?.node.tryFindChild('DefaultPolicy');
      const doc = JSON.stringify(stack.resolve((policy as { document?: unknown })?.document));
      expect(doc, route.path).not.toMatch(/PutItem|UpdateItem|DeleteItem|BatchWriteItem/);
      expect(doc, route.path).toMatch(/dynamodb:Query/);
    }
  });
});

describe('CloudFormation limits', () => {
  it('stays under the 500-resource limit of one stack', () => {
    const count = Object.keys(template.toJSON().Resources as object).length;
    // 7 resources per route (function, role, policy, log group, route, integration, permission):
    // when this fails, split capabilities into nested stacks
    expect(count).toBeLessThanOrEqual(500);
  });
});

describe('table and identities', () => {
  it('is on-demand with point-in-time recovery, TTL, the shared GSIs and deletion protection', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: tableDefinition.globalSecondaryIndexes.map((g) =>
        Match.objectLike({ IndexName: g.indexName }),
      ),
      Replicas: [
        Match.objectLike({
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
        }),
      ],
    });
  });

  it('can turn deletion protection off for throw-away stacks', () => {
    const { template: t } = synthStack({ deletionProtection: false });
    t.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [Match.objectLike({ DeletionProtectionEnabled: false })],
    });
  });

  it('lets users read but not write their network, role and partner claims', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([
        Match.objectLike({ Name: 'networkId' }),
        Match.objectLike({ Name: 'role' }),
        Match.objectLike({ Name: 'partnerId' }),
      ]),
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
    const [client] = resources('AWS::Cognito::UserPoolClient');
    expect(client!.Properties.ReadAttributes).toEqual(
      expect.arrayContaining(['custom:networkId', 'custom:role', 'custom:partnerId']),
    );
    expect((client!.Properties.WriteAttributes as string[]).filter((a) => a.startsWith('custom:'))).toEqual(
      [],
    );
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('synthesizes with no unacknowledged finding (each acknowledgement carries its reason in infra/)', () => {
    // a fresh app: synthStack() has synthesized its app already, and synth() would return that
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    new VerbundStack(app, 'Nag');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    let findings = '';
    try {
      app.synth();
    } catch (err) {
      findings = String(err);
    }
    expect(findings).toBe('');
  });
});
