import { describe, expect, it } from 'vitest';
import { classify } from '#functions/email-intake/classify';

const h = (pairs: Record<string, string>) => Object.entries(pairs).map(([key, value]) => ({ key, value }));

describe('classify: who wrote this mail, a person or a robot we must not answer', () => {
  it('takes an ordinary message for a person', () => {
    expect(classify(h({ from: 'a@b.example', subject: 'Hallo' }), { from: 'a@b.example' }).kind).toBe(
      'personal',
    );
  });

  it('recognises bounces by null sender, MAILER-DAEMON and delivery-status reports', () => {
    expect(classify([], { envelopeFrom: '' }).kind).toBe('bounce');
    expect(classify([], { envelopeFrom: '<>' }).kind).toBe('bounce');
    expect(classify([], { from: 'MAILER-DAEMON@mx.example.net' }).kind).toBe('bounce');
    expect(classify([], { from: 'postmaster@mx.example.net' }).kind).toBe('bounce');
    const report = h({ 'content-type': 'multipart/report; report-type=delivery-status; boundary="x"' });
    expect(classify(report, { from: 'mail@mx.example' }).kind).toBe('bounce');
  });

  it('recognises auto-replies (RFC 3834 Auto-Submitted and common vendor markers)', () => {
    expect(classify(h({ 'auto-submitted': 'auto-replied' }), {}).kind).toBe('auto-reply');
    expect(classify(h({ 'auto-submitted': 'auto-generated' }), {}).kind).toBe('auto-reply');
    expect(classify(h({ 'x-autoreply': 'yes' }), {}).kind).toBe('auto-reply');
    expect(classify(h({ precedence: 'auto_reply' }), {}).kind).toBe('auto-reply');
  });

  it('does not take Auto-Submitted: no for a robot', () => {
    expect(classify(h({ 'auto-submitted': 'no' }), {}).kind).toBe('personal');
  });

  it('recognises lists and bulk mail', () => {
    expect(classify(h({ precedence: 'bulk' }), {}).kind).toBe('list');
    expect(classify(h({ precedence: 'junk' }), {}).kind).toBe('list');
    expect(classify(h({ precedence: 'list' }), {}).kind).toBe('list');
    expect(classify(h({ 'list-id': '<x.lists.example>' }), {}).kind).toBe('list');
  });
});

describe('out-of-office replies by their subject alone (German and English mail programs)', () => {
  it('knows them, also behind Re:/AW:, and leaves ordinary subjects alone', () => {
    const auto = (subject: string) => classify([], { from: 'a@b.example' }, subject).kind;
    for (const s of [
      'Abwesenheitsnotiz: Anfrage',
      'Automatische Antwort: Ihre Nachricht',
      'AW: Out of Office: Quote',
      'Automatic reply: Angebot',
      'Autoreply: Termin',
      'Ich bin nicht im Büro',
    ]) {
      expect(auto(s), s).toBe('auto-reply');
    }
    for (const s of ['Anfrage Abwesenheit der Handwerker?', 'Re: Angebot Dachausbau', 'Büro umbauen']) {
      expect(auto(s), s).toBe('personal');
    }
  });
});
