/**
 * A small driver for profiling the matcher without the benchmark's DynamoDB part:
 * `npx tsx bench/matching-profile.ts [partners=10000] [weeks=52|4] [runs=15]`.
 * Runs the same timed match as bench/matching.ts (the bookings index built inside each match, new
 * layout) and prints the median wall time and the median CPU time of this thread per match, which
 * a loaded machine distorts less. Under `node --cpu-prof --import tsx` it gives a CPU profile;
 * under `valgrind --tool=callgrind` (with `--jitless`, runs=1) an instruction count that does not
 * depend on the load.
 */
import { performance } from 'node:perf_hooks';
import { threadCpuUsage } from 'node:process';
import { BookingIndex } from '#functions/matching/capacity';
import { match } from '#functions/matching/matcher';
import { generate, REQUIREMENTS, TIMEFRAMES, yearsOf } from './matching-network';

const [n = 10_000, w = 52, runs = 15] = process.argv.slice(2).map(Number);
const weeks = w === 4 ? TIMEFRAMES[4] : TIMEFRAMES[52];
const data = generate(n);
const years = yearsOf(data.bookings);
const once = () =>
  match({
    requirements: REQUIREMENTS,
    weeks,
    partners: data.partners,
    resources: data.resources,
    bookings: BookingIndex.fromYears(years),
    balances: data.balances,
    customer: { postcode: '1010' },
    count: 3,
  });

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const warm = runs > 1 ? 3 : 0;
for (let i = 0; i < warm; i++) once();
const wall: number[] = [];
const cpu: number[] = [];
let result = once();
for (let i = 0; i < runs; i++) {
  const c0 = threadCpuUsage();
  const t0 = performance.now();
  result = once();
  wall.push(performance.now() - t0);
  const c = threadCpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}
const best = result.proposals[0];
console.log(
  JSON.stringify({
    partners: n,
    weeks: weeks.length,
    runs,
    wallMs: Number(median(wall).toFixed(2)),
    cpuMs: Number(median(cpu).toFixed(2)),
    best: best ? `${best.partnerIds.join('+')} ${best.score}` : null,
    proposals: result.proposals.map((p) => p.partnerIds.join('+')),
  }),
);
