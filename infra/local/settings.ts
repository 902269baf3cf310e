import { resolve } from 'node:path';

/** Ports and places of the local runtime, from the environment (see README, Configuration). */
export interface LocalSettings {
  port: number;
  smtpPort: number;
  dynamodbPort: number;
  dataDir: string;
  host: string;
}

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new Error(`${name} must be a port number 0–65535, got ${JSON.stringify(raw)}`);
  }
  return n;
}

export function localSettings(): LocalSettings {
  return {
    port: port('PORT', 3000),
    smtpPort: port('SMTP_PORT', 2525),
    dynamodbPort: port('DYNAMODB_PORT', 8000),
    dataDir: resolve(process.env.DATA_DIR || '.data'),
    host: '127.0.0.1',
  };
}

/** The table name the local runtime uses (in AWS CDK names the table). */
export const LOCAL_TABLE = 'verbund';
