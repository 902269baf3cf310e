/**
 * THE schedule table, plain data. CDK creates one EventBridge Scheduler schedule per row, in the
 * construct of the capability it serves (the claim sweeper: infra/constructs/email.ts); the
 * local runtime runs the same rows with croner (infra/local/scheduler.ts). Expressions must suit
 * both: croner refuses EventBridge's `0/5` stepping, so steps are written as lists. Per-network
 * and per-pool schedules are created at run time by the capabilities that own them; this table
 * holds the fixed ones.
 */
export interface Schedule {
  name: string;
  /** Cron with six fields as EventBridge Scheduler writes it: `cron(min hour dom month dow year)`. */
  cron: string;
  timezone: string;
  entry: string;
}

export const schedules: readonly Schedule[] = [
  {
    // finishes intake claims that went stale (a crashed invocation), from the kept raw source;
    // CDK: infra/constructs/email.ts
    name: 'sweep-mail-claims',
    cron: 'cron(0,5,10,15,20,25,30,35,40,45,50,55 * * * ? *)',
    timezone: 'UTC',
    entry: 'functions/email-intake/sweep-claims.handler.ts',
  },
];
