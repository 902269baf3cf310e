import { describe, expect, it } from 'vitest';
import { stripQuotedReply } from '#functions/email-intake/reply-text';

describe('the new text of a reply', () => {
  it.each([
    ['Thunderbird, German', 'Passt so.\n\nAm 01.12.2026 um 09:14 schrieb Netzwerk <a@b.example>:\n> Frage'],
    ['Gmail, English', 'Passt so.\n\nOn Tue, 1 Dec 2026 at 09:14, Netzwerk <a@b.example> wrote:\n> question'],
    [
      'a wrapped attribution',
      'Passt so.\n\nAm Di., 1. Dez. 2026 um 09:14 Uhr schrieb\nNetzwerk <a@b.example>:\n> Frage',
    ],
    [
      'Outlook, German',
      'Passt so.\n\nVon: Netzwerk <a@b.example>\nGesendet: Dienstag, 1. Dezember 2026 09:14\nBetreff: Frage',
    ],
    ['Outlook, separator', 'Passt so.\n-----Original Message-----\nFrom: x'],
    ['a signature', 'Passt so.\n-- \nFirma X, Hauptstraße 1'],
    ['quoted lines only', '> Frage\n>\nPasst so.'],
  ])('%s: keeps only the new text', (_, text) => {
    expect(stripQuotedReply(text)).toBe('Passt so.');
  });

  it('keeps a text that quotes nothing, line breaks included', () => {
    expect(stripQuotedReply('Erstens: messen.\r\nZweitens: rechnen.\r\n')).toBe(
      'Erstens: messen.\nZweitens: rechnen.',
    );
  });

  it('leaves nothing of a reply that only quotes', () => {
    expect(stripQuotedReply('\nAm 01.12.2026 um 09:14 schrieb X:\n> Frage')).toBe('');
  });
});
