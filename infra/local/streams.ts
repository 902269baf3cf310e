import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type Shard,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { Context, DynamoDBBatchResponse } from 'aws-lambda';
import type { StreamConsumer } from '#infra/streams';
import { localCredentials } from '#shared/db/local-credentials';
import { lambdaContext } from './api-event';
import { matchesFilter } from './stream-filter';

type StreamHandler = (event: unknown, context: Context) => Promise<DynamoDBBatchResponse | undefined>;

export interface StreamPollerOptions {
  /** Checkpoints in `<dataDir>/streams/checkpoints.json`; records that failed every retry in `dead-letter/`. */
  dataDir: string;
  /** Repository root the consumer entries are resolved against. */
  root: string;
  /** DynamoDB Local's endpoint (its streams API answers there too). */
  endpoint: string;
  tableName: string;
  /** The rows of infra/streams.ts. */
  consumers: readonly StreamConsumer[];
  /** Pause between polls while running (default 200 ms). */
  intervalMs?: number;
  /** First backoff before retrying a failed record, doubling per retry (default 200 ms, at most 5 s). */
  backoffMs?: number;
  log?: (line: string) => void;
}

export interface StreamPoller {
  /** Polls every shard for every consumer until a whole pass finds no new record; resolves with the records read. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

/** Per consumer, per stream, per shard: the last sequence number handed over (or that it is done). */
type Checkpoints = Record<string, Record<string, Record<string, { after?: string; done?: boolean }>>>;

const REGION = 'eu-central-1';

/**
 * The record as Lambda hands it to a stream consumer: JSON, with the creation time in epoch
 * seconds and binary attribute values base64-encoded, and the stream's ARN.
 */
function lambdaRecord(record: StreamRecord, streamArn: string): Record<string, unknown> {
  const created = record.dynamodb?.ApproximateCreationDateTime;
  const shaped = {
    ...record,
    eventSourceARN: streamArn,
    dynamodb: {
      ...record.dynamodb,
      ApproximateCreationDateTime: created ? Math.floor(new Date(created).getTime() / 1000) : undefined,
    },
  };
  return JSON.parse(
    JSON.stringify(shaped, (_key, value) =>
      value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value,
    ),
  );
}

/**
 * The local stand-in for Lambda's DynamoDB Streams event source mappings: reads the table's
 * stream in DynamoDB Local (every shard, parents before children), applies each consumer's
 * filter from infra/streams.ts and invokes the consumer's handler module with a Lambda-shaped
 * event in batches of its batch size. A record reported in `batchItemFailures` (or a batch that
 * throws) is retried from the first failed record, `retryAttempts` times with backoff, and then
 * written to `dead-letter/` (Lambda's on-failure destination). The last sequence number handed
 * over is kept per shard under DATA_DIR, so a restart resumes there: mail queued while the
 * runtime was down goes out, mail sent before does not go out again. A fresh stream starts at
 * TRIM_HORIZON.
 */
export function createStreamPoller(opts: StreamPollerOptions): StreamPoller {
  const dir = join(opts.dataDir, 'streams');
  const file = join(dir, 'checkpoints.json');
  mkdirSync(join(dir, 'dead-letter'), { recursive: true });
  const config = {
    endpoint: opts.endpoint,
    region: REGION,
    credentials: localCredentials(),
  };
  const dynamo = new DynamoDBClient(config);
  const streams = new DynamoDBStreamsClient(config);
  const backoffMs = opts.backoffMs ?? 200;
  let checkpoints: Checkpoints = {};
  try {
    checkpoints = JSON.parse(readFileSync(file, 'utf8')) as Checkpoints;
  } catch {
    checkpoints = {};
  }
  /** Open iterators by consumer and shard; they are re-made from the checkpoint when lost. */
  const iterators = new Map<string, string>();
  const handlers = new Map<string, Promise<StreamHandler>>();
  let stopped = false;
  let pass: Promise<number> = Promise.resolve(0);
  /** A retry's backoff that stop() cuts short. */
  let wake = () => {};
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const load = (entry: string) => {
    let h = handlers.get(entry);
    if (!h) {
      h = import(pathToFileURL(resolve(opts.root, entry)).href).then(
        (mod: { handler: StreamHandler }) => mod.handler,
      );
      handlers.set(entry, h);
    }
    return h;
  };

  const shardState = (consumer: string, streamArn: string, shardId: string) => {
    checkpoints[consumer] ??= {};
    checkpoints[consumer][streamArn] ??= {};
    const byStream = checkpoints[consumer][streamArn];
    byStream[shardId] ??= {};
    return byStream[shardId];
  };

  const persist = () => {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(checkpoints, null, 2));
    renameSync(tmp, file);
  };

  async function listShards(streamArn: string): Promise<Shard[]> {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const out = await streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }),
      );
      shards.push(...(out.StreamDescription?.Shards ?? []));
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return shards;
  }

  async function iteratorFor(consumer: string, streamArn: string, shardId: string): Promise<string> {
    const key = `${consumer} ${shardId}`;
    const open = iterators.get(key);
    if (open) return open;
    const { after } = shardState(consumer, streamArn, shardId);
    const out = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(after
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    if (!out.ShardIterator) throw new Error(`no iterator for shard ${shardId}`);
    return out.ShardIterator;
  }

  /**
   * Hands `records` to the consumer like the event source mapping does: retried from the first
   * failed record with backoff, which is dead-lettered after `retryAttempts` retries.
   */
  async function invoke(consumer: StreamConsumer, records: Record<string, unknown>[]): Promise<void> {
    let rest = records;
    let attempt = 0;
    while (rest.length > 0 && !stopped) {
      let failedAt = -1;
      let error = '';
      try {
        const handler = await load(consumer.entry);
        const out = await handler({ Records: rest }, lambdaContext(`stream-${consumer.name}`, randomUUID()));
        const failed = new Set((out?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
        failedAt = rest.findIndex((r) =>
          failed.has((r.dynamodb as { SequenceNumber?: string }).SequenceNumber ?? ''),
        );
        if (failedAt >= 0) error = 'reported in batchItemFailures';
      } catch (err) {
        failedAt = 0;
        error = String((err as Error)?.stack ?? err);
      }
      if (failedAt < 0) return;
      if (failedAt > 0) attempt = 0;
      rest = rest.slice(failedAt);
      if (attempt < consumer.retryAttempts) {
        attempt++;
        opts.log?.(`stream ${consumer.name}: record failed, retry ${attempt}/${consumer.retryAttempts}`);
        await pause(Math.min(5000, backoffMs * 2 ** (attempt - 1)));
        continue;
      }
      const [record] = rest;
      const seq = (record?.dynamodb as { SequenceNumber?: string } | undefined)?.SequenceNumber ?? 'unknown';
      writeFileSync(
        join(
          dir,
          'dead-letter',
          `${new Date().toISOString().replace(/[:.]/g, '-')}-${consumer.name}-${seq}.json`,
        ),
        JSON.stringify({ consumer: consumer.name, entry: consumer.entry, record, error }, null, 2),
      );
      opts.log?.(
        `stream ${consumer.name}: record ${seq} failed ${attempt + 1} times, written to dead-letter/`,
      );
      rest = rest.slice(1);
      attempt = 0;
    }
  }

  /** Reads what is new in one shard for one consumer and hands it over; returns records read. */
  async function pollShard(consumer: StreamConsumer, streamArn: string, shardId: string): Promise<number> {
    const key = `${consumer.name} ${shardId}`;
    let out: GetRecordsCommandOutput;
    try {
      const iterator = await iteratorFor(consumer.name, streamArn, shardId);
      out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
    } catch (err) {
      const name = (err as { name?: string }).name;
      // an expired iterator is made again from the checkpoint; a trimmed one restarts at the horizon
      iterators.delete(key);
      if (name === 'TrimmedDataAccessException') delete shardState(consumer.name, streamArn, shardId).after;
      if (name === 'ExpiredIteratorException' || name === 'TrimmedDataAccessException') return 0;
      throw err;
    }
    const records = (out.Records ?? []).map((r) => lambdaRecord(r, streamArn));
    const state = shardState(consumer.name, streamArn, shardId);
    let batch: Record<string, unknown>[] = [];
    for (const [i, record] of records.entries()) {
      if (matchesFilter(consumer.filter, record)) batch.push(record);
      if (batch.length >= consumer.batchSize || (i === records.length - 1 && batch.length > 0)) {
        await invoke(consumer, batch);
        // stopped while handing over: the checkpoint stays before this batch
        if (stopped) break;
        batch = [];
      }
      // the checkpoint moves only past records that were handed over (or filtered out)
      if (batch.length === 0) state.after = (record.dynamodb as { SequenceNumber: string }).SequenceNumber;
    }
    if (stopped) {
      iterators.delete(key);
    } else if (out.NextShardIterator) {
      iterators.set(key, out.NextShardIterator);
    } else {
      iterators.delete(key);
      state.done = true;
    }
    if (records.length > 0 || state.done) persist();
    return records.length;
  }

  /** The stream and its shards, described again every 10 s, when a shard ended, or after an error. */
  let topology: { streamArn: string; shards: Shard[]; at: number } | undefined;
  async function describe() {
    if (topology && Date.now() - topology.at < 10_000) return topology;
    const table = await dynamo.send(new DescribeTableCommand({ TableName: opts.tableName }));
    const streamArn = table.Table?.LatestStreamArn;
    topology = streamArn ? { streamArn, shards: await listShards(streamArn), at: Date.now() } : undefined;
    return topology;
  }

  async function pollOnce(): Promise<number> {
    let described: Awaited<ReturnType<typeof describe>>;
    try {
      described = await describe();
    } catch (err) {
      topology = undefined;
      throw err;
    }
    if (!described) return 0;
    const { streamArn, shards } = described;
    const ids = new Set(shards.map((s) => s.ShardId));
    let read = 0;
    for (const consumer of opts.consumers) {
      for (const shard of shards) {
        if (stopped) return read;
        const state = shardState(consumer.name, streamArn, shard.ShardId!);
        if (state.done) continue;
        // a child shard waits until its parent is read to the end (order per item is kept)
        const parent = shard.ParentShardId;
        if (parent && ids.has(parent) && !shardState(consumer.name, streamArn, parent).done) continue;
        try {
          read += await pollShard(consumer, streamArn, shard.ShardId!);
        } catch (err) {
          topology = undefined;
          throw err;
        }
        // a shard read to its end: its children (if any) are listed on the next pass
        if (shardState(consumer.name, streamArn, shard.ShardId!).done) topology = undefined;
      }
    }
    return read;
  }

  /** One pass at a time: the poll loop and drain() never hand the same record over twice. */
  const serial = () => {
    pass = pass.catch(() => 0).then(() => (stopped ? 0 : pollOnce()));
    return pass;
  };

  return {
    async drain() {
      let total = 0;
      for (;;) {
        const read = await serial();
        total += read;
        if (read === 0 || stopped) return total;
      }
    },
    async stop() {
      stopped = true;
      wake();
      await pass.catch(() => undefined);
      dynamo.destroy();
      streams.destroy();
    },
  };
}

/** What the poll loop logs once its first drain after a start has read the stream to its end. */
export const CAUGHT_UP = 'table stream: caught up';

/**
 * Starts polling every `intervalMs` (default 200 ms, so a user sees an acknowledgement within a
 * second). A failing poll is logged and tried again on the next tick; `stop()` waits for the pass
 * under way. The first drain that succeeds logs {@link CAUGHT_UP}: from then on every record
 * written before the start has been handed over (or was behind the checkpoint), which is how
 * one observes that a restart sent nothing again without waiting for some time to pass.
 */
export function startStreamPoller(opts: StreamPollerOptions): StreamPoller {
  const poller = createStreamPoller(opts);
  const interval = opts.intervalMs ?? 200;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let caughtUp = false;
  const tick = async () => {
    try {
      const read = await poller.drain();
      if (!caughtUp && !stopped) {
        caughtUp = true;
        opts.log?.(`${CAUGHT_UP} (${read} record(s) after the checkpoint)`);
      }
    } catch (err) {
      opts.log?.(`stream poll failed: ${(err as Error).message}`);
    }
    if (!stopped) timer = setTimeout(tick, interval);
  };
  timer = setTimeout(tick, 0);
  return {
    drain: poller.drain,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await poller.stop();
    },
  };
}
