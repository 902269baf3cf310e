import { createInquiry } from '#functions/inquiries/create-store';
import { changeStatus } from '#functions/inquiries/store';
import { createCompetence, createPartner, createResource } from '#functions/networks/store';
import { nowIso } from '#shared/time';
import { givenNetwork } from './networks';

/** A network (taxonomy carpentry, electrical, plumbing) without partners; add them with givenPartner. */
export async function givenMatchingNetwork(id: string) {
  const network = await givenNetwork(id, []);
  await createCompetence(id, { id: 'plumbing', label_de: 'Sanitär', label_en: 'Plumbing', synonyms: [] });
  return network;
}

/** A partner with competences (id → level) and one people resource `<id>-r1` of `hoursPerWeek`. */
export async function givenPartner(
  networkId: string,
  id: string,
  competences: Record<string, number>,
  hoursPerWeek = 40,
  extra: { postcode?: string; region?: string; active?: boolean } = {},
) {
  const now = nowIso();
  await createPartner(networkId, {
    id,
    name: `Firma ${id}`,
    contact: { name: `Chef ${id}`, email: `${id}@firm.example` },
    competences: Object.entries(competences).map(([competenceId, level]) => ({ competenceId, level })),
    active: extra.active ?? true,
    postcode: extra.postcode,
    region: extra.region,
    createdAt: now,
    updatedAt: now,
  });
  await createResource(networkId, {
    id: `${id}-r1`,
    partnerId: id,
    kind: 'people',
    name: `Team ${id}`,
    hoursPerWeek,
    exceptions: [],
  });
}

/** The week 2030-W10 (Monday 4 March 2030). */
export const WEEK = { from: '2030-03-04', to: '2030-03-10' } as const;

/** An inquiry through the inquiries store, moved on to `qualified` as a coordinator would. */
export async function givenInquiry(
  networkId: string,
  opts: {
    competences: {
      competenceId: string;
      hours?: number;
      minLevel?: number;
      roomHours?: number;
      machineHours?: number;
    }[];
    timeframe?: { from: string; to: string };
    postcode?: string;
    referredByPartnerId?: string;
    status?: 'new' | 'qualified';
  },
) {
  const inquiry = await createInquiry(networkId, {
    source: opts.referredByPartnerId ? 'referral' : 'api',
    customer: { name: 'Anna Kunde', email: 'anna@kunde.example' },
    subject: 'Dachausbau mit Bad',
    text: 'Wir bauen das Dach aus und brauchen ein Bad.',
    timeframe: opts.timeframe ?? WEEK,
    postcode: opts.postcode,
    referredByPartnerId: opts.referredByPartnerId,
    competences: opts.competences.map((c) => ({ ...c, suggested: false })),
  });
  if ((opts.status ?? 'qualified') === 'qualified')
    await changeStatus(networkId, inquiry.id, 'qualified', 'test');
  return inquiry;
}
