import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { routes } from '#infra/routes';
import { schedules } from '#infra/schedules';
import { ENV } from '#shared/env-names';
import { useScheduler } from '#shared/scheduler/index';
import { devVerifier, signDevToken } from './dev-jwt';
import { assertPortFree, ensureTable, localDynamoClient, startDynamoDbLocal } from './dynamodb';
import { LOCAL_TABLE, type LocalSettings } from './settings';

export interface LocalRuntime {
  apiUrl: string;
  /** The local SES inbound stand-in: `smtp://127.0.0.1:<SMTP_PORT>`. */
  smtpUrl: string;
  dynamodbEndpoint: string;
  seeded: boolean;
  stop(): Promise<void>;
}

/**
 * Starts everything `npm start` runs on one machine: DynamoDB Local (child process, data under
 * DATA_DIR/dynamodb), the table from the shared definition, the demo network, the scheduler, the
 * table-stream poller (the mail outbox), the HTTP API and the SMTP intake. An abort of `signal` at
 * any moment of the start stops what has started so far and rejects with the signal's reason.
 */
export async function startLocalRuntime(
  settings: LocalSettings,
  opts: { reseedDemo?: boolean; log?: (line: string) => void; signal?: AbortSignal } = {},
): Promise<LocalRuntime> {
  const aborted = () => opts.signal?.throwIfAborted();
  // taken before anything of this run can claim: every claim older than this is a killed run's
  process.env[ENV.runtimeStartedAt] = String(Math.floor(Date.now() / 1000));
  mkdirSync(settings.dataDir, { recursive: true });
  // fail fast on a taken HTTP port before the JVM spends seconds starting
  await assertPortFree(settings.port, 'PORT', settings.host);
  await assertPortFree(settings.smtpPort, 'SMTP_PORT', settings.host);
  // the console builds (if missing or stale) while the JVM starts
  const { ensureConsoleBuilt } = await import('./build-console');
  const consoleBuilt = ensureConsoleBuilt(process.cwd(), opts.log);
  consoleBuilt.catch(() => undefined);
  const dynamo = await startDynamoDbLocal({
    port: settings.dynamodbPort,
    dbPath: join(settings.dataDir, 'dynamodb'),
    signal: opts.signal,
    log: opts.log,
    // a quicker start (C1 only, one GC thread) over peak speed, which a laptop's API never needs;
    // on a busy 2-core machine it cut the JVM's start by about a third
    jvmOptions: '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC',
  });
  const stops: (() => Promise<void>)[] = [dynamo.stop];
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      for (const s of stops.reverse()) await s().catch(() => undefined);
    })();
    return stopped;
  };
  try {
    // the handlers read their configuration from the environment at import, as in Lambda
    process.env[ENV.tableName] = LOCAL_TABLE;
    process.env[ENV.dynamodbEndpoint] = dynamo.endpoint;
    process.env.AWS_REGION ??= 'eu-central-1';
    process.env[ENV.logLevel] ??= 'WARN';
    // outbound mail lands as .eml files in the outbox, or goes to a relay if SMTP_URL is set
    process.env[ENV.mailTransport] ??= process.env[ENV.smtpUrl] ? 'smtp' : 'file';
    process.env[ENV.outboxDir] ??= join(settings.dataDir, 'outbox');
    // inbound mail: raw messages under DATA_DIR/mail, attachments under DATA_DIR/attachments
    process.env[ENV.mailStore] ??= 'fs';
    process.env[ENV.mailDir] ??= join(settings.dataDir, 'mail');
    process.env[ENV.attachmentsDir] ??= join(settings.dataDir, 'attachments');

    const admin = localDynamoClient(settings.dynamodbPort);
    await ensureTable(admin, LOCAL_TABLE);
    admin.destroy();
    aborted();

    // data written by an older version: migrated before anything reads it (idempotent)
    const { migrateLocalData } = await import('./migrate');
    await migrateLocalData(opts.log);
    aborted();

    const { seedDemo } = await import('./seed');
    const seeded = await seedDemo(opts.reseedDemo);
    aborted();

    // EventBridge Scheduler's stand-in: the run-time schedules (pool deadlines, report schedules)
    // and the fixed ones of infra/schedules.ts (the intake claim sweeper)
    const { startLocalScheduler } = await import('./scheduler');
    const localScheduler = await startLocalScheduler({
      dataDir: settings.dataDir,
      root: process.cwd(),
      fixed: schedules,
      log: opts.log,
    });
    useScheduler(localScheduler);
    stops.push(localScheduler.stop);
    aborted();

    // Lambda's DynamoDB Streams event source mappings' stand-in: sends the mail outbox
    const { startStreamPoller } = await import('./streams');
    const { streamConsumers } = await import('#infra/streams');
    const poller = startStreamPoller({
      dataDir: settings.dataDir,
      root: process.cwd(),
      endpoint: dynamo.endpoint,
      tableName: LOCAL_TABLE,
      consumers: streamConsumers,
      log: opts.log,
    });
    stops.push(poller.stop);
    aborted();

    const { startDevServer } = await import('./dev-server');
    const { server, url } = await startDevServer({
      routes,
      host: settings.host,
      port: settings.port,
      root: process.cwd(),
      verify: await devVerifier(settings.dataDir),
      log: opts.log,
      console: { dir: await consoleBuilt, sign: (t) => signDevToken(settings.dataDir, t) },
    });
    // links in mails (the customer's status page) point at this console
    process.env[ENV.consoleUrl] ??= url;
    stops.splice(1, 0, () => closeServer(server));
    aborted();

    // intake claims a killed run held are finished now from the raw source, not at the sweeper's
    // next five-minute mark (or after the stale time); SMTP retries of those mails then find them done
    await sweepAbandonedClaims(opts.log);
    aborted();

    const { startSmtpServer } = await import('./smtp');
    const smtp = await startSmtpServer({
      host: settings.host,
      port: settings.smtpPort,
      dataDir: settings.dataDir,
      log: opts.log,
    });
    stops.splice(1, 0, smtp.stop);
    aborted();
    return { apiUrl: url, smtpUrl: smtp.url, dynamodbEndpoint: dynamo.endpoint, seeded, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Runs the claim sweeper until it finds no more claims of an earlier run (a failure is logged). */
async function sweepAbandonedClaims(log?: (line: string) => void): Promise<void> {
  const { handler: sweep } = await import('#functions/email-intake/sweep-claims.handler');
  let finished = 0;
  try {
    for (let round = 0; round < 40; round++) {
      const { swept, outcomes } = await sweep();
      finished += outcomes.length;
      if (outcomes.length === 0 || outcomes.length < swept) break;
    }
  } catch (err) {
    log?.(`claims of an earlier run not swept yet (the sweeper retries): ${(err as Error).message}`);
  }
  if (finished > 0) log?.(`mail intake: ${finished} message(s) an earlier run left half-done finished`);
}

/** Closes the HTTP server; requests still open after a grace period are cut, so stop() ends. */
function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    const cut = setTimeout(() => server.closeAllConnections(), 2000);
    server.close(() => {
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}
