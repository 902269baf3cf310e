import { http, reply } from '#shared/http/handler';
import { ScheduleBody, ScheduleSettings } from './schema';
import { saveSchedule } from './service';

export const handler = http(
  {
    summary: 'Set when reports are mailed',
    description:
      "Weekly (weekday, time), monthly (dayOfMonth 1–28, time) or once (at), in the network's or the given timezone; creates or updates the network's EventBridge schedule (`enabled: false` deletes it).",
    auth: ['coordinator'],
    response: ScheduleSettings,
    problems: [404, 409, 503],
    body: ScheduleBody,
  },
  async ({ caller, body }) => reply.ok(await saveSchedule(caller, body)),
);
