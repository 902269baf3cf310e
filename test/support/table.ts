/**
 * Integration setup: gives this test file its own table in the run's DynamoDB Local, created
 * from the same definition CDK uses, and points the handlers' configuration at it. Runs before
 * the test file's imports, so handler modules read this environment at their "cold start".
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { ensureTable } from '#infra/local/dynamodb';
import { localCredentials } from '#shared/db/local-credentials';
import { useScheduler } from '#shared/scheduler/index';

const endpoint = inject('dynamodbEndpoint');
process.env.DYNAMODB_ENDPOINT = endpoint;
// a database of this file's own in the run's DynamoDB Local (test/global-setup.ts), and a table in it
process.env.DYNAMODB_LOCAL_DATABASE = `file${randomUUID().replaceAll('-', '')}`;
process.env.TABLE_NAME = `test-${randomUUID()}`;
process.env.AWS_REGION = 'eu-central-1';
// the handlers' logs are silent in tests; `DEBUG_LOG=ERROR npx vitest run …` shows their errors
process.env.POWERTOOLS_LOG_LEVEL = process.env.DEBUG_LOG ?? 'SILENT';

const client = new DynamoDBClient({
  endpoint,
  region: 'eu-central-1',
  credentials: localCredentials(),
});
await ensureTable(client, process.env.TABLE_NAME);
// accepting a job schedules its confirmation deadline: a file that checks schedules installs its own
useScheduler({ upsert: async () => undefined, remove: async () => undefined });
client.destroy();
