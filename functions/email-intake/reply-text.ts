/**
 * The new text of a reply, without what it quotes: mail clients put the message they answer
 * below an attribution line ("Am 1. März 2027 um 10:00 schrieb X:", "On … wrote:"), a
 * separator ("-----Ursprüngliche Nachricht-----", "-----Original Message-----", Outlook's
 * "Von: … Gesendet: …" block) or as `>` lines; a signature starts at "-- ". Everything from the
 * first such line on is dropped, and so are trailing blank lines. Bottom-posted replies (the
 * new text under the quote) keep the lines after a `>` block.
 */
const CUT = [
  /^-{2,}\s*(ursprüngliche nachricht|original message|weitergeleitete nachricht|forwarded message)\s*-{2,}\s*$/i,
  /^(am|on)\s.{4,200}\s(schrieb|wrote)\s*.{0,200}:\s*$/i,
  /^.{1,200}\s(schrieb|wrote):\s*$/i,
  /^-- $/,
  /^_{20,}\s*$/,
];
const OUTLOOK_HEADER = /^\*?(von|from):\*?\s/i;
const OUTLOOK_NEXT = /^\*?(gesendet|sent|datum|date|an|to|betreff|subject):\*?\s/i;

export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const bare = line.trim();
    if (CUT.some((re) => re.test(line) || re.test(bare))) break;
    // an attribution wrapped over two lines ("Am … um 10:00 schrieb" / "Anna <a@b>:")
    if (
      /^(am|on)\s.{4,200}$/i.test(bare) &&
      /(schrieb|wrote)\s*.{0,200}:\s*$/i.test(`${bare} ${lines[i + 1]?.trim() ?? ''}`)
    )
      break;
    if (OUTLOOK_HEADER.test(bare) && OUTLOOK_NEXT.test(lines[i + 1]?.trim() ?? '')) break;
    if (bare.startsWith('>')) continue;
    kept.push(line);
  }
  while (kept.length > 0 && kept.at(-1)!.trim() === '') kept.pop();
  while (kept.length > 0 && kept[0]!.trim() === '') kept.shift();
  return kept.join('\n');
}
