const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** HTML-escapes text for mail bodies (names, articles and notes come from users). */
export const esc = (text: string | number) => String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
