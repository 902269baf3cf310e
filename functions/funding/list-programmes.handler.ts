import { http, reply } from '#shared/http/handler';
import { PRESET_IDS, PRESETS } from './programmes';
import { ProgrammeList } from './schema';

export const handler = http(
  {
    summary: 'The programme presets a funded project can start from, with each rule and its source',
    auth: ['coordinator'],
    response: ProgrammeList,
  },
  async () => reply.ok({ items: PRESET_IDS.map((id) => ({ id, rules: PRESETS[id] })) }),
);
