import type * as z from 'zod/mini';

/** Thrown at cold start when the environment is incomplete; names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses environment variables with a zod schema, or throws a ConfigError naming every missing or
 * invalid variable (`what` says whose: `mail`, `mail storage`), so a function fails at cold start
 * with a message an operator can act on.
 */
export function parseEnv<S extends z.ZodMiniType>(
  schema: S,
  env: NodeJS.ProcessEnv,
  what?: string,
): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((i) => String(i.path[0])).join(', ');
    throw new ConfigError(`Missing or invalid ${what ? `${what} ` : ''}environment variable(s): ${names}`);
  }
  return parsed.data;
}
