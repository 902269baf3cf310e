import { createHash } from 'node:crypto';
import { networkPk, part } from '#shared/db/keys';
import type { InquiryStatus } from './schema';

/** A fixed-length key part for values that may hold any character (Message-IDs, addresses). */
export const digest = (value: string, length = 40) =>
  createHash('sha256').update(value).digest('hex').slice(0, length);

/**
 * Key builders of the inquiries capability (see docs/data-model.md, "Inquiries"). An inquiry's
 * timeline sorts right behind it (`INQ#<id>#T#<entryId>`), so one Query reads both.
 */
export const inquiryKeys = {
  inquiry: (networkId: string, inquiryId: string) => ({
    pk: networkPk(networkId),
    sk: `INQ#${part(inquiryId)}`,
  }),
  timeline: (networkId: string, inquiryId: string, entryId: string) => ({
    pk: networkPk(networkId),
    sk: `INQ#${part(inquiryId)}#T#${part(entryId)}`,
  }),
  /** Reference-number counter per network and year (atomic ADD). */
  sequence: (networkId: string, year: number) => ({ pk: networkPk(networkId), sk: `INQSEQ#${year}` }),
  /** Reference number → inquiry id (subject tokens `[HHN-2026-0042]`). */
  reference: (networkId: string, reference: string) => ({
    pk: networkPk(networkId),
    sk: `INQREF#${part(reference)}`,
  }),
  /** What the network's coordinators taught the competence suggestion (./competence-model.ts). */
  competenceModel: (networkId: string) => ({ pk: networkPk(networkId), sk: 'INQCOMPMODEL' }),
  /** Message-ID of a mail in a conversation → inquiry id (In-Reply-To / References threading). */
  messageId: (networkId: string, messageId: string) => ({
    pk: networkPk(networkId),
    sk: `INQMSG#${digest(messageId)}`,
  }),
  /** The customer's status link: a digest of its secret token → inquiry id (the token itself is never stored). */
  statusToken: (networkId: string, token: string) => ({
    pk: networkPk(networkId),
    sk: `INQSTATUS#${digest(token, 64)}`,
  }),
};

/** GSI keys: every index partition starts with `NET#<networkId>#INQ`. */
export const inquiryIndex = {
  /** gsi1: all inquiries of a network, newest first. */
  all: (networkId: string) => `${networkPk(networkId)}#INQ`,
  /** gsi2: inquiries of a network in one status, newest first. */
  status: (networkId: string, status: InquiryStatus) => `${networkPk(networkId)}#INQ#${status}`,
  byDate: (createdAt: string, inquiryId: string) => `${createdAt}#${inquiryId}`,
};

export const TIMELINE_PREFIX = (inquiryId: string) => `INQ#${part(inquiryId)}#T#`;
