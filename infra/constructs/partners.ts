import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { ENV } from '#shared/env-names';

/** The routes that set a partner's `active` and so disable or enable its sign-in users. */
export const PARTNER_STATE_ROUTES = ['POST /partners/{partnerId}/deactivate', 'PATCH /partners/{partnerId}'];

/** What deactivating (ListUsers, sign-out, disable) and re-activating (enable) need, no more. */
export const PARTNER_DIRECTORY_ACTIONS = [
  'cognito-idp:ListUsers',
  'cognito-idp:AdminUserGlobalSignOut',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
];

/**
 * Lets the functions serving the partner-state routes manage the partner's Cognito users
 * (shared/users/cognito.ts): the four actions on this one user pool, and USER_POOL_ID in their
 * environment, which selects the Cognito directory (without it a deactivation disables nobody).
 * `functionFor` maps a route key (`METHOD /path`) to the Lambda that serves it.
 */
export function grantPartnerDirectory(
  functionFor: (routeKey: string) => LambdaFunction | undefined,
  userPool: IUserPool,
): void {
  for (const key of PARTNER_STATE_ROUTES) {
    const fn = functionFor(key);
    if (!fn) throw new Error(`partner route ${key} is missing from infra/routes.ts`);
    fn.addEnvironment(ENV.userPoolId, userPool.userPoolId);
    userPool.grant(fn, ...PARTNER_DIRECTORY_ACTIONS);
  }
}
