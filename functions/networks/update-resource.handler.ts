import { http, reply } from '#shared/http/handler';
import { assertPartnerMayWrite } from './access';
import { ResourcePath, ResourceView } from './schema';
import { updateResource } from './store';
import { UpdateResourceBody } from './write-schema';

export const handler = http(
  {
    summary: "Change a resource's kind, name, weekly hours or exceptions",
    description:
      'Send the `version` the change was made on (required when replacing the exceptions): a change by someone else in between answers 409 and writes nothing.',
    auth: ['coordinator', 'partner'],
    params: ResourcePath,
    body: UpdateResourceBody,
    response: ResourceView,
    problems: [409],
  },
  async ({ caller, params, body }) => {
    await assertPartnerMayWrite(caller, params.partnerId);
    const { partnerId: _, ...view } = await updateResource(
      caller.networkId,
      params.partnerId,
      params.resourceId,
      body,
    );
    return reply.ok(view);
  },
);
