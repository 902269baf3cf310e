import type { components } from '../../../docs/api/openapi';
import { number, percent } from '../format';
import { t, tk } from '../i18n';

type TimelineEntry = components['schemas']['TimelineEntry'];
/** What of a team proposal its explanation is worded from. */
interface Proposal {
  leadPartnerId?: string;
  assignments: { competenceId: string }[];
  missing: { competenceId: string }[];
  partners: { name: string; utilisation: number; balance: number; proximity: number | null }[];
}
type Term = 'coverage' | 'partners' | 'idle' | 'fairness' | 'proximity';
type Names = { partner: (id: string) => string; competence: (id: string) => string };

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * A timeline entry in the page's language. The server's `text` is a record in English for the
 * log and the API; the page words what happened from the entry's kind and data, and falls back
 * to the text for entries it has no words for (messages, notes, older entries without data).
 */
export function timelineText(e: TimelineEntry, names: Names): string {
  const d = e.data ?? {};
  switch (e.kind) {
    case 'created':
      if (d.recordedBy === 'coordinator') return t('timeline.recorded');
      return str(d.source) ? t('timeline.created', { source: tk(`source.${d.source}`) }) : e.text;
    case 'status': {
      if (!str(d.to)) return e.text;
      if (!str(d.from)) return tk(`status.${d.to}`);
      const change = `${tk(`status.${d.from}`)} → ${tk(`status.${d.to}`)}`;
      return str(d.reason) ? `${change}: ${d.reason}` : change;
    }
    case 'competences': {
      const list = d.competences as { competenceId: string; hours?: number }[] | undefined;
      if (!list) return e.text;
      if (list.length === 0) return t('timeline.competencesCleared');
      return list
        .map((c) =>
          c.hours
            ? `${names.competence(c.competenceId)} (${number(c.hours)} h)`
            : names.competence(c.competenceId),
        )
        .join(', ');
    }
    case 'proposals':
      return typeof d.proposals === 'number' ? t('timeline.proposals', { n: d.proposals }) : e.text;
    case 'accepted':
      return str(d.leadPartnerId)
        ? t('timeline.accepted', { lead: names.partner(d.leadPartnerId as string) })
        : e.text;
    case 'cancelled':
      return t('timeline.cancelled');
    case 'replacement-proposals':
      return str(d.replaces) && typeof d.proposals === 'number'
        ? t('timeline.replacementProposals', { n: d.proposals, partner: names.partner(d.replaces as string) })
        : e.text;
    case 'replacement-accepted': {
      const ids = Array.isArray(d.partnerIds) ? (d.partnerIds as string[]) : [];
      return str(d.replaces) && ids.length
        ? t('timeline.replacementAccepted', {
            partner: names.partner(d.replaces as string),
            by: ids.map(names.partner).join(', '),
          })
        : e.text;
    }
    case 'part-confirmed':
    case 'part-declined':
    case 'part-expired': {
      if (!str(d.partnerId)) return e.text;
      const partner = names.partner(d.partnerId as string);
      const released = /: ([\d.]+) tentative hours released/.exec(e.text)?.[1];
      return released ? t('timeline.partReleased', { partner, hours: number(Number(released)) }) : partner;
    }
    default:
      return e.text;
  }
}

/**
 * What each term of a proposal's score means for this proposal, in the page's language, from the
 * proposal's own numbers (the server's `detail` is the same in English).
 */
export function explanationText(p: Proposal, term: Term, names: Names): string {
  const each = (value: (f: Proposal['partners'][number]) => string) =>
    p.partners.map((f) => `${f.name} ${value(f)}`).join(', ');
  switch (term) {
    case 'coverage': {
      const covered = new Set(p.assignments.map((a) => a.competenceId)).size;
      const text = t('explain.coverage', { covered, n: covered + p.missing.length });
      return p.missing.length
        ? `${text}; ${t('explain.missing', { list: p.missing.map((m) => names.competence(m.competenceId)).join(', ') })}`
        : text;
    }
    case 'partners':
      return t('explain.partners', { n: p.partners.length, lead: names.partner(p.leadPartnerId ?? '') });
    case 'idle':
      return t('explain.idle', { list: each((f) => percent(f.utilisation)) });
    case 'fairness':
      return t('explain.fairness', { list: each((f) => `${f.balance > 0 ? '+' : ''}${number(f.balance)}`) });
    case 'proximity':
      return p.partners.every((f) => f.proximity === null)
        ? t('explain.proximityUnknown')
        : t('explain.proximity', { list: each((f) => (f.proximity === null ? '–' : number(f.proximity))) });
  }
}
