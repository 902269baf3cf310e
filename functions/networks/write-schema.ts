/**
 * What the network, taxonomy, partner and resource routes that write take. Apart from schema.ts
 * (stored items, paths and answers), so routes that only read a network, the public form's post
 * first, do not construct them: zod builds every schema of a module when the module loads
 * (bench/chunks.ts, test/infra/chunks.test.ts).
 */
import * as z from 'zod/mini';
import { languageTag } from '#shared/i18n';
import { contact, id, isoDate, multilineText, postcode, text, timezone } from '#shared/schema';
import { PARTNER_KINDS } from './firm-size';
import {
  embedOrigin,
  localPart,
  MAX_EMBED_ORIGINS,
  PartnerCompetence,
  RESERVED_LOCAL_PARTS,
  referencePrefix,
  resourceKind,
  slug,
} from './schema';

const embedOrigins = z.array(embedOrigin).check(
  z.maxLength(MAX_EMBED_ORIGINS, `at most ${MAX_EMBED_ORIGINS} origins`),
  z.refine((a) => new Set(a).size === a.length, 'lists an origin twice'),
);

/** A PATCH body must change something. */

const atLeastOneField = z.refine(
  (o: unknown) => typeof o === 'object' && o !== null && Object.keys(o).length > 0,
  'must contain at least one field',
);

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
