import * as z from 'zod/mini';
import { ENV } from './env-names';

const ConfigSchema = z.object({
  [ENV.tableName]: z.string().check(z.minLength(1)),
  [ENV.dynamodbEndpoint]: z.optional(z.url()),
  AWS_REGION: z._default(z.string(), 'eu-central-1'),
});

/** Thrown at cold start when the environment is incomplete; names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function load() {
  const parsed = ConfigSchema.safeParse(process.env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((i) => String(i.path[0])).join(', ');
    throw new ConfigError(`Missing or invalid environment variable(s): ${names}`);
  }
  const env = parsed.data;
  return {
    tableName: env[ENV.tableName],
    dynamodbEndpoint: env[ENV.dynamodbEndpoint],
    region: env.AWS_REGION,
  };
}

/** Configuration, parsed once per process (cold start). */
export const config = load();
