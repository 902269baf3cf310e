import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { ID_PATTERN } from '#shared/schema';
import { ForbiddenError, UnauthorizedError } from './errors';

export const ROLES = ['operator', 'coordinator', 'partner'] as const;
export type Role = (typeof ROLES)[number];

/** JWT claim names, the same for Cognito in AWS and the local dev issuer. */
export const CLAIMS = {
  networkId: 'custom:networkId',
  role: 'custom:role',
  partnerId: 'custom:partnerId',
} as const;

export type Caller =
  | { role: 'operator'; sub: string; email?: string }
  | { role: 'coordinator'; sub: string; email?: string; networkId: string }
  | { role: 'partner'; sub: string; email?: string; networkId: string; partnerId: string };

export type CallerOf<R extends Role> = Extract<Caller, { role: R }>;

type Claims = Record<string, string | number | boolean | string[]>;

/** What a `sub` may look like (Cognito's are UUIDs): visible ASCII, no separator, bounded. */
const SUB_PATTERN = /^[\x21-\x22\x24-\x7e]{1,128}$/;

/**
 * A verified token's ids become key parts (`NET#<networkId>`), so they must be ids as the
 * schemas define them: a `#` or anything else outside the id alphabet is refused here, before
 * any handler or the database sees it (a 403: the token is genuine but names no reachable id).
 */
function checkedId(name: string, value: string): string {
  if (!ID_PATTERN.test(value)) {
    throw new ForbiddenError(
      `the token's ${name} is not a valid id (1–64 lower-case letters, digits or dashes)`,
    );
  }
  return value;
}

/** Reads the caller from claims the authorizer verified (API Gateway or the local dev server). */
export function callerFromEvent(event: unknown): Caller {
  const claims = (event as APIGatewayProxyEventV2WithJWTAuthorizer).requestContext?.authorizer?.jwt?.claims as
    | Claims
    | undefined;
  if (!claims) throw new UnauthorizedError();
  const str = (name: string) => {
    const v = claims[name];
    return typeof v === 'string' && v.length > 0 ? v : undefined;
  };
  const sub = str('sub');
  const role = str(CLAIMS.role);
  const networkId = str(CLAIMS.networkId);
  const email = str('email');
  if (!sub || !role) throw new UnauthorizedError('token lacks sub or custom:role');
  if (!SUB_PATTERN.test(sub)) throw new UnauthorizedError('token has a malformed sub');
  if (role === 'operator') return { role, sub, email };
  if (!networkId) throw new UnauthorizedError('token lacks custom:networkId');
  if (role === 'coordinator') return { role, sub, email, networkId: checkedId(CLAIMS.networkId, networkId) };
  const partnerId = str(CLAIMS.partnerId);
  if (role === 'partner' && partnerId) {
    return {
      role,
      sub,
      email,
      networkId: checkedId(CLAIMS.networkId, networkId),
      partnerId: checkedId(CLAIMS.partnerId, partnerId),
    };
  }
  throw new UnauthorizedError('token has an unknown role or a partner token lacks custom:partnerId');
}

/** Narrows the caller to the allowed roles or throws 403. */
export function requireRole<R extends Role>(caller: Caller, roles: readonly R[]): CallerOf<R> {
  if (!(roles as readonly Role[]).includes(caller.role)) {
    throw new ForbiddenError(
      `this action needs the role ${roles.join(' or ')}, the token has ${caller.role}`,
    );
  }
  return caller as CallerOf<R>;
}
