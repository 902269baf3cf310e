import { describe, expect, it } from 'vitest';
import { conversation, stageOf } from '#functions/inquiries/status-link';
import { formPagePath } from '#infra/console';
import { formFields, isFormPost } from '#shared/http/form';

describe('a browser form post', () => {
  it('nests dotted names, leaves empty fields out and turns ticked checkboxes into true', () => {
    const fields = formFields(
      'customer.name=J%C3%B6rg+M%C3%BCller&customer.email=j%40k.example&customer.phone=&text=Bad+neu&consent=yes',
      ['consent'],
    );
    expect(fields).toEqual({
      customer: { name: 'Jörg Müller', email: 'j@k.example' },
      text: 'Bad neu',
      consent: true,
    });
  });

  it('keeps an unknown field, so the strict schema can refuse it by name', () => {
    expect(formFields('text=x&admin=1')).toEqual({ text: 'x', admin: '1' });
  });

  it('is recognised by its content type only', () => {
    const event = (type: string) => ({ headers: { 'content-type': type } }) as never;
    expect(isFormPost(event('application/x-www-form-urlencoded; charset=UTF-8'))).toBe(true);
    expect(isFormPost(event('application/json'))).toBe(false);
  });
});

describe("the customer's status page", () => {
  it('shows four plain stages and never tells spam apart from received', () => {
    expect(stageOf('new')).toBe('received');
    expect(stageOf('spam')).toBe('received');
    expect(stageOf('matching')).toBe('in_progress');
    expect(stageOf('accepted')).toBe('team_assigned');
    expect(stageOf('declined')).toBe('closed');
  });

  it('keeps the conversation and drops notes, status and matching entries', () => {
    const at = '2026-12-01T10:00:00.000Z';
    const entries = ['note', 'message-in', 'status', 'message-out', 'proposals', 'acknowledgement'].map(
      (kind, i) => ({
        id: String(i),
        at,
        kind,
        text: kind,
      }),
    );
    expect(conversation({ at, text: 'Bad neu' }, entries).map((m) => `${m.from}:${m.text}`)).toEqual([
      'customer:Bad neu',
      'customer:message-in',
      'network:message-out',
      'network:acknowledgement',
    ]);
  });
});

describe('the hosted form path', () => {
  it('maps /{slug}/anfrage to the public form route and nothing else', () => {
    expect(formPagePath('/demo/anfrage')).toBe('/public/demo/form');
    expect(formPagePath('/demo/anfrage/')).toBe('/public/demo/form');
    expect(formPagePath('/demo/status/x')).toBeUndefined();
    expect(formPagePath('/a/b/anfrage')).toBeUndefined();
  });
});
