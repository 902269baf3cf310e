import { micromark } from 'micromark';

/**
 * Markdown → safe HTML. micromark (the CommonMark reference parser of the unified collective) is
 * safe by default: raw HTML in a post is escaped, never passed through, and link targets with a
 * dangerous protocol (`javascript:`, `data:`, `vbscript:`) are emptied. Images are the one thing
 * it renders that would load something on its own (a tracking pixel in a partner's mail or
 * browser), so every image becomes a plain link to it. Because micromark escapes all user text,
 * an `<img` in its output can only be its own image markup, which this rewrites by exact shape.
 */
const IMAGE = /<img src="([^"]*)" alt="([^"]*)"(?: title="[^"]*")? \/>/g;

export function renderMarkdown(markdown: string): string {
  return micromark(markdown).replace(IMAGE, (_, src: string, alt: string) =>
    src ? `<a href="${src}" rel="nofollow noopener">${alt || src}</a>` : alt,
  );
}
