import { http, reply } from '#shared/http/handler';
import { InquiryPath } from './schema';
import { addTimelineEntry } from './store';
import { NoteAnswer, NoteBody } from './write-schema';

export const handler = http(
  {
    summary: "Add an internal note to the inquiry's timeline (never sent to the customer)",
    auth: ['coordinator'],
    params: InquiryPath,
    body: NoteBody,
    response: NoteAnswer,
    status: 201,
  },
  async ({ caller, params, body }) => {
    await addTimelineEntry(caller.networkId, params.inquiryId, {
      kind: 'note',
      text: body.text,
      by: caller.sub,
    });
    return reply.created({ inquiryId: params.inquiryId, kind: 'note', text: body.text });
  },
);
