import * as z from 'zod/mini';
import { contact, id, isoDateTime } from '#shared/schema';
import { PARTNER_KINDS, SIZE_CLASSES } from './firm-size';

export const slug = z
  .string()
  .check(
    z.regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, 'must be 1–40 lower-case letters, digits or dashes'),
  );
/**
 * Local parts no network may take on the shared inbound domain, because they belong to whoever
 * runs the domain: RFC 2142's mailbox names (business: info, marketing, sales, support; network
 * operations: abuse, noc, security; services: postmaster, hostmaster, usenet, news, webmaster,
 * www, uucp, ftp), the addresses certificate authorities mail to prove control of a domain
 * (admin, administrator, hostmaster, postmaster, webmaster), and what mail software and people
 * read as "the system" (mailer-daemon, root, noreply and its spellings). RFC 5321 makes postmaster
 * case-insensitive; local parts here are lower case anyway.
 */
export const RESERVED_LOCAL_PARTS: ReadonlySet<string> = new Set([
  'info',
  'marketing',
  'sales',
  'support',
  'abuse',
  'noc',
  'security',
  'postmaster',
  'hostmaster',
  'usenet',
  'news',
  'webmaster',
  'www',
  'uucp',
  'ftp',
  'admin',
  'administrator',
  'root',
  'mailer-daemon',
  'mailerdaemon',
  'mail-daemon',
  'noreply',
  'no-reply',
  'no_reply',
  'donotreply',
  'do-not-reply',
  'do_not_reply',
]);

export const localPart = z.string().check(
  z.regex(
    /^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$/,
    'must be an e-mail local part: lower-case letters, digits, . _ -',
  ),
  z.refine((l) => !RESERVED_LOCAL_PARTS.has(l), 'is reserved for the mail domain (RFC 2142): choose another'),
);
export const referencePrefix = z.string().check(z.regex(/^[A-Z]{2,6}$/, 'must be 2–6 capital letters'));

/**
 * A website that may embed the hosted form (CORS on `POST /public/{slug}/inquiries`): exactly a
 * browser's `Origin`, `https://host[:port]`, lower case, no path, no default port, so a stored
 * entry compares equal to the header the browser sends.
 */
export const embedOrigin = z.string().check(
  z.maxLength(300),
  z.refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'https:' && u.origin === s;
    } catch {
      return false;
    }
  }, 'must be an origin https://host[:port]: lower case, no path, no trailing slash, no :443'),
);
export const MAX_EMBED_ORIGINS = 10;

// ---- networks ---------------------------------------------------------------------------

export const Network = z.object({
  id,
  name: z.string(),
  slug: z.string(),
  contact,
  inboundLocalPart: z.string(),
  timezone: z.string(),
  referencePrefix: z.string(),
  /** A language tag (`de-AT`); networks created before languages read as `de-AT`. */
  language: z.optional(z.string()),
  /** Websites that may embed the hosted form (CORS); none when absent. */
  embedOrigins: z.optional(z.array(z.string())),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Network = z.infer<typeof Network>;

// ---- competence taxonomy ----------------------------------------------------------------

export const Competence = z.object({
  id,
  label_de: z.string(),
  label_en: z.string(),
  synonyms: z.array(z.string()),
});
export type Competence = z.infer<typeof Competence>;

// ---- partners ---------------------------------------------------------------------------

export const level = z.int().check(z.gte(1), z.lte(5));

export const PartnerCompetence = z.strictObject({ competenceId: id, level });
export type PartnerCompetence = z.infer<typeof PartnerCompetence>;

export const Partner = z.object({
  id,
  name: z.string(),
  contact,
  postcode: z.optional(z.string()),
  region: z.optional(z.string()),
  description: z.optional(z.string()),
  language: z.optional(z.string()),
  deliveryAddress: z.optional(z.string()),
  poolMails: z.optional(z.boolean()),
  competences: z.array(z.object({ competenceId: z.string(), level: z.number() })),
  active: z.boolean(),
  kind: z.optional(z.enum(PARTNER_KINDS)),
  size: z.optional(z.object({ staff: z.number(), turnoverCents: z.number(), balanceSheetCents: z.number() })),
  /** Derived from `size` whenever it is written (EU SME definition). */
  sizeClass: z.optional(z.enum(SIZE_CLASSES)),
  affiliationGroup: z.optional(z.string()),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Partner = z.infer<typeof Partner>;

// ---- resources --------------------------------------------------------------------------

export const resourceKind = z.enum(['people', 'room', 'machine']);
export const Resource = z.object({
  id,
  partnerId: id,
  kind: resourceKind,
  name: z.string(),
  hoursPerWeek: z.number(),
  exceptions: z.array(z.object({ from: z.string(), to: z.string(), hours: z.number() })),
  /** Counts the changes, from 1 (items written before it existed read as 1). */
  version: z._default(z.number(), 1),
});
export type Resource = z.infer<typeof Resource>;

// ---- path parameters --------------------------------------------------------------------

export const PartnerPath = z.strictObject({ partnerId: id });
export const ResourcePath = z.strictObject({ partnerId: id, resourceId: id });
export const CompetencePath = z.strictObject({ competenceId: id });

// ---- answers (documentation; the integration tests check real bodies against them) -------

/** A resource as the API shows it: under its partner, so without `partnerId`. */
export const ResourceView = z.object({
  id,
  kind: resourceKind,
  name: z.string(),
  hoursPerWeek: z.number(),
  exceptions: z.array(z.object({ from: z.string(), to: z.string(), hours: z.number() })),
  /** Send it back with a change (PATCH); another change in between answers 409. */
  version: z.number(),
});

/** A partner with its resources (what the coordinator and the partner itself see). */
export const PartnerView = z.object({ ...Partner.def.shape, resources: z.array(ResourceView) });

/** What partners see of each other: who they are and what they can do, not their capacity. */
export const PartnerDirectoryEntry = z.object({
  id,
  name: z.string(),
  region: z.optional(z.string()),
  competences: Partner.def.shape.competences,
  active: z.boolean(),
});

/** The coordinator gets partners with resources, a partner the directory of active partners. */
export const PartnerList = z.object({ items: z.array(z.union([PartnerView, PartnerDirectoryEntry])) });

/** What a partner sees of its network: the public face, not the coordinator's settings. */
export const NetworkForPartner = z.object({
  id,
  name: z.string(),
  slug: z.string(),
  contact,
  timezone: z.string(),
});

// Named in the OpenAPI document: one definition in components/schemas, referenced where used.
Network.register(z.globalRegistry, { id: 'Network' });
NetworkForPartner.register(z.globalRegistry, { id: 'NetworkForPartner' });
Competence.register(z.globalRegistry, { id: 'Competence' });
Partner.register(z.globalRegistry, { id: 'Partner' });
PartnerView.register(z.globalRegistry, { id: 'PartnerView' });
PartnerDirectoryEntry.register(z.globalRegistry, { id: 'PartnerDirectoryEntry' });
ResourceView.register(z.globalRegistry, { id: 'ResourceView' });
