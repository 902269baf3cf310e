import { Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '#shared/env-names';
import { SCHEDULE_TARGETS, type ScheduleTarget } from '#shared/scheduler/targets';
import { AppFunction } from './app-function';

/**
 * Run-time schedules (pool deadlines, per-network reports) in EventBridge Scheduler:
 * - one schedule group that holds them;
 * - one Lambda per target of shared/scheduler/targets.ts (the handler the schedule invokes);
 * - the role EventBridge Scheduler assumes: it may invoke exactly those target Lambdas and put
 *   undeliverable events into the dead-letter queue, nothing else;
 * - the dead-letter queue for deliveries that failed after the retry policy.
 * Functions that create schedules get `allowScheduling`: Create/Update/DeleteSchedule in this
 * group and iam:PassRole on the invoker role only.
 */
export class RuntimeSchedules extends Construct {
  readonly group: ScheduleGroup;
  readonly deadLetters: Queue;
  readonly invoker: Role;
  readonly targets = new Map<ScheduleTarget, AppFunction>();

  constructor(
    scope: Construct,
    id: string,
    props: { table: ITableV2; environment?: Record<string, string> },
  ) {
    super(scope, id);
    const stack = Stack.of(this);
    this.group = new ScheduleGroup(this, 'Group', {
      scheduleGroupName: `${stack.stackName}-schedules`,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.deadLetters = new Queue(this, 'DeadLetters', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.invoker = new Role(this, 'Invoker', {
      description: 'Assumed by EventBridge Scheduler to invoke the schedule targets, and nothing else',
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    });
    this.invoker.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['sqs:SendMessage'],
        resources: [this.deadLetters.queueArn],
      }),
    );
    for (const [name, target] of Object.entries(SCHEDULE_TARGETS) as [
      ScheduleTarget,
      (typeof SCHEDULE_TARGETS)[ScheduleTarget],
    ][]) {
      const fn = new AppFunction(
        this,
        `${name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}Target`,
        {
          entry: target.entry,
          description: `schedule target ${name}`,
          timeout: Duration.seconds(60),
          environment: props.environment,
        },
      ).bindTable(props.table, 'RW');
      this.targets.set(name, fn);
    }
    // the target functions themselves only (grantInvoke would add `arn:*` for versions we never publish)
    this.invoker.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['lambda:InvokeFunction'],
        resources: [...this.targets.values()].map((fn) => fn.functionArn),
      }),
    );
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SQS3',
      reason: 'this queue IS the dead-letter queue of the schedules; it needs none of its own',
    });
  }

  /** Lets `fn` create, move and delete schedules in the group that invoke the targets. */
  allowScheduling(fn: AppFunction): void {
    const stack = Stack.of(this);
    fn.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule'],
        resources: [
          stack.formatArn({
            service: 'scheduler',
            resource: 'schedule',
            resourceName: `${this.group.scheduleGroupName}/*`,
          }),
        ],
      }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['iam:PassRole'],
        resources: [this.invoker.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
    Validations.of(fn.role!).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:${region}:<AWS::AccountId>:schedule/${stack.stackName}-schedules/*]`,
      reason: 'schedules are named at run time (one per pool or network); the grant is limited to this group',
    });
    fn.addEnvironment(ENV.schedulerGroup, this.group.scheduleGroupName);
    fn.addEnvironment(ENV.schedulerRoleArn, this.invoker.roleArn);
    fn.addEnvironment(ENV.schedulerDeadLetterArn, this.deadLetters.queueArn);
    for (const [name, target] of this.targets) {
      fn.addEnvironment(SCHEDULE_TARGETS[name].arnEnv, target.functionArn);
    }
  }
}
