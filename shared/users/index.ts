import { ENV } from '#shared/env-names';

/**
 * The sign-in directory's side of deactivating a partner. In AWS it is the Cognito user pool
 * (`./cognito.ts`), selected by the `USER_POOL_ID` environment variable that CDK sets on the
 * functions that need it; locally the dev token issuer has no users, so nothing is to be done
 * there (`noUserDirectory`). Tests install their own with `useUserDirectory`.
 */
export interface UserDirectory {
  /**
   * Signs out everywhere and disables every enabled user whose `custom:networkId` and
   * `custom:partnerId` are these; returns their user names (to re-enable exactly them later).
   */
  disablePartnerUsers(networkId: string, partnerId: string): Promise<string[]>;
  /** Enables these users again; one that no longer exists is skipped. */
  enableUsers(usernames: readonly string[]): Promise<void>;
}

/** No users to disable: the local runtime, where dev tokens are signed without a directory. */
export const noUserDirectory: UserDirectory = {
  disablePartnerUsers: async () => [],
  enableUsers: async () => {},
};

let current: UserDirectory | undefined;

/** Installs the implementation handlers use (tests call this). */
export function useUserDirectory(impl: UserDirectory): void {
  current = impl;
}

/** The installed directory: Cognito when `USER_POOL_ID` is set, else none. */
export function userDirectory(): UserDirectory {
  if (!current) {
    const userPoolId = process.env[ENV.userPoolId];
    // loaded on first use, so functions that never deactivate do not load the client at cold start
    current = userPoolId
      ? {
          disablePartnerUsers: async (n, p) =>
            (await import('./cognito')).cognitoUserDirectory(userPoolId).disablePartnerUsers(n, p),
          enableUsers: async (names) =>
            (await import('./cognito')).cognitoUserDirectory(userPoolId).enableUsers(names),
        }
      : noUserDirectory;
  }
  return current;
}
