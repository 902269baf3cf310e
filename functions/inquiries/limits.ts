/**
 * Limits the inquiries capability enforces itself, as plain data. API Gateway's route throttle
 * (infra/routes.ts, `throttle`) caps the public route for all networks together, so it is only
 * the account's cost ceiling, set well above what the networks' own limits let through; the
 * limits that matter are here, per network and per client, counted in DynamoDB: a flood against
 * one network's form meets that network's 429 and leaves every other network's form open.
 */
export const LIMITS = {
  /** Public form: submissions per client network (IPv4 address, IPv6 /64) and network. */
  formPerClient: { limit: 5, windowSeconds: 10 * 60 },
  /** Public form: submissions per network, all clients together. */
  formPerNetwork: { limit: 500, windowSeconds: 60 * 60 },
  /**
   * Automatic acknowledgements to one address per network and (UTC) day: the form is no open
   * relay (whoever types a stranger's address sends them at most this many), and two robots
   * answering each other stop here.
   */
  acknowledgementsPerAddress: { limit: 3, windowSeconds: 24 * 60 * 60 },
} as const;
