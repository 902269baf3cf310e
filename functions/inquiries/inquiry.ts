import type { InquiryCompetence, InquirySource, NewInquiry } from './schema';
import type { CreateInquiryBody, PublicInquiryBody } from './write-schema';

type RequestFields = Omit<PublicInquiryBody, 'consent' | 'website'> | Omit<CreateInquiryBody, 'competences'>;

/** A subject for an inquiry that came without one: the first line of its text, shortened. */
export function subjectFromText(text: string): string {
  const line = text.trim().split('\n')[0]!.trim();
  return line.length <= 80 ? line : `${line.slice(0, 79).trimEnd()}…`;
}

/** The inquiry a form or API request describes (competences are suggested by the store if absent). */
export function inquiryFromRequest(
  body: RequestFields,
  source: InquirySource,
  competences?: InquiryCompetence[],
): NewInquiry {
  return {
    source,
    customer: body.customer,
    subject: body.subject ?? subjectFromText(body.text),
    text: body.text,
    language: body.language,
    postcode: body.postcode,
    region: body.region,
    timeframe: body.timeframe,
    budgetCents: body.budgetCents,
    competences,
  };
}
