/**
 * THE route table, plain data. CDK creates one Lambda + HTTP API route per row
 * (infra/constructs/api.ts); the local dev server serves the same rows (infra/local/dev-server.ts);
 * test/infra/routes.test.ts keeps the synthesized RouteKeys equal to this table.
 *
 * auth: 'jwt' routes go through the JWT authorizer (Cognito in AWS, dev issuer locally); roles are
 * checked by each handler's contract. access: the table grant for the route's Lambda.
 */
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  entry: string;
  auth: 'public' | 'jwt';
  access: 'none' | 'RO' | 'RW';
}

const networks = 'functions/networks';
const purchasing = 'functions/purchasing';

export const routes = [
  {
    method: 'GET',
    path: '/health',
    entry: 'functions/meta/health.handler.ts',
    auth: 'public',
    access: 'none',
  },
  {
    method: 'GET',
    path: '/openapi.json',
    entry: 'functions/meta/openapi.handler.ts',
    auth: 'public',
    access: 'none',
  },

  {
    method: 'POST',
    path: '/networks',
    entry: `${networks}/create-network.handler.ts`,
    auth: 'jwt',
    access: 'RW',
  },
  { method: 'GET', path: '/network', entry: `${networks}/get-network.handler.ts`, auth: 'jwt', access: 'RO' },
  {
    method: 'PATCH',
    path: '/network',
    entry: `${networks}/update-network.handler.ts`,
    auth: 'jwt',
    access: 'RW',
  },

  {
    method: 'GET',
    path: '/competences',
    entry: `${networks}/list-competences.handler.ts`,
    auth: 'jwt',
    access: 'RO',
  },
  {
    method: 'POST',
    path: '/competences',
    entry: `${networks}/create-competence.handler.ts`,
    auth: 'jwt',
    access: 'RW',
  },
  {
    method: 'PATCH',
    path: '/competences/{competenceId}',
    entry: `${networks}/update-competence.handler.ts`,
    auth: 'jwt',
    access: 'RW',
  },

  {
    method: 'GET',
    path: '/partners',
    entry: `${networks}/list-partners.handler.ts`,
    auth: 'jwt',
    access: 'RO',
  },
  {
    method: 'POST',
    path: '/partners',
    entry: `${networks}/create-partner.handler.ts`,
    auth: 'jwt',
    access: 'RW',
  },
  {
    method: 'GET',
    path: '/partners/{partnerId}',
    entry: `${networks}/get-partner.handler.ts`,
    auth: 'jwt',
    access: 'RO',
  },
  {
    method: 'PATCH',
    path: '/partners/{partnerId}',
    entry: `${networks}/update-partner.handler.ts`,
    auth: 'jwt',
    access: 'RW',
  },
  {
    method: 'POST',
    path: '/partners/{partnerId}/deactivate',
    entry: `${networks}/deactivate-partner.handler.ts`,
    auth: 'jwt',
    access: 'RW',
  },
  {
    method: 'PUT',
    path: '/partners/{partnerId}/competences',
    entry: `${networks}/set-partner-competences.handler.ts`,
    auth: 'jwt',
    access: 'RW',
  },
  {
    method: 'POST',
    path: '/partners/{partnerId}/resources',
    entry: `${networks}/create-resource.handler.ts`,
    auth: 'jwt',
    access: 'RW',
  },
  {
    method: 'PATCH',
    path: '/partners/{partnerId}/resources/{resourceId}',
    entry: `${networks}/update-resource.handler.ts`,
    auth: 'jwt',
    access: 'RW',
  },
  {
    method: 'DELETE',
    path: '/partners/{partnerId}/resources/{resourceId}',
    entry: `${networks}/delete-resource.handler.ts`,
    auth: 'jwt',
    access: 'RW',
  },

  // ---- inquiries and e-mail (functions/inquiries, functions/email-intake) ----

  // ---- matching, capacity, bookings, referrals (functions/matching) ----

  // ---- purchasing pools (functions/purchasing) ----
  {
    method: 'POST',
    path: '/pools',
    entry: `${purchasing}/open-pool.handler.ts`,
    auth: 'jwt',
    access: 'RW',
  },
  {
    method: 'GET',
    path: '/pools',
    entry: `${purchasing}/list-pools.handler.ts`,
    auth: 'jwt',
    access: 'RO',
  },
  {
    method: 'GET',
    path: '/pools/{poolId}',
    entry: `${purchasing}/get-pool.handler.ts`,
    auth: 'jwt',
    access: 'RO',
  },
  {
    method: 'POST',
    path: '/pools/{poolId}/lines',
    entry: `${purchasing}/join-pool.handler.ts`,
    auth: 'jwt',
    access: 'RW',
  },
  {
    method: 'PATCH',
    path: '/pools/{poolId}/lines/{partnerId}',
    entry: `${purchasing}/change-quantity.handler.ts`,
    auth: 'jwt',
    access: 'RW',
  },
  {
    method: 'DELETE',
    path: '/pools/{poolId}/lines/{partnerId}',
    entry: `${purchasing}/withdraw.handler.ts`,
    auth: 'jwt',
    access: 'RW',
  },
  {
    method: 'PUT',
    path: '/pools/{poolId}/deadline',
    entry: `${purchasing}/update-deadline.handler.ts`,
    auth: 'jwt',
    access: 'RW',
  },
  {
    method: 'POST',
    path: '/pools/{poolId}/cancel',
    entry: `${purchasing}/cancel-pool.handler.ts`,
    auth: 'jwt',
    access: 'RW',
  },
  {
    method: 'POST',
    path: '/pools/{poolId}/close',
    entry: `${purchasing}/close-pool-early.handler.ts`,
    auth: 'jwt',
    access: 'RW',
  },
  {
    method: 'GET',
    path: '/partners/{partnerId}/purchases',
    entry: `${purchasing}/purchase-history.handler.ts`,
    auth: 'jwt',
    access: 'RO',
  },

  // ---- reports and usage (functions/reports) ----
  {
    method: 'GET',
    path: '/usage',
    entry: 'functions/reports/get-usage.handler.ts',
    auth: 'jwt',
    access: 'RO',
  },
] as const satisfies readonly Route[];

/** A stable, CloudFormation-safe name for a route's Lambda: `PatchPartnersPartnerIdResources…`. */
export function routeId(r: Route): string {
  const words = `${r.method.toLowerCase()} ${r.path}`.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}
