/** Environment variable names shared by the Lambda code, the CDK stack and the local runtime. */
export const ENV = {
  tableName: 'TABLE_NAME',
  /** Only set locally: DynamoDB Local's endpoint. In AWS the SDK's default endpoint is used. */
  dynamodbEndpoint: 'DYNAMODB_ENDPOINT',
  /**
   * Only set in tests: which of DynamoDB Local's databases to use (letters and digits). Started without -sharedDb it keeps
   * one database per access key, and the test run gives each test file its own (a table created in
   * a database that already holds other files' data answered 5–10× slower).
   */
  dynamodbLocalDatabase: 'DYNAMODB_LOCAL_DATABASE',
  logLevel: 'POWERTOOLS_LOG_LEVEL',
  serviceName: 'POWERTOOLS_SERVICE_NAME',
  /** How outbound mail leaves: `ses` (AWS), `file` (.eml into OUTBOX_DIR) or `smtp` (relay to SMTP_URL). */
  mailTransport: 'MAIL_TRANSPORT',
  outboxDir: 'OUTBOX_DIR',
  smtpUrl: 'SMTP_URL',
  /** The domain of the networks' addresses: `<inboundLocalPart>@<MAIL_DOMAIN>`. */
  mailDomain: 'MAIL_DOMAIN',
  /** EventBridge Scheduler: the group run-time schedules live in, the role they invoke with, their DLQ. */
  schedulerGroup: 'SCHEDULER_GROUP',
  schedulerRoleArn: 'SCHEDULER_ROLE_ARN',
  schedulerDeadLetterArn: 'SCHEDULER_DLQ_ARN',
  /** Lambda ARN of the schedule target `close-pool` (shared/scheduler/targets.ts). */
  closePoolFunctionArn: 'CLOSE_POOL_FUNCTION_ARN',
  /** Lambda ARN of the schedule target `send-report` (per-network report schedules). */
  sendReportFunctionArn: 'SEND_REPORT_FUNCTION_ARN',
  /** Lambda ARN of the schedule target `funding-check` (per-project reminders and period reports). */
  fundingCheckFunctionArn: 'FUNDING_CHECK_FUNCTION_ARN',
  exchangeDigestFunctionArn: 'EXCHANGE_DIGEST_FUNCTION_ARN',
  notificationSummaryFunctionArn: 'NOTIFICATION_SUMMARY_FUNCTION_ARN',
  /** Lambda ARN of the schedule target `expire-offers` (a job's confirmation deadline). */
  expireOffersFunctionArn: 'EXPIRE_OFFERS_FUNCTION_ARN',
  /** Where raw inbound mail and attachments are kept: `s3` (AWS, MAIL_BUCKET) or `fs` (local). */
  mailStore: 'MAIL_STORE',
  mailBucket: 'MAIL_BUCKET',
  /** Local only: raw mail under MAIL_DIR, attachments under ATTACHMENTS_DIR. */
  mailDir: 'MAIL_DIR',
  attachmentsDir: 'ATTACHMENTS_DIR',
  /** AWS only: the intake's dead-letter queue, which the claim sweeper redrives (unset locally: DATA_DIR/mail/pending). */
  intakeDeadLettersUrl: 'INTAKE_DLQ_URL',
  /** The Cognito user pool whose users a partner deactivation disables (unset locally: no users). */
  userPoolId: 'USER_POOL_ID',
  /**
   * Local only: when the local runtime started (epoch seconds). It is the one process that writes
   * its DATA_DIR's table, so a claim taken before then belongs to a run that was killed and is
   * taken over at once instead of after the stale time (shared/db/stale.ts).
   */
  runtimeStartedAt: 'RUNTIME_STARTED_AT',
  /**
   * The web console's public origin (`https://console.example`, locally the dev server): links to
   * it in mails (the customer's status page). Unset: mails carry no such link.
   */
  consoleUrl: 'CONSOLE_URL',
} as const;
