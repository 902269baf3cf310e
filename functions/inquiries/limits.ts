/**
 * Limits the inquiries capability enforces itself, as plain data. API Gateway's route throttle
 * (infra/routes.ts, `throttle`) caps the public route as a whole; these are per network and per
 * client, counted in DynamoDB.
 */
export const LIMITS = {
  /** Public form: submissions per client network (IPv4 address, IPv6 /64) and network. */
  formPerClient: { limit: 5, windowSeconds: 10 * 60 },
  /** Public form: submissions per network, all clients together. */
  formPerNetwork: { limit: 500, windowSeconds: 60 * 60 },
  /** Loop guard: automatic acknowledgements to one address. */
  acknowledgementsPerAddress: { limit: 3, windowSeconds: 60 * 60 },
} as const;
