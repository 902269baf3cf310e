import { http, reply } from '#shared/http/handler';
import { ScheduleAnswer } from './schema';
import { scheduleView } from './service';

export const handler = http(
  {
    summary: 'When reports are mailed and to whom',
    description:
      'Recipients: the coordinator always, partners who opted in. A partner sees the schedule and whether it is subscribed.',
    auth: ['coordinator', 'partner'],
    response: ScheduleAnswer,
    problems: [404],
  },
  async ({ caller }) => reply.ok(await scheduleView(caller)),
);
