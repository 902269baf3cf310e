import { describe, expect, it } from 'vitest';
import { acknowledgement, customerReply, networkSender } from '#functions/inquiries/inquiries-mail';
import { formatThreadToken } from '#functions/inquiries/reference';
import type { Inquiry } from '#functions/inquiries/schema';
import type { Network } from '#functions/networks/schema';

const network = {
  id: 'demo',
  name: 'Holzbau & Haustechnik Netzwerk',
  slug: 'demo',
  contact: { name: 'Maria Huber', email: 'office@hhn.example', phone: '+43 1 234 5678' },
  inboundLocalPart: 'demo',
  timezone: 'Europe/Vienna',
  referencePrefix: 'HHN',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
} satisfies Network;

const inquiry: Inquiry = {
  id: 'i1',
  reference: 'HHN-2026-0042',
  status: 'new',
  source: 'email',
  customer: { name: 'Karin Berger', email: 'k.berger@gmx.example' },
  subject: 'Dachgeschossausbau',
  text: '…',
  competences: [],
  mailThread: ['<c1@gmx.example>', '<ack@inbound.verbund.test>', '<c2@gmx.example>'],
  createdAt: '2026-05-04T06:12:44.000Z',
  updatedAt: '2026-05-04T06:12:44.000Z',
};

const from = networkSender(network, 'inbound.verbund.test');

describe('mail to the customer', () => {
  it("comes from the network's inbox in the contact person's name", () => {
    expect(from).toEqual({
      name: 'Maria Huber | Holzbau & Haustechnik Netzwerk',
      address: 'demo@inbound.verbund.test',
    });
  });

  it('acknowledges with the reference in the subject and marks itself as automatic', () => {
    const ack = acknowledgement(network, inquiry, from, '<c1@gmx.example>');
    expect(ack.subject).toBe(`${formatThreadToken(inquiry)} Ihre Anfrage / Your inquiry: Dachgeschossausbau`);
    expect(ack.headers?.['Auto-Submitted']).toBe('auto-replied');
    expect(ack.inReplyTo).toBe('<c1@gmx.example>');
    expect(ack.text).toContain('HHN-2026-0042');
  });

  it('threads a reply onto the latest message with the whole chain in References', () => {
    const reply = customerReply(network, inquiry, from, { text: 'Wir kommen am Montag.' });
    expect(reply.subject).toBe(`${formatThreadToken(inquiry)} Re: Dachgeschossausbau`);
    expect(reply.inReplyTo).toBe('<c2@gmx.example>');
    expect(reply.references).toEqual(inquiry.mailThread);
    expect(reply.to).toEqual([{ name: 'Karin Berger', address: 'k.berger@gmx.example' }]);
  });

  it('keeps References bounded on long conversations: the first and the latest', () => {
    const long = { ...inquiry, mailThread: Array.from({ length: 30 }, (_, i) => `<m${i}@x.example>`) };
    const refs = customerReply(network, long, from, { text: 'x' }).references!;
    expect(refs).toHaveLength(20);
    expect(refs[0]).toBe('<m0@x.example>');
    expect(refs.at(-1)).toBe('<m29@x.example>');
  });
});
