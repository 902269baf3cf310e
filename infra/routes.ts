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
  /**
   * Route throttle (requests per second, burst), as API Gateway applies it to the route as a
   * whole; the local dev server enforces the same numbers.
   */
  throttle?: { rateLimit: number; burstLimit: number };
}

const networks = 'functions/networks';
const purchasing = 'functions/purchasing';
const inquiries = 'functions/inquiries';
const matching = 'functions/matching';
const reports = 'functions/reports';

export const routes = [
  {
    method: 'GET',
    path: '/health',
    entry: 'functions/meta/health.handler.ts',
    auth: 'public',
    access: 'RO',
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
  {
    method: 'POST',
    path: '/public/{slug}/inquiries',
    entry: `${inquiries}/submit-public-inquiry.handler.ts`,
    auth: 'public',
    access: 'RW',
    throttle: { rateLimit: 10, burstLimit: 20 },
  },
  {
    method: 'POST',
    path: '/inquiries',
    entry: `${inquiries}/create-inquiry.handler.ts`,
    auth: 'jwt',
    access: 'RW',
  },
  {
    method: 'GET',
    path: '/inquiries',
    entry: `${inquiries}/list-inquiries.handler.ts`,
    auth: 'jwt',
    access: 'RO',
  },
  {
    method: 'GET',
    path: '/inquiries/{inquiryId}',
    entry: `${inquiries}/get-inquiry.handler.ts`,
    auth: 'jwt',
    access: 'RO',
  },
  {
    method: 'POST',
    path: '/inquiries/{inquiryId}/status',
    entry: `${inquiries}/change-inquiry-status.handler.ts`,
    auth: 'jwt',
    access: 'RW',
  },
  {
    method: 'POST',
    path: '/inquiries/{inquiryId}/notes',
    entry: `${inquiries}/add-inquiry-note.handler.ts`,
    auth: 'jwt',
    access: 'RW',
  },
  {
    method: 'POST',
    path: '/inquiries/{inquiryId}/replies',
    entry: `${inquiries}/reply-to-customer.handler.ts`,
    auth: 'jwt',
    access: 'RW',
  },
  {
    method: 'PUT',
    path: '/inquiries/{inquiryId}/competences',
    entry: `${inquiries}/set-inquiry-competences.handler.ts`,
    auth: 'jwt',
    access: 'RW',
  },
  {
    method: 'GET',
    path: '/quarantine',
    entry: 'functions/email-intake/list-quarantine.handler.ts',
    auth: 'jwt',
    access: 'RO',
  },
  {
    method: 'POST',
    path: '/quarantine/{mailId}/release',
    entry: 'functions/email-intake/release-quarantined.handler.ts',
    auth: 'jwt',
    access: 'RW',
  },
  {
    method: 'GET',
    path: '/mail/{mailId}/raw',
    entry: 'functions/email-intake/get-raw-mail.handler.ts',
    auth: 'jwt',
    access: 'RO',
  },
  {
    method: 'GET',
    path: '/unroutable',
    entry: 'functions/email-intake/list-unroutable.handler.ts',
    auth: 'jwt',
    access: 'RO',
  },
  {
    method: 'GET',
    path: '/unroutable/{month}/{mailId}/raw',
    entry: 'functions/email-intake/get-unroutable-raw.handler.ts',
    auth: 'jwt',
    access: 'RO',
  },

  // ---- matching, capacity, bookings, referrals (functions/matching) ----
  {
    method: 'POST',
    path: '/inquiries/{inquiryId}/proposals',
    entry: `${matching}/request-proposals.handler.ts`,
    auth: 'jwt',
    access: 'RW',
  },
  {
    method: 'GET',
    path: '/inquiries/{inquiryId}/proposals',
    entry: `${matching}/list-proposals.handler.ts`,
    auth: 'jwt',
    access: 'RO',
  },
  {
    method: 'POST',
    path: '/inquiries/{inquiryId}/proposals/{proposalId}/accept',
    entry: `${matching}/accept-proposal.handler.ts`,
    auth: 'jwt',
    access: 'RW',
  },
  {
    method: 'GET',
    path: '/inquiries/{inquiryId}/job',
    entry: `${matching}/get-job.handler.ts`,
    auth: 'jwt',
    access: 'RO',
  },
  {
    method: 'DELETE',
    path: '/inquiries/{inquiryId}/job',
    entry: `${matching}/cancel-job.handler.ts`,
    auth: 'jwt',
    access: 'RW',
  },
  {
    method: 'GET',
    path: '/proposals',
    entry: `${matching}/list-offers.handler.ts`,
    auth: 'jwt',
    access: 'RO',
  },
  {
    method: 'POST',
    path: '/referrals',
    entry: `${matching}/create-referral.handler.ts`,
    auth: 'jwt',
    access: 'RW',
  },
  {
    method: 'GET',
    path: '/referrals/ledger',
    entry: `${matching}/get-ledger.handler.ts`,
    auth: 'jwt',
    access: 'RO',
  },
  {
    method: 'GET',
    path: '/calendar',
    entry: `${matching}/get-calendar.handler.ts`,
    auth: 'jwt',
    access: 'RO',
  },

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
  {
    method: 'GET',
    path: '/reports/utilisation',
    entry: `${reports}/get-utilisation-report.handler.ts`,
    auth: 'jwt',
    access: 'RO',
  },
  {
    method: 'GET',
    path: '/reports/schedule',
    entry: `${reports}/get-report-schedule.handler.ts`,
    auth: 'jwt',
    access: 'RO',
  },
  {
    method: 'PUT',
    path: '/reports/schedule',
    entry: `${reports}/put-report-schedule.handler.ts`,
    auth: 'jwt',
    access: 'RW',
  },
  {
    method: 'DELETE',
    path: '/reports/schedule',
    entry: `${reports}/delete-report-schedule.handler.ts`,
    auth: 'jwt',
    access: 'RW',
  },
  {
    method: 'PUT',
    path: '/reports/subscription',
    entry: `${reports}/set-report-subscription.handler.ts`,
    auth: 'jwt',
    access: 'RW',
  },
  {
    method: 'GET',
    path: '/reports/history',
    entry: `${reports}/list-report-history.handler.ts`,
    auth: 'jwt',
    access: 'RO',
  },
] as const satisfies readonly Route[];

/** A stable, CloudFormation-safe name for a route's Lambda: `PatchPartnersPartnerIdResources…`. */
export function routeId(r: Route): string {
  const words = `${r.method.toLowerCase()} ${r.path}`.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}
