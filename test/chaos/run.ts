/**
 * `npm run chaos [-- --forms N --creates N --mails N --kills N --concurrency N]`: the crash tier's
 * bigger run (test/chaos/harness.ts). Kills rotate through the three kill points. Prints the
 * figures (mails and requests sent, attempts, kills, lost, duplicated); exits 1 if anything was
 * lost or duplicated, or a process of the runtime was left running.
 */
import { parseArgs } from 'node:util';
import { KILL_POINTS, runChaos } from './harness';

const { values } = parseArgs({
  options: {
    forms: { type: 'string', default: '120' },
    creates: { type: 'string', default: '60' },
    mails: { type: 'string', default: '60' },
    kills: { type: 'string', default: '9' },
    concurrency: { type: 'string', default: '4' },
  },
});
const n = (v: string | undefined) => Number(v);
const kills = Array.from({ length: n(values.kills) }, (_, i) => KILL_POINTS[i % KILL_POINTS.length]!);
const started = Date.now();
const log = (line: string) =>
  console.log(`${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${line}`);
const figures = await runChaos({
  forms: n(values.forms),
  creates: n(values.creates),
  mails: n(values.mails),
  kills,
  concurrency: n(values.concurrency),
  retryMs: 120_000,
  log,
});
const { sent } = figures;
console.log(`
crash run: ${sent.forms} form posts, ${sent.creates} API creates, ${sent.mails} SMTP mails (${figures.attempts} attempts with retries) in ${figures.seconds} s
kills:     ${figures.kills.length} (${figures.kills.map((k) => `${k.point}${k.midBurst ? '' : ' (after its phase)'}: ${k.inFlight} in flight`).join('; ')})
JVMs:      ${figures.kills.filter((k) => k.jvmStoppedByNextStart).length} of ${figures.kills.filter((k) => k.orphanedJvm).length} orphaned DynamoDB Local JVMs stopped by the next start
lost:      ${figures.lost.length}${figures.lost.length ? `\n  ${figures.lost.join('\n  ')}` : ''}
duplicated: ${figures.duplicated.length}${figures.duplicated.length ? `\n  ${figures.duplicated.join('\n  ')}` : ''}
quarantined: ${figures.quarantined}; acknowledgements sent: ${figures.acknowledgements}
leftover processes: ${figures.leftovers.length}`);
process.exit(figures.lost.length + figures.duplicated.length + figures.leftovers.length > 0 ? 1 : 0);
