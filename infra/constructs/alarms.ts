import { Duration, Validations } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * What the operator must hear about: anything that landed in a dead-letter queue (an event that
 * failed every retry) and failing mail intake. One SNS topic; `email` (context `alarmEmail`)
 * subscribes an address, which confirms by a link AWS mails to it.
 */
export class OperatorAlarms extends Construct {
  readonly topic: Topic;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: { email?: string }) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'Verbund operator alarms', enforceSSL: true });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SNS2',
      reason:
        'alarm notices carry no personal data; CloudWatch cannot publish to a topic under the AWS-managed key, and a customer key costs a monthly fee against pay-per-use',
    });
    this.action = new SnsAction(this.topic);
  }

  /** Alarms as soon as one message waits in the dead-letter queue. */
  onDeadLetters(name: string, queue: IQueue): Alarm {
    return this.atLeastOne(
      `${name}DeadLetters`,
      `${name}: an event failed every retry and waits in its dead-letter queue`,
      queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
    );
  }

  /** Alarms when the function failed in a 5-minute window (it is retried, but someone should look). */
  onErrors(name: string, fn: IFunction): Alarm {
    return this.atLeastOne(
      `${name}Errors`,
      `${name}: invocations failed (they are retried; repeated failures end in the dead-letter queue)`,
      fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
    );
  }

  /**
   * Alarms when a received mail could not be processed and was quarantined as processing-failed
   * (the intake logs the metric in CloudWatch's embedded metric format: functions/email-intake).
   */
  onProcessingFailed(): Alarm {
    return this.atLeastOne(
      'IntakeProcessingFailed',
      'mail intake: a message could not be processed and waits in quarantine (processing-failed); GET /unroutable lists it',
      new Metric({
        namespace: 'Verbund',
        metricName: 'IntakeProcessingFailed',
        dimensionsMap: { service: 'verbund' },
        period: Duration.minutes(5),
        statistic: 'Sum',
      }),
    );
  }

  /** An alarm to the operator topic when `metric` reaches 1 in one period; no data is not a breach. */
  private atLeastOne(id: string, description: string, metric: IMetric): Alarm {
    const alarm = new Alarm(this, id, {
      alarmDescription: description,
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    return alarm;
  }
}
