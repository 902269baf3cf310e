import * as z from 'zod/mini';
import { parseEnv } from './env';
import { ENV } from './env-names';

const ConfigSchema = z.object({
  [ENV.tableName]: z.string().check(z.minLength(1)),
  [ENV.dynamodbEndpoint]: z.optional(z.url()),
  AWS_REGION: z._default(z.string(), 'eu-central-1'),
});

function load() {
  const env = parseEnv(ConfigSchema, process.env);
  return {
    tableName: env[ENV.tableName],
    dynamodbEndpoint: env[ENV.dynamodbEndpoint],
    region: env.AWS_REGION,
  };
}

/** Configuration, parsed once per process (cold start). */
export const config = load();
