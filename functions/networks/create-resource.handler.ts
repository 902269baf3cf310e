import { http, reply } from '#shared/http/handler';
import { newId } from '#shared/ids';
import { assertPartnerMayWrite } from './access';
import { PartnerPath, type Resource, ResourceView } from './schema';
import { createResource } from './store';
import { CreateResourceBody } from './write-schema';

export const handler = http(
  {
    summary: 'Add a resource (people, room, machine) with weekly capacity to a partner',
    auth: ['coordinator', 'partner'],
    params: PartnerPath,
    body: CreateResourceBody,
    response: ResourceView,
    status: 201,
    problems: [409],
  },
  async ({ caller, params, body }) => {
    await assertPartnerMayWrite(caller, params.partnerId);
    const resource: Resource = {
      ...body,
      id: body.id ?? newId(),
      partnerId: params.partnerId,
      exceptions: body.exceptions ?? [],
      version: 1,
    };
    await createResource(caller.networkId, resource);
    const { partnerId: _, ...view } = resource;
    return reply.created(view, `/partners/${params.partnerId}/resources/${resource.id}`);
  },
);
