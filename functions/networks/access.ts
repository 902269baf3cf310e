import type { CallerOf } from '#shared/http/auth';
import { NotFoundError } from '#shared/http/errors';

/**
 * Coordinators reach every partner of their network; a partner reaches only itself. Another
 * partner's id answers 404 exactly like an id that does not exist, so nothing leaks.
 */
export function assertPartnerAccess(caller: CallerOf<'coordinator' | 'partner'>, partnerId: string): void {
  if (caller.role === 'partner' && caller.partnerId !== partnerId) throw new NotFoundError('partner');
}
