import { ENV } from '#shared/env-names';

/**
 * Targets that run-time schedules may invoke, as plain data. The AWS scheduler reads each
 * target's Lambda ARN from `arnEnv`; CDK creates the Lambda from `entry` and lets the scheduler
 * role invoke it (and nothing else); the local scheduler imports `entry` and calls its `handler`
 * with the schedule's payload, the same event Lambda would receive.
 */
export const SCHEDULE_TARGETS = {
  'close-pool': {
    entry: 'functions/purchasing/close-pool.handler.ts',
    arnEnv: ENV.closePoolFunctionArn,
  },
  'send-report': {
    entry: 'functions/reports/send-report.handler.ts',
    arnEnv: ENV.sendReportFunctionArn,
  },
  'funding-check': {
    entry: 'functions/funding/daily-check.handler.ts',
    arnEnv: ENV.fundingCheckFunctionArn,
  },
  'expire-offers': {
    entry: 'functions/matching/expire-offers.handler.ts',
    arnEnv: ENV.expireOffersFunctionArn,
  },
  'exchange-digest': {
    entry: 'functions/exchange/send-digest.handler.ts',
    arnEnv: ENV.exchangeDigestFunctionArn,
  },
  'notification-summary': {
    entry: 'functions/notifications/send-summary.handler.ts',
    arnEnv: ENV.notificationSummaryFunctionArn,
  },
} as const;

export type ScheduleTarget = keyof typeof SCHEDULE_TARGETS;
