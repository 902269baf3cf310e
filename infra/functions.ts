/**
 * THE HTTP function table, plain data: the few Lambdas behind the HTTP API, shaped by workload
 * and trust, and what each may do. Every row of infra/routes.ts names one of them; the function
 * routes by `event.routeKey` and loads a route's module on first use, so a coordinator's session
 * meets one cold start, not one per screen. CDK reads the needs below to grant exactly these
 * (infra/constructs/api.ts); nothing is granted by route-key strings elsewhere.
 *
 * Event-driven functions (mail intake, the outbox sender, schedule targets) are their own
 * Lambdas, defined with their event sources in infra/constructs/.
 */
export interface HttpFunction {
  description: string;
  /** 'jwt': every route goes through the JWT authorizer; 'public': no authorizer, rate-limited. */
  auth: 'jwt' | 'public';
  /** Item-level table access (never Scan); 'upsert' creates and changes items but deletes none. */
  table: 'none' | 'RO' | 'upsert' | 'RW';
  /** May create, move and delete run-time schedules (pool deadlines, report schedules). */
  scheduler: boolean;
  /** Access to the raw-mail bucket: read raw mail and attachments, or also store attachments. */
  rawMail: 'none' | 'RO' | 'RW';
  /** May store the public form's photos: PutObject under `photos/` of that bucket, nothing else. */
  formPhotos: boolean;
  /** May sign out, disable and enable Cognito users (partner deactivation, shared/users/). */
  userDirectory: boolean;
  memorySize: number;
}

export const httpFunctions = {
  api: {
    description: 'the authenticated API: coordinators, partners and the operator',
    auth: 'jwt',
    table: 'RW',
    scheduler: true,
    rawMail: 'RW',
    formPhotos: false,
    userDirectory: true,
    memorySize: 512,
  },
  public: {
    description: 'public routes: the inquiry form, health, the API document',
    auth: 'public',
    table: 'upsert',
    scheduler: false,
    rawMail: 'none',
    formPhotos: true,
    userDirectory: false,
    memorySize: 512,
  },
} as const satisfies Record<string, HttpFunction>;

export type HttpFunctionName = keyof typeof httpFunctions;
