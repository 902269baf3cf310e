import { NotFoundError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { mailStorage } from '#shared/mail/storage';
import { assertCanSee } from './post';
import { ATTACHMENT_TYPES, AttachmentPath } from './schema';
import { attachmentKey, getPost } from './store';

export const handler = http(
  {
    summary: "Download a practice note's file",
    auth: ['coordinator', 'partner'],
    params: AttachmentPath,
    produces: ATTACHMENT_TYPES,
  },
  async ({ caller, params }) => {
    const post = await getPost(caller.networkId, params.postId);
    assertCanSee(post, caller);
    const attachment = post.deleted ? undefined : post.attachments.find((a) => a.id === params.attachmentId);
    if (!attachment) throw new NotFoundError('attachment');
    const file = await mailStorage().getAttachment(attachmentKey(caller.networkId, post.id, attachment.id));
    if (!file) throw new NotFoundError('attachment');
    return reply.file(file, attachment.contentType, attachment.filename);
  },
);
