import type { OutgoingMail } from '#shared/mail/compose';
import type { InquiryForMatching } from './job';
import type { Job } from './schema';

interface MailPartner {
  id: string;
  name: string;
  contact: { name: string; email: string; phone?: string };
}

export interface JobMailContext {
  network: { name: string; inboundLocalPart: string; contact: { name: string; email: string } };
  mailDomain: string;
  inquiry: InquiryForMatching;
  job: Job;
  partners: ReadonlyMap<string, MailPartner>;
  competenceLabels: ReadonlyMap<string, string>;
  resourceNames: ReadonlyMap<string, string>;
}

const from = (c: JobMailContext) => ({
  name: c.network.name,
  address: `${c.network.inboundLocalPart}@${c.mailDomain}`,
});

const label = (c: JobMailContext, id: string) => c.competenceLabels.get(id) ?? id;

/**
 * The job e-mail to each partner of the team: its part (competences, hours, booked weeks), the
 * lead partner, the team. Only the lead gets the customer's contact and request: it is the
 * customer's single contact behind the network's name.
 */
export function jobMails(c: JobMailContext): { partnerId: string; mail: OutgoingMail }[] {
  const { job, inquiry } = c;
  const lead = c.partners.get(job.leadPartnerId)!;
  const teamIds = [...new Set(job.assignments.map((a) => a.partnerId))].sort();
  return teamIds.map((partnerId) => {
    const p = c.partners.get(partnerId)!;
    const isLead = partnerId === job.leadPartnerId;
    const mine = job.assignments.filter((a) => a.partnerId === partnerId);
    const booked = job.bookings.filter((b) => b.partnerId === partnerId);
    const lines = [
      `Hello ${p.contact.name},`,
      '',
      `${c.network.name} has accepted the customer inquiry ${inquiry.reference} "${inquiry.subject}" and booked ${p.name} for it.`,
      '',
      'Your part:',
      ...mine.map((a) => `  - ${label(c, a.competenceId)}: ${a.hours} h`),
      '',
      `Timeframe: ${job.timeframe.from} to ${job.timeframe.to}. Booked on your resources:`,
      ...booked.map(
        (b) =>
          `  ${b.week}  ${c.resourceNames.get(`${b.partnerId}#${b.resourceId}`) ?? b.resourceId}: ${b.hours} h`,
      ),
      '',
      isLead
        ? "You are the lead partner: the customer's single contact, in the name of the network."
        : `Lead partner (the customer's single contact): ${lead.name}, ${lead.contact.name}, ${lead.contact.email}${lead.contact.phone ? `, ${lead.contact.phone}` : ''}`,
      '',
      'The team:',
      ...teamIds.map((id) => {
        const member = c.partners.get(id)!;
        const parts = job.assignments
          .filter((a) => a.partnerId === id)
          .map((a) => `${label(c, a.competenceId)} ${a.hours} h`);
        return `  - ${member.name} (${member.contact.email}): ${parts.join(', ')}`;
      }),
      ...(isLead
        ? [
            '',
            'Customer:',
            `  ${inquiry.customer.name}, ${inquiry.customer.email}${inquiry.customer.phone ? `, ${inquiry.customer.phone}` : ''}`,
            ...(inquiry.postcode || inquiry.region
              ? [`  ${[inquiry.postcode, inquiry.region].filter(Boolean).join(' ')}`]
              : []),
            '',
            'Request:',
            ...inquiry.text.split('\n').map((l) => `  ${l}`),
          ]
        : []),
      '',
      `${c.network.contact.name}, ${c.network.name}`,
    ];
    return {
      partnerId,
      mail: {
        from: from(c),
        to: [{ name: p.name, address: p.contact.email }],
        replyTo: { name: c.network.contact.name, address: c.network.contact.email },
        subject: `[${inquiry.reference}] Job${isLead ? ' (lead)' : ''}: ${inquiry.subject}`,
        text: lines.join('\n'),
        headers: { 'Auto-Submitted': 'auto-generated' },
      },
    };
  });
}

/** The notice to each partner of a cancelled job: its booked hours are free again. */
export function cancelMails(
  c: Omit<JobMailContext, 'competenceLabels' | 'resourceNames'> & { reason?: string },
): {
  partnerId: string;
  mail: OutgoingMail;
}[] {
  const teamIds = [...new Set(c.job.assignments.map((a) => a.partnerId))].sort();
  return teamIds.map((partnerId) => {
    const p = c.partners.get(partnerId)!;
    const hours = c.job.bookings.filter((b) => b.partnerId === partnerId).reduce((s, b) => s + b.hours, 0);
    return {
      partnerId,
      mail: {
        from: from(c as JobMailContext),
        to: [{ name: p.name, address: p.contact.email }],
        replyTo: { name: c.network.contact.name, address: c.network.contact.email },
        subject: `[${c.inquiry.reference}] Job cancelled: ${c.inquiry.subject}`,
        text: [
          `Hello ${p.contact.name},`,
          '',
          `the job for inquiry ${c.inquiry.reference} "${c.inquiry.subject}" has been cancelled. The ${hours} hours booked on your resources are free again.`,
          ...(c.reason ? ['', `Reason: ${c.reason}`] : []),
          '',
          `${c.network.contact.name}, ${c.network.name}`,
        ].join('\n'),
        headers: { 'Auto-Submitted': 'auto-generated' },
      },
    };
  });
}
