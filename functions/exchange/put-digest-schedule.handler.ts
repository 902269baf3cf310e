import { getNetwork } from '#functions/networks/store';
import { http, reply } from '#shared/http/handler';
import { scheduler } from '#shared/scheduler/index';
import { digestScheduleName, digestScheduleSpec } from './digest';
import { DigestSchedule, DigestScheduleBody } from './schema';
import { putDigestSchedule } from './store';

export const handler = http(
  {
    summary: "Turn the network's weekly exchange digest on or off, and say when it goes out",
    description:
      "Weekday and time are read in the network's time zone (EventBridge Scheduler; croner locally).",
    auth: ['coordinator'],
    problems: [503],
    body: DigestScheduleBody,
    response: DigestSchedule,
  },
  async ({ caller, body }) => {
    const network = await getNetwork(caller.networkId);
    const settings = { ...body, timezone: network!.timezone };
    if (body.enabled) await scheduler().upsert(digestScheduleSpec(caller.networkId, settings));
    else await scheduler().remove(digestScheduleName(caller.networkId));
    await putDigestSchedule(caller.networkId, settings);
    return reply.ok(settings);
  },
);
