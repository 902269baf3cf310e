import {
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CLAIMS } from '#shared/http/auth';
import type { UserDirectory } from './index';

let client: CognitoIdentityProviderClient | undefined;
/** One client per process (cold start), made on first use. */
function defaultClient(): CognitoIdentityProviderClient {
  client ??= new CognitoIdentityProviderClient({});
  return client;
}

/**
 * The Cognito user pool as the partner's sign-in directory. ListUsers cannot filter on custom
 * attributes, so a deactivation pages through the pool's enabled users (`status = "Enabled"`,
 * 60 a page) and matches `custom:networkId` and `custom:partnerId` itself: complete without any
 * bookkeeping at sign-in, at one ListUsers call per 60 enabled users of the pool (docs/costs.md).
 * Each match is signed out globally (its refresh tokens stop working) and then disabled (it can
 * no longer sign in; its access tokens are revoked). API Gateway's JWT authorizer still accepts
 * an ID token until it expires (1 h), which is why every partner write also checks `active`
 * (functions/networks/access.ts).
 */
export function cognitoUserDirectory(
  userPoolId: string,
  cognito: Pick<CognitoIdentityProviderClient, 'send'> = defaultClient(),
): UserDirectory {
  return {
    async disablePartnerUsers(networkId, partnerId) {
      const names: string[] = [];
      let PaginationToken: string | undefined;
      do {
        const page = await cognito.send(
          new ListUsersCommand({
            UserPoolId: userPoolId,
            Filter: 'status = "Enabled"',
            Limit: 60,
            PaginationToken,
          }),
        );
        for (const user of page.Users ?? []) {
          const attr = (name: string) => user.Attributes?.find((a) => a.Name === name)?.Value;
          if (user.Username && attr(CLAIMS.networkId) === networkId && attr(CLAIMS.partnerId) === partnerId) {
            names.push(user.Username);
          }
        }
        PaginationToken = page.PaginationToken;
      } while (PaginationToken);
      for (const Username of names) {
        await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username }));
        await cognito.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username }));
      }
      return names;
    },
    async enableUsers(usernames) {
      for (const Username of usernames) {
        try {
          await cognito.send(new AdminEnableUserCommand({ UserPoolId: userPoolId, Username }));
        } catch (err) {
          if ((err as { name?: string }).name !== 'UserNotFoundException') throw err;
        }
      }
    },
  };
}
