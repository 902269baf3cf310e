import type { CallerOf } from '#shared/http/auth';
import { ForbiddenError, NotFoundError } from '#shared/http/errors';
import { isPartnerActive } from './store';

/**
 * Coordinators reach every partner of their network; a partner reaches only itself. Another
 * partner's id answers 404 exactly like an id that does not exist, so nothing leaks.
 */
export function assertPartnerAccess(caller: CallerOf<'coordinator' | 'partner'>, partnerId: string): void {
  if (caller.role === 'partner' && caller.partnerId !== partnerId) throw new NotFoundError('partner');
}

/**
 * The partner's `active` state per caller object. `callerFromEvent` builds a new caller for
 * every request, so this caches within one request only: a deactivation is seen by the very next
 * request, and a handler that checks twice reads once.
 */
const activeByCaller = new WeakMap<object, Promise<boolean>>();

/**
 * THE check before anything a partner writes (every write route a partner token can call runs
 * it first; test/integration/deactivated-partner.test.ts walks the route table to keep it so):
 * a deactivated partner — or a partner id the network does not have — may still read but no
 * longer change anything, 403. With `partnerId`, also `assertPartnerAccess`. Coordinators pass.
 * One GetItem of the partner's `active`, at most once per request.
 */
export async function assertPartnerMayWrite(
  caller: CallerOf<'coordinator' | 'partner'>,
  partnerId?: string,
): Promise<void> {
  if (partnerId !== undefined) assertPartnerAccess(caller, partnerId);
  if (caller.role !== 'partner') return;
  let active = activeByCaller.get(caller);
  if (!active) {
    active = isPartnerActive(caller.networkId, caller.partnerId);
    activeByCaller.set(caller, active);
  }
  // a partner id the network does not have (a stale or foreign token) is no active partner either
  if (!(await active)) {
    throw new ForbiddenError(
      `partner ${caller.partnerId} is not active in this network: it can still read, but no longer change anything`,
    );
  }
}
