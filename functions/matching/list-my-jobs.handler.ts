import * as z from 'zod/mini';
import { http, reply } from '#shared/http/handler';
import { jobsOfPartner } from './my-jobs';
import { JobPart } from './schema';

const MyJob = z.object({
  jobId: z.string(),
  inquiryId: z.string(),
  reference: z.string(),
  subject: z.string(),
  customer: z.object({ name: z.string(), postcode: z.optional(z.string()) }),
  timeframe: z.object({ from: z.string(), to: z.string() }),
  lead: z.boolean(),
  hours: z.number(),
  weeks: z.array(z.object({ week: z.string(), hours: z.number() })),
  tasks: z.array(
    z.object({
      competenceId: z.string(),
      label: z.object({ de: z.string(), en: z.string() }),
      hours: z.number(),
    }),
  ),
  team: z.array(z.object({ partnerId: z.string(), name: z.string(), lead: z.boolean() })),
  /** The firm's own part: tentative (`requested`) until it confirms or declines before the deadline. */
  part: z.optional(JobPart),
});

export const handler = http(
  {
    summary:
      "The calling partner's accepted jobs, soonest first: dates, own hours per week, customer, team, its part's state and deadline",
    auth: ['partner'],
    response: z.object({ items: z.array(MyJob) }),
  },
  async ({ caller }) => reply.ok({ items: await jobsOfPartner(caller) }),
);
