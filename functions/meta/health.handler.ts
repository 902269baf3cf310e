import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { db, tableName } from '#shared/db/client';
import { http, type Reply, reply } from '#shared/http/handler';
import { logger } from '#shared/log';

/** How long the table may take to answer before the service counts as down. */
const TIMEOUT_MS = 1500;

/** A directory key nothing is written to: one strongly consistent half read unit per check. */
const PROBE = { pk: 'DIR#HEALTH', sk: 'DIR' };

async function tableAnswers(): Promise<boolean> {
  try {
    await db.send(new GetCommand({ TableName: tableName, Key: PROBE }), {
      abortSignal: AbortSignal.timeout(TIMEOUT_MS),
    });
    return true;
  } catch (err) {
    logger.warn('health: the table does not answer', { error: err as Error });
    return false;
  }
}

/** A 503 is the answer here, not a bug: the service is up but its database is not reachable. */
const unavailable = (): Reply => ({
  status: 503,
  headers: { 'content-type': 'application/problem+json', 'retry-after': '5' },
  body: {
    type: '/problems/unavailable',
    title: 'Service Unavailable',
    status: 503,
    detail: 'the database does not answer; requests that change data would fail now, retry shortly',
  },
});

export const handler = http(
  {
    summary: 'Liveness check, with the database',
    description: 'Answers 503 problem+json with `retry-after` when the table does not answer within 1.5 s.',
    auth: 'public',
    problems: [503],
    response: z.object({ status: z.literal('ok'), time: z.iso.datetime() }),
  },
  async () =>
    (await tableAnswers()) ? reply.ok({ status: 'ok', time: new Date().toISOString() }) : unavailable(),
);
