import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ENV } from '#shared/env-names';
import { localDynamoClient } from './dynamodb';
import { LOCAL_TABLE, type LocalSettings, localSettings } from './settings';

/** Ends a command-line tool with one line on stderr, no stack trace. */
export function fail(tool: string, message: string, code = 2): never {
  process.stderr.write(`${tool}: ${message}\n`);
  process.exit(code);
}

/**
 * Points the handler modules at the DynamoDB Local of a running `npm start` (same DYNAMODB_PORT
 * and DATA_DIR), as the runtime does for them; false when nothing answers there. Call it before
 * importing a store: stores read their configuration at import, as in Lambda.
 */
export async function useRunningRuntime(settings: LocalSettings = localSettings()): Promise<boolean> {
  const admin = localDynamoClient(settings.dynamodbPort);
  try {
    await admin.send(new ListTablesCommand({ Limit: 1 }));
  } catch {
    return false;
  } finally {
    admin.destroy();
  }
  process.env[ENV.tableName] = LOCAL_TABLE;
  process.env[ENV.dynamodbEndpoint] = `http://127.0.0.1:${settings.dynamodbPort}`;
  process.env.AWS_REGION ??= 'eu-central-1';
  process.env[ENV.logLevel] ??= 'ERROR';
  process.env[ENV.mailTransport] ??= process.env[ENV.smtpUrl] ? 'smtp' : 'file';
  process.env[ENV.outboxDir] ??= join(settings.dataDir, 'outbox');
  return true;
}
