/**
 * Which of the network inboxes a message was delivered to, by the envelope recipients (SES
 * `receipt.recipients`, the SMTP `RCPT TO`), never by the To: header: Bcc and forwarded mail
 * carry other addresses there. `demo+anything@domain` reaches `demo`.
 */
export function inboxLocalParts(
  recipients: readonly string[],
  domain: string,
): { localParts: string[]; foreign: string[] } {
  const localParts: string[] = [];
  const foreign: string[] = [];
  for (const raw of recipients) {
    const address = raw.trim().replace(/^<|>$/g, '').toLowerCase();
    const at = address.lastIndexOf('@');
    const local = at > 0 ? address.slice(0, at).split('+')[0]! : '';
    const ok = at > 0 && address.slice(at + 1) === domain.toLowerCase() && /^[a-z0-9._-]{1,64}$/.test(local);
    if (!ok) foreign.push(address);
    else if (!localParts.includes(local)) localParts.push(local);
  }
  return { localParts, foreign };
}
