import type { Lang } from '#shared/i18n';

/** The notices' words, German first. */
export const MESSAGES = {
  de: {
    hello: (name: string) => `Hallo ${name},`,
    kinds: {
      quarantined: 'Zurückgehaltene E-Mails',
      'capacity-conflict': 'Kapazitätskonflikte',
      'pool-failed': 'Nicht zustande gekommene Einkaufspools',
    } as Record<string, string>,
    summarySubject: (day: string, n: number) =>
      `Tageszusammenfassung ${day}: ${n} ${n === 1 ? 'Hinweis' : 'Hinweise'}`,
    summaryTitle: (day: string) => `Was heute Ihre Aufmerksamkeit braucht (${day})`,
    summaryIntro: (n: number) =>
      n === 1
        ? 'seit der letzten Zusammenfassung gab es einen Hinweis:'
        : `seit der letzten Zusammenfassung gab es ${n} Hinweise:`,
    why: 'Sie erhalten diese Hinweise als Kontaktperson oder weil Sie sie abonniert haben; sofort oder täglich stellen Sie unter PUT /notifications/preference ein.',
  },
  en: {
    hello: (name: string) => `Hello ${name},`,
    kinds: {
      quarantined: 'Mail held in quarantine',
      'capacity-conflict': 'Capacity conflicts',
      'pool-failed': 'Purchase pools that failed',
    } as Record<string, string>,
    summarySubject: (day: string, n: number) =>
      `Daily summary ${day}: ${n} ${n === 1 ? 'notice' : 'notices'}`,
    summaryTitle: (day: string) => `What needs your attention (${day})`,
    summaryIntro: (n: number) =>
      n === 1
        ? 'since the last summary there was one notice:'
        : `since the last summary there were ${n} notices:`,
    why: 'You get these notices as the contact person or because you subscribed; choose immediate or daily with PUT /notifications/preference.',
  },
} satisfies Record<Lang, unknown>;
