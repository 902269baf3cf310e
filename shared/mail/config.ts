import * as z from 'zod/mini';
import { ConfigError, parseEnv } from '#shared/env';
import { ENV } from '#shared/env-names';

const MailConfigSchema = z.object({
  [ENV.mailTransport]: z._default(z.enum(['ses', 'file', 'smtp']), 'ses'),
  [ENV.outboxDir]: z._default(z.string(), '.data/outbox'),
  [ENV.smtpUrl]: z.optional(z.url()),
  [ENV.mailDomain]: z._default(z.string().check(z.minLength(3)), 'inbound.verbund.test'),
});

/** Mail settings, read once; kept apart from shared/config so only mail-sending code needs them. */
export function loadMailConfig(env: NodeJS.ProcessEnv = process.env) {
  const e = parseEnv(MailConfigSchema, env, 'mail');
  if (e[ENV.mailTransport] === 'smtp' && !e[ENV.smtpUrl]) {
    throw new ConfigError(`${ENV.smtpUrl} is required when ${ENV.mailTransport}=smtp`);
  }
  return {
    transport: e[ENV.mailTransport],
    outboxDir: e[ENV.outboxDir],
    smtpUrl: e[ENV.smtpUrl],
    domain: e[ENV.mailDomain],
  };
}
export type MailConfig = ReturnType<typeof loadMailConfig>;

let domain: string | undefined;
/** The networks' mail domain (MAIL_DOMAIN), read on first use: `<inboundLocalPart>@<domain>`. */
export const mailDomain = () => {
  domain ??= loadMailConfig().domain;
  return domain;
};
