/** What other capabilities use of the exchange besides its store.ts: answers by e-mail. */
export { answerFromMail, type MailAnswerPlan, planMailAnswer, questionInSubject } from './mail-answers';
