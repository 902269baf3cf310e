import type { Context } from 'aws-lambda';
import { logger } from '#shared/log';
import { intakeDeadLetters, type RedriveResult, redriveDeadLetters } from './dead-letters';
import { describeFailure } from './failure';
import { type Outcome, retryClaim } from './intake';
import { handler as intake } from './intake.handler';
import { staleClaims } from './store';

/** Claims finished per run; a longer backlog is worked off by the next runs. */
const BATCH = 25;
/** A claim is only started with this much of the invocation left (one large mail takes ~20 s). */
const RESERVE_MS = 30_000;

/**
 * Finishes what crashed intake invocations left: every claim that went stale (its invocation
 * timed out, ran out of memory or was killed, or gave up after a temporary failure) is processed
 * again from the kept raw source. Runs every few minutes (EventBridge Scheduler in AWS, croner
 * locally); each claim counts an attempt, so a message that never succeeds ends in quarantine.
 * Then it redrives intake events that died before they claimed anything (the dead-letter queue
 * in AWS, old pending events locally: ./dead-letters.ts), which no claim would ever bring back.
 */
export async function handler(_event?: unknown, context?: Context) {
  if (context) logger.addContext(context);
  const claims = await staleClaims(BATCH);
  const outcomes: Outcome[] = [];
  let failures = 0;
  for (const claim of claims) {
    // a claim started too late would be cut off by the timeout and count an attempt for nothing
    if (context && context.getRemainingTimeInMillis() < RESERVE_MS) break;
    try {
      outcomes.push(await retryClaim(claim.networkId, claim));
    } catch (err) {
      failures++;
      logger.warn('stale mail claim not finished yet', {
        networkId: claim.networkId,
        mailId: claim.mailId,
        error: describeFailure(err),
      });
    }
  }
  if (claims.length > 0) logger.info('stale mail claims swept', { outcomes, failures });
  let deadLetters: RedriveResult = { redriven: 0, failed: 0, skipped: 0 };
  if (!context || context.getRemainingTimeInMillis() >= RESERVE_MS) {
    deadLetters = await redriveDeadLetters(intakeDeadLetters(), (event) => intake(event, context));
    if (deadLetters.redriven + deadLetters.failed > 0)
      logger.info('dead-lettered intake events redriven', { deadLetters });
  }
  return { swept: claims.length, outcomes, failures, deadLetters };
}
