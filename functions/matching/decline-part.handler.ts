import { assertPartnerMayWrite } from '#functions/networks/index';
import { http, reply } from '#shared/http/handler';
import { answerOwnPart } from './parts';
import { InquiryPath, PartAnswer } from './schema';

export const handler = http(
  {
    summary: "Decline the calling partner's part of the inquiry's accepted job",
    description:
      "Releases exactly the part's tentative hours and tells the coordinator, in one transaction. The same answer again answers the same; another answer, or one after the deadline or a cancel, is 409; a partner not on the job gets 404.",
    auth: ['partner'],
    params: InquiryPath,
    response: PartAnswer,
    problems: [409],
  },
  async ({ caller, params }) => {
    // a deactivated partner may still read its jobs, but no longer answer for its firm
    await assertPartnerMayWrite(caller);
    return reply.ok(
      await answerOwnPart(
        caller.networkId,
        caller.partnerId,
        params.inquiryId,
        'decline',
        'console',
        caller.sub,
      ),
    );
  },
);
