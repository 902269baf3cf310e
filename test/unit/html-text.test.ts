import { describe, expect, it } from 'vitest';
import { htmlToText, isPlaceholderText, readableText } from '#functions/email-intake/html-text';

describe('HTML mail to plain text', () => {
  it('keeps the words, breaks lines at blocks and drops markup', async () => {
    const html =
      '<html><body><p class="MsoNormal">Sehr geehrte<br>Frau Huber,</p>\n<div>Zeile   zwei</div><ul><li>eins</li><li>zwei</li></ul></body></html>';
    expect(await htmlToText(html)).toBe('Sehr geehrte\nFrau Huber,\n\nZeile zwei\n• eins\n• zwei');
  });

  it('drops scripts, styles, head, images and link targets with their content', async () => {
    const html =
      '<head><title>T</title><style>p{color:red}</style></head><!-- x --><script>alert(1)</script><p>Hallo <a href="https://x.example/track">hier</a><img src="cid:logo" alt="Logo"></p>';
    expect(await htmlToText(html)).toBe('Hallo hier');
  });

  it('decodes every entity, also those a hand table missed (m², °C, §, ½)', async () => {
    expect(
      await htmlToText(
        '<p>60 m&sup2; bei 21 &deg;C, &sect; 5, &frac12; Tag, Gr&uuml;&szlig;e &amp; &lt;script&gt; &#8364;</p>',
      ),
    ).toBe('60 m² bei 21 °C, § 5, ½ Tag, Grüße & <script> €');
  });

  it('survives markup cut off in the middle', async () => {
    expect(await htmlToText('<p>Text</p><script>never closed')).toBe('Text');
    expect(await htmlToText('<p>Ende <b')).toMatch(/^Ende/);
  });
});

describe('which part a person reads', () => {
  it('knows the placeholders Outlook, Apple Mail and newsletters put into the text part', async () => {
    for (const p of [
      'Bitte HTML-Ansicht verwenden',
      'Diese Nachricht ist im HTML-Format.',
      'This is an HTML message. Please use an HTML capable mail program to read this message.',
      'View this email in your browser',
      'Ihr E-Mail-Programm kann keine HTML-Nachrichten anzeigen.',
    ]) {
      expect(isPlaceholderText(p), p).toBe(true);
    }
    expect(isPlaceholderText('Wir brauchen ein neues Dach, 120 m², bitte um Angebot.')).toBe(false);
    expect(isPlaceholderText(`Bitte HTML-Ansicht verwenden. ${'Langer echter Text. '.repeat(30)}`)).toBe(
      false,
    );
  });

  it('takes the HTML part when the text part is missing, empty or a placeholder, else the text part', async () => {
    const html = '<p>Dämmung für 80 m&sup2; Dach</p>';
    expect(await readableText(undefined, html)).toBe('Dämmung für 80 m² Dach');
    expect(await readableText('  \n', html)).toBe('Dämmung für 80 m² Dach');
    expect(await readableText('Bitte HTML-Ansicht verwenden', html)).toBe('Dämmung für 80 m² Dach');
    expect(await readableText('Dämmung, Text-Teil', html)).toBe('Dämmung, Text-Teil');
    expect(await readableText('Nur Text', undefined)).toBe('Nur Text');
  });
});
