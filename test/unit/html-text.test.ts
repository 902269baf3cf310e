import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from '#functions/email-intake/html-text';

describe('HTML mail to plain text', () => {
  it('keeps the words, breaks lines at blocks and drops markup', () => {
    const html =
      '<html><body><p class="MsoNormal">Sehr geehrte<br>Frau Huber,</p>\n<div>Zeile   zwei</div><ul><li>eins</li><li>zwei</li></ul></body></html>';
    expect(htmlToText(html)).toBe('Sehr geehrte\nFrau Huber,\n\nZeile zwei\n\n• eins\n• zwei');
  });

  it('drops scripts, styles, head and comments with their content', () => {
    const html =
      '<head><title>T</title><style>p{color:red}</style></head><!-- x --><script>alert(1)</script><p>Hallo</p>';
    expect(htmlToText(html)).toBe('Hallo');
  });

  it('decodes entities to text, so escaped markup stays inert text', () => {
    expect(htmlToText('<p>Gr&uuml;&szlig;e &amp; &lt;script&gt; &#8364; &#x263A;</p>')).toBe(
      'Grüße & <script> € ☺',
    );
    expect(decodeEntities('&unknown; &#0; &#xD800;')).toBe('&unknown; \ufffd \ufffd');
  });

  it('survives markup cut off in the middle', () => {
    expect(htmlToText('<p>Text</p><script>never closed')).toBe('Text');
    expect(htmlToText('<p>Ende <b')).toBe('Ende');
  });
});
