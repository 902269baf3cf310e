import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { ENV } from '#shared/env-names';

/** What deactivating (ListUsers, sign-out, disable) and re-activating (enable) need, no more. */
export const PARTNER_DIRECTORY_ACTIONS = [
  'cognito-idp:ListUsers',
  'cognito-idp:AdminUserGlobalSignOut',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
];

/**
 * Lets `fn` (a function with `userDirectory` in infra/functions.ts: it serves the routes that set
 * a partner's `active`) manage the partner's Cognito users (shared/users/cognito.ts): the four
 * actions on this one user pool, and USER_POOL_ID in its environment, which selects the Cognito
 * directory (without it a deactivation disables nobody).
 */
export function grantPartnerDirectory(fn: LambdaFunction, userPool: IUserPool): void {
  fn.addEnvironment(ENV.userPoolId, userPool.userPoolId);
  userPool.grant(fn, ...PARTNER_DIRECTORY_ACTIONS);
}
