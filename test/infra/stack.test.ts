import { readFileSync } from 'node:fs';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { HttpNoneAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { AppApi } from '#infra/constructs/api';
import { type HttpFunction, type HttpFunctionName, httpFunctions } from '#infra/functions';
import { buildOpenApi, OPENAPI_FILE } from '#infra/openapi';
import { defaultThrottle, routes } from '#infra/routes';
import { schedules } from '#infra/schedules';
import { VerbundStack } from '#infra/stack';
import { tableDefinition } from '#shared/db/table';
import { synthStack } from '#test/support/synth';

process.env.TABLE_NAME ??= 'infra-test';
const { template, stack } = synthStack();

type Resource = { Properties: Record<string, unknown> };
const resources = (type: string) => Object.values(template.findResources(type)) as Resource[];

describe('schedules', () => {
  it('synthesizes exactly the fixed schedules of infra/schedules.ts', () => {
    const names = resources('AWS::Scheduler::Schedule')
      .map((s) => s.Properties.Name as string | undefined)
      .filter((n): n is string => typeof n === 'string');
    expect(names.sort()).toEqual(schedules.map((s) => s.name).sort());
  });
});

describe('the OpenAPI document', () => {
  it('keeps docs/api/openapi.json in step with the routes and schemas (run `npm run openapi`)', async () => {
    const fresh = await buildOpenApi();
    const committed = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(fresh)));
  });
});

describe('Lambda functions', () => {
  const fns = resources('AWS::Lambda::Function').filter((f) => f.Properties.Handler === 'index.handler');

  it('are all Node 22 on arm64', () => {
    expect(fns.length).toBeGreaterThan(0);
    for (const f of fns) {
      expect(f.Properties.Runtime).toBe('nodejs22.x');
      expect(f.Properties.Architectures).toEqual(['arm64']);
    }
  });

  it('serve the whole HTTP API with the functions of infra/functions.ts, not one per route', () => {
    const descriptions = fns.map((f) => f.Properties.Description);
    for (const f of Object.values(httpFunctions)) expect(descriptions).toContain(f.description);
    expect(stack.api.functions.size).toBe(Object.keys(httpFunctions).length);
  });

  it('keeps logs for a month', () => {
    for (const g of resources('AWS::Logs::LogGroup')) expect(g.Properties.RetentionInDays).toBe(30);
  });

  it('never grants Scan or a wildcard table action', () => {
    const policies = resources('AWS::IAM::Policy');
    const actions = policies.flatMap((p) =>
      (
        (p.Properties.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement ?? []
      ).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])),
    );
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions.some((a) => a === 'dynamodb:*')).toBe(false);
  });

  it('grants each HTTP function only what infra/functions.ts says it needs', () => {
    for (const [name, needs] of Object.entries(httpFunctions) as [HttpFunctionName, HttpFunction][]) {
      const fn = stack.api.functions.get(name)!;
      const policy = fn.role?.node.tryFindChild('DefaultPolicy');
      const doc = JSON.stringify(stack.resolve((policy as { document?: unknown })?.document));
      expect(/scheduler:CreateSchedule/.test(doc), `${name} scheduler`).toBe(needs.scheduler);
      expect(/s3:GetObject/.test(doc), `${name} raw mail read`).toBe(needs.rawMail !== 'none');
      expect(/s3:PutObject/.test(doc), `${name} raw mail or photo write`).toBe(
        needs.rawMail === 'RW' || needs.formPhotos,
      );
      expect(/dynamodb:PutItem/.test(doc), `${name} table write`).toBe(
        needs.table === 'RW' || needs.table === 'upsert',
      );
      expect(/dynamodb:DeleteItem|BatchWriteItem/.test(doc), `${name} table delete`).toBe(
        needs.table === 'RW',
      );
      expect(/cognito-idp:AdminDisableUser/.test(doc), `${name} user directory`).toBe(needs.userDirectory);
      expect(doc, `${name} sends no mail itself (the outbox does)`).not.toMatch(/ses:/);
    }
  });

  it('lets the public function put the form photos under photos/ and read nothing of the bucket', () => {
    const policy = stack.api.functions.get('public')!.role?.node.tryFindChild('DefaultPolicy');
    const doc = stack.resolve((policy as { document?: unknown })?.document) as {
      Statement: { Action: string | string[]; Resource: unknown }[];
    };
    const s3 = doc.Statement.filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));
    expect(s3.map((s) => s.Action)).toEqual(['s3:PutObject']);
    expect(JSON.stringify(s3[0]!.Resource)).toMatch(/\/photos\/\*"/);
    expect(JSON.stringify(s3[0]!.Resource)).not.toMatch(/raw\/|attachments\//);
  });
});

describe('resource budget', () => {
  /** The API construct alone in a bare stack, with the first `n` routes. */
  function apiResources(n: number): number {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const bare = new Stack(app, 'Budget');
    const table = new TableV2(bare, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    new AppApi(bare, 'Api', { routes: routes.slice(0, n), table, authorizer: new HttpNoneAuthorizer() });
    return Object.keys(Template.fromStack(bare).toJSON().Resources as object).length;
  }

  /**
   * CloudFormation refuses a stack of more than 500 resources. The stack is a fixed part (table,
   * functions, roles, queues, alarms, mail) plus one resource per route: with the 56 routes the
   * budget was set for it had 138 resources, with 119 routes 201. The guard holds the fixed part
   * and the total well below the wall, so ~180 more routes fit before it.
   */
  it('keeps the fixed part within 90 resources and the whole stack within 320 (the hard limit is 500)', () => {
    const count = Object.keys(template.toJSON().Resources as object).length;
    expect(count - resources('AWS::ApiGatewayV2::Route').length).toBeLessThanOrEqual(90);
    expect(count).toBeLessThanOrEqual(320);
  });

  it('costs 1 resource per route (the route; the invoke permission is one per function)', () => {
    const n = routes.length;
    expect(apiResources(n) - apiResources(n - 10)).toBe(10);
  });

  it('lets API Gateway invoke each HTTP function from this API only, by one permission per function', () => {
    const permissions = resources('AWS::Lambda::Permission').filter(
      (p) => p.Properties.Principal === 'apigateway.amazonaws.com',
    );
    expect(permissions).toHaveLength(Object.keys(httpFunctions).length);
    for (const p of permissions) {
      const arn = JSON.stringify(p.Properties.SourceArn);
      expect(arn).toContain('execute-api');
      expect(arn).toMatch(/"Ref":"ApiHttp[0-9A-F]+"/);
      expect(arn).toContain('/*/*/*');
    }
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

describe('operations: throttles, concurrency, alarms, sign-in', () => {
  it('throttles every route by the stage default and the heavy ones by their own numbers', () => {
    const [stage] = resources('AWS::ApiGatewayV2::Stage');
    expect(stage!.Properties.DefaultRouteSettings).toMatchObject({
      ThrottlingRateLimit: defaultThrottle.rateLimit,
      ThrottlingBurstLimit: defaultThrottle.burstLimit,
    });
    const settings = stage!.Properties.RouteSettings as Record<string, { ThrottlingRateLimit: number }>;
    for (const r of routes.filter((x) => x.throttle)) {
      expect(settings[r.route]?.ThrottlingRateLimit, r.route).toBe(r.throttle!.rateLimit);
    }
    expect(settings['POST /inquiries/{inquiryId}/proposals']).toBeDefined();
  });

  it('reserves concurrency for the public and event-driven functions, not for the API', () => {
    const reserved = resources('AWS::Lambda::Function')
      .filter((f) => f.Properties.ReservedConcurrentExecutions !== undefined)
      .map((f) => f.Properties.Description);
    expect(reserved).toEqual(
      expect.arrayContaining([httpFunctions.public.description, 'SES inbound mail → inquiries and messages']),
    );
    expect(reserved).not.toContain(httpFunctions.api.description);
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const lean = Template.fromStack(new VerbundStack(app, 'Lean', { reserveConcurrency: false }));
    const leanReserved = Object.values(lean.findResources('AWS::Lambda::Function')).filter(
      (f) => (f as Resource).Properties.ReservedConcurrentExecutions !== undefined,
    );
    expect(leanReserved).toEqual([]);
  });

  it('alarms the operator topic on every dead-letter queue and on failing intake', () => {
    const queues = Object.keys(template.findResources('AWS::SQS::Queue'));
    const alarms = resources('AWS::CloudWatch::Alarm');
    const watched = alarms.map((a) => JSON.stringify(a.Properties.Dimensions));
    for (const q of queues)
      expect(
        watched.some((d) => d.includes(q)),
        q,
      ).toBe(true);
    expect(alarms.some((a) => a.Properties.MetricName === 'Errors')).toBe(true);
    for (const a of alarms) expect(JSON.stringify(a.Properties.AlarmActions)).toContain('AlarmsTopic');
  });

  it('subscribes the alarm e-mail given as context', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const t = Template.fromStack(new VerbundStack(app, 'Mailed', { alarmEmail: 'ops@verbund.example' }));
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@verbund.example' });
  });

  it('signs in with the code flow only and offers authenticator-app MFA', () => {
    const [client] = resources('AWS::Cognito::UserPoolClient');
    expect(client!.Properties.AllowedOAuthFlows).toEqual(['code']);
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
  });
});
