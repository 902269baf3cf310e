import { resolve } from 'node:path';
import { AssetHashType, DockerImage, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { bundleLambda, LAMBDA_HANDLER } from '#infra/bundling';
import { tableDefinition } from '#shared/db/table';
import { ENV } from '#shared/env-names';

/**
 * The function's code, bundled on this machine by infra/bundling.ts (esbuild with code splitting,
 * which NodejsFunction cannot do). Hashed by its output; skipped when a test synthesizes with
 * bundling off. The Docker image is never used: local bundling always succeeds or throws.
 */
function bundledCode(entry: string): Code {
  return Code.fromAsset(resolve(import.meta.dirname, '..', '..'), {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      image: DockerImage.fromRegistry('unused-local-bundling'),
      // CDK caches bundling by these options, and a local bundler is a function it cannot compare:
      // without the entry here, every function would ship the first function's bundle
      command: ['bundle', entry],
      local: {
        tryBundle(outputDir) {
          bundleLambda(entry, outputDir);
          return true;
        },
      },
    },
  });
}

export interface AppFunctionProps {
  /** Path of the `*.handler.ts` file, relative to the repository root. */
  entry: string;
  description?: string;
  memorySize?: number;
  timeout?: Duration;
  environment?: Record<string, string>;
}

const READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
];
/** Creates and changes items, never removes them (the public form's function). */
const UPSERT_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem'];
const WRITE_ACTIONS = [...UPSERT_ACTIONS, 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const ACTIONS = {
  RO: READ_ACTIONS,
  upsert: [...READ_ACTIONS, ...UPSERT_ACTIONS],
  RW: [...READ_ACTIONS, ...WRITE_ACTIONS],
};

/** Table access levels: read only, create and change (no delete, no batch write), everything. */
export type TableAccess = keyof typeof ACTIONS;

/**
 * One Lambda with the house defaults: Node 22 on arm64, ESM bundle (minified, no source maps),
 * structured logs with a retention, and `bindTable` for least-privilege table access.
 */
export class AppFunction extends LambdaFunction {
  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // own role, no AWS managed policy: it may write to its own log group and nothing else yet
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    super(scope, id, {
      role,
      code: bundledCode(props.entry),
      handler: LAMBDA_HANDLER,
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      logGroup,
      environment: {
        [ENV.serviceName]: 'verbund',
        ...props.environment,
      },
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions::AwsSolutions-L1',
      reason: 'Node 22 is the chosen runtime: local development and tests pin the same version (node@22)',
    });
  }

  /** Lets the function send mail through SES, only from the networks' mail domain identity. */
  allowSendingMailFrom(mailDomain: string): this {
    this.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [
          Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: mailDomain }),
        ],
      }),
    );
    return this;
  }

  /**
   * Grants exactly the item-level actions the access level needs (never Scan) on the table and
   * its indexes, and tells the code the table's name.
   */
  bindTable(table: ITableV2, access: TableAccess): this {
    this.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ACTIONS[access],
        resources: [
          table.tableArn,
          ...tableDefinition.globalSecondaryIndexes.map((g) => `${table.tableArn}/index/${g.indexName}`),
        ],
      }),
    );
    this.addEnvironment(ENV.tableName, table.tableName);
    return this;
  }
}
