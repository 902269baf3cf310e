/**
 * A partner's sign-in users follow its `active` state: deactivating signs them out and disables
 * them in the sign-in directory (Cognito in AWS, none locally: shared/users), re-activating
 * enables exactly the users the deactivation disabled. The partner's `active` flag is written
 * first and is what every partner write checks (access.ts), so a directory failure never lets a
 * deactivated partner write; it answers 503 and the coordinator retries (both steps are
 * idempotent).
 */
import { AppError } from '#shared/http/errors';
import { logger } from '#shared/log';
import { userDirectory } from '#shared/users/index';
import { addDisabledUsers, disabledUsersOf, forgetDisabledUsers } from './store';

class DirectoryError extends AppError {
  override name = 'DirectoryError';
  constructor(message: string, cause: unknown) {
    super(503, 'directory-unavailable', message, [], { cause });
  }
}

/** Signs out and disables the partner's users; returns how many. */
export async function disablePartnerUsers(networkId: string, partnerId: string): Promise<number> {
  let names: string[];
  try {
    names = await userDirectory().disablePartnerUsers(networkId, partnerId);
  } catch (err) {
    logger.error('disabling partner users failed', { networkId, partnerId, error: err as Error });
    throw new DirectoryError(
      `partner ${partnerId} is deactivated and can no longer change anything, but signing out its users failed: send the deactivation again`,
      err,
    );
  }
  await addDisabledUsers(networkId, partnerId, names);
  return names.length;
}

/** Enables the users the partner's deactivation disabled; returns how many. */
export async function enablePartnerUsers(networkId: string, partnerId: string): Promise<number> {
  const names = await disabledUsersOf(networkId, partnerId);
  if (names.length === 0) return 0;
  try {
    await userDirectory().enableUsers(names);
  } catch (err) {
    logger.error('enabling partner users failed', { networkId, partnerId, error: err as Error });
    throw new DirectoryError(
      `partner ${partnerId} is active again, but enabling its users failed: send the re-activation again`,
      err,
    );
  }
  await forgetDisabledUsers(networkId, partnerId, names);
  return names.length;
}
