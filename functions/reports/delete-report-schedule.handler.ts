import { http, reply } from '#shared/http/handler';
import { removeSchedule } from './service';

export const handler = http(
  {
    summary: "Stop mailing reports: deletes the schedule settings and the network's EventBridge schedule",
    auth: ['coordinator'],
    status: 204,
    problems: [404, 503],
  },
  async ({ caller }) => {
    await removeSchedule(caller);
    return reply.noContent();
  },
);
