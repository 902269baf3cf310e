/**
 * Competence suggestion benchmark: `npx tsx bench/competences.ts`. Runs the labelled inquiry
 * texts of test/fixtures/competences/inquiries.json (German and English, written for it) against
 * the demo taxonomy, with the suggestion as it was (bench/competences-baseline.ts) and as it is
 * (functions/inquiries/competences.ts), and prints micro-averaged precision and recall of each
 * (targets: precision ≥ 0.85, recall ≥ 0.8), then the cases the current one still gets wrong.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suggestCompetences } from '#functions/inquiries/competences';
import { DEMO_COMPETENCES } from '#infra/local/demo-data';
import { suggestCompetences as baseline } from './competences-baseline';

interface Case {
  text: string;
  expected: string[];
}

const { cases } = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'test', 'fixtures', 'competences', 'inquiries.json'), 'utf8'),
) as { cases: Case[] };
const taxonomy = DEMO_COMPETENCES.map((c) => ({ ...c, synonyms: [...c.synonyms] }));

type Suggest = typeof suggestCompetences;

export function score(suggest: Suggest) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const wrong: { text: string; missed: string[]; extra: string[] }[] = [];
  for (const c of cases) {
    const got = suggest(c.text, taxonomy).map((s) => s.competenceId);
    const missed = c.expected.filter((e) => !got.includes(e));
    const extra = got.filter((g) => !c.expected.includes(g));
    tp += got.length - extra.length;
    fp += extra.length;
    fn += missed.length;
    if (missed.length + extra.length > 0) wrong.push({ text: c.text, missed, extra });
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  return { precision, recall, wrong };
}

const before = score(baseline);
const after = score(suggestCompetences);
const f = (n: number) => n.toFixed(2);
console.log(`competence suggestions over ${cases.length} labelled inquiries (demo taxonomy)`);
console.log('              precision  recall');
console.log(`before          ${f(before.precision)}     ${f(before.recall)}`);
console.log(`after           ${f(after.precision)}     ${f(after.recall)}     (targets ≥ 0.85, ≥ 0.80)`);
for (const w of after.wrong) {
  console.log(`  still wrong: missed [${w.missed.join(', ')}] extra [${w.extra.join(', ')}]: ${w.text}`);
}
console.log(
  JSON.stringify({
    bench: 'competences',
    cases: cases.length,
    before: { precision: before.precision, recall: before.recall },
    after: { precision: after.precision, recall: after.recall },
  }),
);
