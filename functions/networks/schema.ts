import * as z from 'zod/mini';
import { languageTag } from '#shared/i18n';
import { contact, id, isoDate, isoDateTime, multilineText, postcode, text, timezone } from '#shared/schema';
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
const embedOrigins = z.array(embedOrigin).check(
  z.maxLength(MAX_EMBED_ORIGINS, `at most ${MAX_EMBED_ORIGINS} origins`),
  z.refine((a) => new Set(a).size === a.length, 'lists an origin twice'),
);

/** A PATCH body must change something. */
const atLeastOneField = z.refine(
  (o: unknown) => typeof o === 'object' && o !== null && Object.keys(o).length > 0,
  'must contain at least one field',
);

// ---- networks ---------------------------------------------------------------------------

export const CreateNetworkBody = z
  .strictObject({
    id: z.optional(id),
    name: text(120),
    slug,
    contact,
    inboundLocalPart: z.optional(localPart),
    timezone: z.optional(timezone),
    referencePrefix: z.optional(referencePrefix),
    /** The language of the network's mail to its people; `de-AT` by default. */
    language: z.optional(languageTag),
  })
  .check(
    // without inboundLocalPart the slug becomes the inbound address (network.ts)
    z.superRefine((b, ctx) => {
      if (b.inboundLocalPart === undefined && RESERVED_LOCAL_PARTS.has(b.slug)) {
        ctx.addIssue({
          code: 'custom',
          message: `is required: the slug ${b.slug} would become the inbound address, which is reserved (RFC 2142)`,
          path: ['inboundLocalPart'],
          input: b,
        });
      }
    }),
  );
export type CreateNetworkBody = z.infer<typeof CreateNetworkBody>;

export const UpdateNetworkBody = z
  .strictObject({
    name: z.optional(text(120)),
    slug: z.optional(slug),
    contact: z.optional(contact),
    inboundLocalPart: z.optional(localPart),
    timezone: z.optional(timezone),
    referencePrefix: z.optional(referencePrefix),
    language: z.optional(languageTag),
    /** Websites that may embed the hosted form (replaces the list; `[]` allows none). */
    embedOrigins: z.optional(embedOrigins),
  })
  .check(atLeastOneField);
export type UpdateNetworkBody = z.infer<typeof UpdateNetworkBody>;

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

const synonyms = z.array(text(60)).check(z.maxLength(30));

export const CreateCompetenceBody = z.strictObject({
  id: z.optional(id),
  label_de: text(80),
  label_en: text(80),
  synonyms: z.optional(synonyms),
});
export type CreateCompetenceBody = z.infer<typeof CreateCompetenceBody>;

export const UpdateCompetenceBody = z
  .strictObject({
    label_de: z.optional(text(80)),
    label_en: z.optional(text(80)),
    synonyms: z.optional(synonyms),
  })
  .check(atLeastOneField);
export type UpdateCompetenceBody = z.infer<typeof UpdateCompetenceBody>;

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

/** Whole cents, at most 100 billion euros (figures of a firm's annual accounts). */
const accountCents = z.int().check(z.gte(0), z.lte(10_000_000_000_000));

/** A firm's figures for the EU SME size class (firm-size.ts): staff in AWU, turnover, balance sheet. */
export const FirmFigures = z.strictObject({
  staff: z.number().check(z.gte(0), z.lte(1_000_000)),
  turnoverCents: accountCents,
  balanceSheetCents: accountCents,
});

/**
 * What funding programmes need to know of a partner (coordinator only): its kind, a firm's
 * figures (the size class follows from them) and its affiliation group (parent and subsidiaries
 * share one group id and count as one company).
 */
const fundingFields = {
  kind: z.optional(z.enum(PARTNER_KINDS)),
  size: z.optional(FirmFigures),
  affiliationGroup: z.optional(id),
};

const profileFields = {
  name: text(120),
  contact,
  postcode: z.optional(postcode),
  region: z.optional(text(80)),
  description: z.optional(multilineText(2000)),
  /** The language of mail to the partner; the network's when absent. */
  language: z.optional(languageTag),
  /** Where a supplier delivers the partner's share of a pooled order. */
  deliveryAddress: z.optional(multilineText(300)),
  /** `false`: no mail when a purchase pool opens (the partner still sees pools in the app). */
  poolMails: z.optional(z.boolean()),
};

export const CreatePartnerBody = z.strictObject({
  id: z.optional(id),
  ...profileFields,
  competences: z.optional(z.array(PartnerCompetence).check(z.maxLength(50))),
  ...fundingFields,
});
export type CreatePartnerBody = z.infer<typeof CreatePartnerBody>;

/** What a partner may change on its own profile. */
export const UpdateOwnPartnerBody = z.strictObject({
  name: z.optional(profileFields.name),
  contact: z.optional(contact),
  postcode: z.optional(postcode),
  region: z.optional(profileFields.region),
  description: z.optional(profileFields.description),
  language: z.optional(languageTag),
  deliveryAddress: z.optional(profileFields.deliveryAddress),
  poolMails: z.optional(z.boolean()),
});
/** The coordinator may additionally (re)activate a partner. */
export const UpdatePartnerBody = z
  .strictObject({
    ...UpdateOwnPartnerBody.def.shape,
    active: z.optional(z.boolean()),
    ...fundingFields,
  })
  .check(atLeastOneField);
export type UpdatePartnerBody = z.infer<typeof UpdatePartnerBody>;

export const SetCompetencesBody = z.strictObject({
  competences: z.array(PartnerCompetence).check(z.maxLength(50)),
});

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
const hours = z.number().check(z.gte(0), z.lte(168));

export const CapacityException = z
  .strictObject({ from: isoDate, to: isoDate, hours })
  .check(z.refine((e) => e.from <= e.to, { message: 'to must not be before from', path: ['to'] }));

const resourceFields = {
  kind: resourceKind,
  name: text(120),
  /** Available hours in a normal ISO week. */
  hoursPerWeek: hours,
  /** Weeks overlapping [from, to] offer `hours` instead (holidays, maintenance). */
  exceptions: z.optional(z.array(CapacityException).check(z.maxLength(100))),
};

export const CreateResourceBody = z.strictObject({ id: z.optional(id), ...resourceFields });
export type CreateResourceBody = z.infer<typeof CreateResourceBody>;

/**
 * A change names the resource's `version` it was made on, and must when it replaces the
 * exceptions: a partner adding a holiday on the phone while the coordinator adds sick leave would
 * otherwise lose one of the two (the second write gets 409 instead and reloads).
 */
export const UpdateResourceBody = z
  .strictObject({
    kind: z.optional(resourceFields.kind),
    name: z.optional(resourceFields.name),
    hoursPerWeek: z.optional(hours),
    exceptions: resourceFields.exceptions,
    version: z.optional(z.int().check(z.gte(1))),
  })
  .check(
    z.refine((b) => Object.keys(b).some((k) => k !== 'version'), 'must contain at least one field to change'),
    z.refine((b) => b.exceptions === undefined || b.version !== undefined, {
      message: 'required when exceptions are replaced: the version the change was made on',
      path: ['version'],
    }),
  );
export type UpdateResourceBody = z.infer<typeof UpdateResourceBody>;

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
