/**
 * THE route table, plain data: one row per API Gateway route. `fn` names the HTTP Lambda that
 * serves the row (infra/functions.ts says what each function may do); that function routes by
 * `event.routeKey` to the row's `entry`, loading the module on first use (shared/http/router.ts).
 * CDK creates one API Gateway route per row (infra/constructs/api.ts), the local dev server
 * serves the same rows through the same router (infra/local/dev-server.ts), and the OpenAPI
 * document is built from the entries' contracts (infra/openapi.ts). test/infra/routes.test.ts
 * keeps the synthesized RouteKeys, the functions and each handler's declared auth in step.
 */
import { type HttpFunctionName, httpFunctions } from './functions';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

export interface RouteRow {
  /** The API Gateway route key, `METHOD /path/{param}`. */
  route: `${Method} /${string}`;
  fn: HttpFunctionName;
  /** The `*.handler.ts` module that serves the route, from the repository root. */
  entry: string;
  /**
   * Route throttle (requests per second, burst), as API Gateway applies it to the route as a
   * whole; the local dev server enforces the same numbers.
   */
  throttle?: { rateLimit: number; burstLimit: number };
}

/** A row with its parts spelled out, as the consumers of the table use it. */
export interface Route extends RouteRow {
  method: Method;
  path: string;
  /** From the row's function: 'jwt' routes go through the JWT authorizer (Cognito / dev issuer). */
  auth: 'jwt' | 'public';
}

/**
 * The stage's default throttle, which API Gateway applies to each route on its own (requests per
 * second, burst): a runaway client or script meets 429 before it costs money; a row's `throttle`
 * overrides it. Fifty requests a second is far above what a network of a dozen firms sends.
 */
export const defaultThrottle = { rateLimit: 50, burstLimit: 100 } as const;

// biome-ignore format: one row per line keeps the table readable
const rows = [
  // ---- meta: health and the API document ----
  { route: 'GET /health', fn: 'public', entry: 'functions/meta/health.handler.ts' },
  { route: 'GET /openapi.json', fn: 'public', entry: 'functions/meta/openapi.handler.ts' },

  // ---- networks, partners, resources, taxonomy ----
  { route: 'POST /networks', fn: 'api', entry: 'functions/networks/create-network.handler.ts' },
  { route: 'GET /network', fn: 'api', entry: 'functions/networks/get-network.handler.ts' },
  { route: 'PATCH /network', fn: 'api', entry: 'functions/networks/update-network.handler.ts' },
  { route: 'GET /competences', fn: 'api', entry: 'functions/networks/list-competences.handler.ts' },
  { route: 'POST /competences', fn: 'api', entry: 'functions/networks/create-competence.handler.ts' },
  { route: 'PATCH /competences/{competenceId}', fn: 'api', entry: 'functions/networks/update-competence.handler.ts' },
  { route: 'GET /partners', fn: 'api', entry: 'functions/networks/list-partners.handler.ts' },
  { route: 'POST /partners', fn: 'api', entry: 'functions/networks/create-partner.handler.ts' },
  { route: 'GET /partners/{partnerId}', fn: 'api', entry: 'functions/networks/get-partner.handler.ts' },
  { route: 'PATCH /partners/{partnerId}', fn: 'api', entry: 'functions/networks/update-partner.handler.ts' },
  { route: 'POST /partners/{partnerId}/deactivate', fn: 'api', entry: 'functions/networks/deactivate-partner.handler.ts' },
  { route: 'PUT /partners/{partnerId}/competences', fn: 'api', entry: 'functions/networks/set-partner-competences.handler.ts' },
  { route: 'POST /partners/{partnerId}/resources', fn: 'api', entry: 'functions/networks/create-resource.handler.ts' },
  { route: 'PATCH /partners/{partnerId}/resources/{resourceId}', fn: 'api', entry: 'functions/networks/update-resource.handler.ts' },
  { route: 'DELETE /partners/{partnerId}/resources/{resourceId}', fn: 'api', entry: 'functions/networks/delete-resource.handler.ts' },

  // ---- inquiries and e-mail intake ----
  { route: 'POST /public/{slug}/inquiries', fn: 'public', entry: 'functions/inquiries/submit-public-inquiry.handler.ts', throttle: { rateLimit: 50, burstLimit: 100 } },
  { route: 'OPTIONS /public/{slug}/inquiries', fn: 'public', entry: 'functions/inquiries/preflight-public-inquiry.handler.ts', throttle: { rateLimit: 50, burstLimit: 100 } },
  { route: 'GET /public/{slug}/form', fn: 'public', entry: 'functions/inquiries/get-inquiry-form.handler.ts', throttle: { rateLimit: 20, burstLimit: 40 } },
  { route: 'GET /public/{slug}/calendar/{token}', fn: 'public', entry: 'functions/matching/get-calendar-feed.handler.ts', throttle: { rateLimit: 10, burstLimit: 20 } },
  { route: 'GET /public/{slug}/status/{token}', fn: 'public', entry: 'functions/inquiries/get-inquiry-status.handler.ts', throttle: { rateLimit: 10, burstLimit: 20 } },
  { route: 'GET /public/{slug}/rsvp/{token}', fn: 'public', entry: 'functions/exchange/get-rsvp-page.handler.ts', throttle: { rateLimit: 10, burstLimit: 20 } },
  { route: 'POST /public/{slug}/rsvp/{token}', fn: 'public', entry: 'functions/exchange/post-rsvp-link.handler.ts', throttle: { rateLimit: 10, burstLimit: 20 } },
  { route: 'GET /public/{slug}/offer/{token}', fn: 'public', entry: 'functions/matching/get-offer-page.handler.ts', throttle: { rateLimit: 10, burstLimit: 20 } },
  { route: 'POST /public/{slug}/offer/{token}', fn: 'public', entry: 'functions/matching/post-offer-link.handler.ts', throttle: { rateLimit: 10, burstLimit: 20 } },
  { route: 'POST /public/{slug}/status/{token}/messages', fn: 'public', entry: 'functions/inquiries/add-status-message.handler.ts', throttle: { rateLimit: 5, burstLimit: 10 } },
  { route: 'POST /inquiries', fn: 'api', entry: 'functions/inquiries/create-inquiry.handler.ts' },
  { route: 'GET /inquiries', fn: 'api', entry: 'functions/inquiries/list-inquiries.handler.ts' },
  { route: 'GET /inquiries/{inquiryId}', fn: 'api', entry: 'functions/inquiries/get-inquiry.handler.ts' },
  { route: 'GET /inquiries/{inquiryId}/photos/{photoId}', fn: 'api', entry: 'functions/inquiries/get-inquiry-photo.handler.ts' },
  { route: 'POST /inquiries/{inquiryId}/status', fn: 'api', entry: 'functions/matching/change-inquiry-status.handler.ts' },
  { route: 'POST /inquiries/{inquiryId}/notes', fn: 'api', entry: 'functions/inquiries/add-inquiry-note.handler.ts' },
  { route: 'POST /inquiries/{inquiryId}/replies', fn: 'api', entry: 'functions/inquiries/reply-to-customer.handler.ts' },
  { route: 'PUT /inquiries/{inquiryId}/competences', fn: 'api', entry: 'functions/inquiries/set-inquiry-competences.handler.ts' },
  { route: 'GET /quarantine', fn: 'api', entry: 'functions/email-intake/list-quarantine.handler.ts' },
  { route: 'POST /quarantine/{mailId}/release', fn: 'api', entry: 'functions/email-intake/release-quarantined.handler.ts' },
  { route: 'GET /held-mail', fn: 'api', entry: 'functions/email-intake/list-held-mail.handler.ts' },
  { route: 'POST /held-mail/{mailId}/confirm', fn: 'api', entry: 'functions/email-intake/confirm-held-mail.handler.ts' },
  { route: 'POST /held-mail/{mailId}/reject', fn: 'api', entry: 'functions/email-intake/reject-held-mail.handler.ts' },
  { route: 'GET /automatic-mail', fn: 'api', entry: 'functions/email-intake/list-automatic-mail.handler.ts' },
  { route: 'POST /automatic-mail/{mailId}/release', fn: 'api', entry: 'functions/email-intake/release-automatic-mail.handler.ts' },
  { route: 'GET /mail/{mailId}/raw', fn: 'api', entry: 'functions/email-intake/get-raw-mail.handler.ts' },
  { route: 'GET /unroutable', fn: 'api', entry: 'functions/email-intake/list-unroutable.handler.ts' },
  { route: 'GET /unroutable/{month}/{mailId}/raw', fn: 'api', entry: 'functions/email-intake/get-unroutable-raw.handler.ts' },

  // ---- matching, capacity, bookings, referrals ----
  { route: 'POST /inquiries/{inquiryId}/proposals', fn: 'api', entry: 'functions/matching/request-proposals.handler.ts', throttle: { rateLimit: 5, burstLimit: 10 } },
  { route: 'GET /inquiries/{inquiryId}/proposals', fn: 'api', entry: 'functions/matching/list-proposals.handler.ts' },
  { route: 'POST /inquiries/{inquiryId}/proposals/{proposalId}/accept', fn: 'api', entry: 'functions/matching/accept-proposal.handler.ts' },
  { route: 'GET /inquiries/{inquiryId}/job', fn: 'api', entry: 'functions/matching/get-job.handler.ts' },
  { route: 'DELETE /inquiries/{inquiryId}/job', fn: 'api', entry: 'functions/matching/cancel-job.handler.ts' },
  { route: 'POST /inquiries/{inquiryId}/job/confirm', fn: 'api', entry: 'functions/matching/confirm-part.handler.ts' },
  { route: 'POST /inquiries/{inquiryId}/job/decline', fn: 'api', entry: 'functions/matching/decline-part.handler.ts' },
  { route: 'POST /inquiries/{inquiryId}/job/parts/{partnerId}/replacements', fn: 'api', entry: 'functions/matching/request-replacement.handler.ts', throttle: { rateLimit: 5, burstLimit: 10 } },
  { route: 'GET /proposals', fn: 'api', entry: 'functions/matching/list-offers.handler.ts' },
  { route: 'POST /referrals', fn: 'api', entry: 'functions/matching/create-referral.handler.ts' },
  { route: 'GET /referrals/ledger', fn: 'api', entry: 'functions/matching/get-ledger.handler.ts' },
  { route: 'GET /jobs', fn: 'api', entry: 'functions/matching/list-my-jobs.handler.ts' },
  { route: 'GET /calendar', fn: 'api', entry: 'functions/matching/get-calendar.handler.ts' },
  { route: 'POST /calendar/feed', fn: 'api', entry: 'functions/matching/rotate-calendar-feed.handler.ts' },
  { route: 'DELETE /calendar/feed', fn: 'api', entry: 'functions/matching/revoke-calendar-feed.handler.ts' },

  // ---- purchasing pools ----
  { route: 'POST /pools', fn: 'api', entry: 'functions/purchasing/open-pool.handler.ts' },
  { route: 'GET /pools', fn: 'api', entry: 'functions/purchasing/list-pools.handler.ts' },
  { route: 'GET /pools/{poolId}', fn: 'api', entry: 'functions/purchasing/get-pool.handler.ts' },
  { route: 'POST /pools/{poolId}/lines', fn: 'api', entry: 'functions/purchasing/join-pool.handler.ts' },
  { route: 'PATCH /pools/{poolId}/lines/{partnerId}', fn: 'api', entry: 'functions/purchasing/change-quantity.handler.ts' },
  { route: 'DELETE /pools/{poolId}/lines/{partnerId}', fn: 'api', entry: 'functions/purchasing/withdraw.handler.ts' },
  { route: 'PUT /pools/{poolId}/deadline', fn: 'api', entry: 'functions/purchasing/update-deadline.handler.ts' },
  { route: 'POST /pools/{poolId}/cancel', fn: 'api', entry: 'functions/purchasing/cancel-pool.handler.ts' },
  { route: 'POST /pools/{poolId}/close', fn: 'api', entry: 'functions/purchasing/close-pool-early.handler.ts' },
  { route: 'GET /partners/{partnerId}/purchases', fn: 'api', entry: 'functions/purchasing/purchase-history.handler.ts' },

  // ---- reports and usage ----
  { route: 'GET /usage', fn: 'api', entry: 'functions/reports/get-usage.handler.ts' },
  { route: 'GET /reports/utilisation', fn: 'api', entry: 'functions/reports/get-utilisation-report.handler.ts', throttle: { rateLimit: 5, burstLimit: 10 } },
  { route: 'GET /reports/schedule', fn: 'api', entry: 'functions/reports/get-report-schedule.handler.ts' },
  { route: 'PUT /reports/schedule', fn: 'api', entry: 'functions/reports/put-report-schedule.handler.ts' },
  { route: 'DELETE /reports/schedule', fn: 'api', entry: 'functions/reports/delete-report-schedule.handler.ts' },
  { route: 'PUT /reports/subscription', fn: 'api', entry: 'functions/reports/set-report-subscription.handler.ts' },
  { route: 'GET /reports/history', fn: 'api', entry: 'functions/reports/list-report-history.handler.ts' },

  // ---- funded cooperation projects ----
  { route: 'POST /funding/projects', fn: 'api', entry: 'functions/funding/create-project.handler.ts' },
  { route: 'POST /funding/checks', fn: 'api', entry: 'functions/funding/check-project.handler.ts' },
  { route: 'GET /funding/programmes', fn: 'api', entry: 'functions/funding/list-programmes.handler.ts' },
  { route: 'GET /funding/projects', fn: 'api', entry: 'functions/funding/list-projects.handler.ts' },
  { route: 'GET /funding/projects/{projectId}', fn: 'api', entry: 'functions/funding/get-project.handler.ts' },
  { route: 'PATCH /funding/projects/{projectId}', fn: 'api', entry: 'functions/funding/update-project.handler.ts' },
  { route: 'POST /funding/projects/{projectId}/time-records', fn: 'api', entry: 'functions/funding/create-time-record.handler.ts' },
  { route: 'GET /funding/projects/{projectId}/time-records', fn: 'api', entry: 'functions/funding/list-time-records.handler.ts' },
  { route: 'PATCH /funding/projects/{projectId}/time-records/{recordId}', fn: 'api', entry: 'functions/funding/update-time-record.handler.ts' },
  { route: 'DELETE /funding/projects/{projectId}/time-records/{recordId}', fn: 'api', entry: 'functions/funding/delete-time-record.handler.ts' },
  { route: 'POST /funding/projects/{projectId}/costs', fn: 'api', entry: 'functions/funding/create-cost.handler.ts' },
  { route: 'GET /funding/projects/{projectId}/costs', fn: 'api', entry: 'functions/funding/list-costs.handler.ts' },
  { route: 'PATCH /funding/projects/{projectId}/costs/{costId}', fn: 'api', entry: 'functions/funding/update-cost.handler.ts' },
  { route: 'DELETE /funding/projects/{projectId}/costs/{costId}', fn: 'api', entry: 'functions/funding/delete-cost.handler.ts' },
  { route: 'GET /funding/projects/{projectId}/costs/{costId}/receipt', fn: 'api', entry: 'functions/funding/get-receipt.handler.ts' },
  { route: 'POST /funding/projects/{projectId}/periods/{periodId}/close', fn: 'api', entry: 'functions/funding/close-period.handler.ts' },
  { route: 'POST /funding/projects/{projectId}/periods/{periodId}/reopen', fn: 'api', entry: 'functions/funding/reopen-period.handler.ts' },
  { route: 'GET /funding/projects/{projectId}/report', fn: 'api', entry: 'functions/funding/get-report.handler.ts', throttle: { rateLimit: 5, burstLimit: 10 } },
  // ---- know-how exchange: questions, answers, practice notes ----
  { route: 'POST /exchange/questions', fn: 'api', entry: 'functions/exchange/ask-question.handler.ts' },
  { route: 'POST /exchange/practices', fn: 'api', entry: 'functions/exchange/publish-practice.handler.ts' },
  { route: 'GET /exchange/posts', fn: 'api', entry: 'functions/exchange/search-posts.handler.ts' },
  { route: 'GET /exchange/posts/{postId}', fn: 'api', entry: 'functions/exchange/get-post.handler.ts' },
  { route: 'PATCH /exchange/posts/{postId}', fn: 'api', entry: 'functions/exchange/edit-post.handler.ts' },
  { route: 'DELETE /exchange/posts/{postId}', fn: 'api', entry: 'functions/exchange/delete-post.handler.ts' },
  { route: 'GET /exchange/posts/{postId}/history', fn: 'api', entry: 'functions/exchange/list-history.handler.ts' },
  { route: 'POST /exchange/posts/{postId}/moderation', fn: 'api', entry: 'functions/exchange/moderate-post.handler.ts' },
  { route: 'POST /exchange/posts/{postId}/helpful', fn: 'api', entry: 'functions/exchange/mark-post-helpful.handler.ts' },
  { route: 'POST /exchange/posts/{postId}/answers', fn: 'api', entry: 'functions/exchange/answer-question.handler.ts' },
  { route: 'PATCH /exchange/posts/{postId}/answers/{answerId}', fn: 'api', entry: 'functions/exchange/edit-answer.handler.ts' },
  { route: 'DELETE /exchange/posts/{postId}/answers/{answerId}', fn: 'api', entry: 'functions/exchange/delete-answer.handler.ts' },
  { route: 'POST /exchange/posts/{postId}/answers/{answerId}/solution', fn: 'api', entry: 'functions/exchange/mark-solution.handler.ts' },
  { route: 'POST /exchange/posts/{postId}/answers/{answerId}/helpful', fn: 'api', entry: 'functions/exchange/mark-answer-helpful.handler.ts' },
  { route: 'POST /exchange/posts/{postId}/attachments', fn: 'api', entry: 'functions/exchange/attach-file.handler.ts' },
  { route: 'GET /exchange/posts/{postId}/attachments/{attachmentId}', fn: 'api', entry: 'functions/exchange/get-attachment.handler.ts' },
  { route: 'GET /exchange/preferences', fn: 'api', entry: 'functions/exchange/get-preferences.handler.ts' },
  { route: 'PUT /exchange/preferences', fn: 'api', entry: 'functions/exchange/put-preferences.handler.ts' },
  { route: 'PUT /exchange/digest', fn: 'api', entry: 'functions/exchange/put-digest-schedule.handler.ts' },
  { route: 'GET /notifications/preference', fn: 'api', entry: 'functions/notifications/get-preference.handler.ts' },
  { route: 'PUT /notifications/preference', fn: 'api', entry: 'functions/notifications/put-preference.handler.ts' },
  { route: 'POST /exchange/meetings', fn: 'api', entry: 'functions/exchange/schedule-meeting.handler.ts' },
  { route: 'GET /exchange/meetings', fn: 'api', entry: 'functions/exchange/list-meetings.handler.ts' },
  { route: 'POST /exchange/meetings/{meetingId}/cancellation', fn: 'api', entry: 'functions/exchange/cancel-meeting.handler.ts' },
  { route: 'GET /exchange/meetings/{meetingId}', fn: 'api', entry: 'functions/exchange/get-meeting.handler.ts' },
  { route: 'PUT /exchange/meetings/{meetingId}/rsvp', fn: 'api', entry: 'functions/exchange/answer-meeting.handler.ts' },
  { route: 'PUT /exchange/meetings/{meetingId}/minutes', fn: 'api', entry: 'functions/exchange/post-minutes.handler.ts' },
] as const satisfies readonly RouteRow[];

/** `GET /partners`, … : the key of every row, as a type (a test checks each has a client call). */
export type RouteKey = (typeof rows)[number]['route'];

export const routes: readonly Route[] = rows.map((row: RouteRow) => {
  const [method, path] = row.route.split(' ') as [Method, string];
  return { ...row, method, path, auth: httpFunctions[row.fn].auth };
});

/** The rows one HTTP function serves. */
export function routesOf(fn: HttpFunctionName): Route[] {
  return routes.filter((r) => r.fn === fn);
}
