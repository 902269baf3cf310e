import { assertPartnerMayWrite } from '#functions/networks/index';
import { ConflictError } from '#shared/http/errors';
import { http, reply } from '#shared/http/handler';
import { newId } from '#shared/ids';
import { mailStorage } from '#shared/mail/storage';
import { nowIso } from '#shared/time';
import { loadOwnPost } from './edits';
import { AttachBody, Attachment, MAX_ATTACHMENTS, PostPath } from './schema';
import { addAttachment, attachmentKey } from './store';

export const handler = http(
  {
    summary: 'Attach a file (checklist, template, form) to your own practice note',
    description: `JSON with the file base64-encoded: at most 2 MB per file, ${MAX_ATTACHMENTS} files per note; PDF, text, CSV, PNG, JPEG, ZIP and office documents. Stored like mail attachments (S3 in AWS, DATA_DIR locally).`,
    auth: ['partner'],
    params: PostPath,
    body: AttachBody,
    response: Attachment,
    status: 201,
    problems: [409],
  },
  async ({ caller, params, body }) => {
    await assertPartnerMayWrite(caller);
    const post = await loadOwnPost(caller, params.postId);
    if (post.kind !== 'practice') throw new ConflictError('only practice notes carry files');
    if (post.attachments.length >= MAX_ATTACHMENTS) {
      throw new ConflictError(`a practice note carries at most ${MAX_ATTACHMENTS} files`);
    }
    const content = Buffer.from(body.contentBase64, 'base64');
    const attachment = {
      id: newId(),
      filename: body.filename,
      contentType: body.contentType,
      size: content.byteLength,
      uploadedAt: nowIso(),
    };
    // the file first: a listed attachment always has its file (a refused listing leaves an orphan)
    await mailStorage().putAttachment(
      attachmentKey(caller.networkId, post.id, attachment.id),
      content,
      body.contentType,
    );
    await addAttachment(caller.networkId, post.id, caller.partnerId, attachment);
    return reply.created(attachment, `/exchange/posts/${post.id}/attachments/${attachment.id}`);
  },
);
