/**
 * Know-how exchange search at network scale, against DynamoDB Local:
 * `npx tsx bench/exchange.ts [--posts 2000] [--runs 15]`.
 * Seeds one network with N questions and practice notes (German text from a fixed vocabulary,
 * tags, helpful counts) through the exchange store, then runs typical searches through the real
 * search handler (route table, middy chain, Queries on the word index, BatchGet of the page):
 * all newest and most helpful, by kind, by competence, by a common and a rare word, by a word
 * start, by two words, word + competence. Target: every search's p95 < 100 ms at 2,000 posts.
 * Prints a table and JSON (also written to bench/out/).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from '#test/global-setup';

const { values } = parseArgs({
  options: { posts: { type: 'string', default: '2000' }, runs: { type: 'string', default: '15' } },
});
const POSTS = Number(values.posts);
const RUNS = Number(values.runs);
const TARGET_MS = 100;
const WARMUP = 5;

const { startDynamoDbLocal, ensureTable, localDynamoClient } = await import('#infra/local/dynamodb');
const port = await freePort();
const dynamo = await startDynamoDbLocal({ port });
const work = mkdtempSync(join(tmpdir(), 'verbund-bench-'));
process.env.TABLE_NAME = 'bench';
process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
process.env.AWS_REGION = 'eu-central-1';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.MAIL_TRANSPORT = 'file';
process.env.OUTBOX_DIR = join(work, 'outbox');

/** A deterministic pseudo-random sequence, so every run searches the same network. */
let seed = 42;
const rnd = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;

const VOCAB = (
  'Angebot Angebote Kalkulation Stundensatz Aufschlag Material Lieferant Lieferanten Baustelle Baustellen ' +
  'Checkliste Termin Termine Kunde Kunden Rechnung Rechnungen Mahnung Skonto Rabatt Einkauf Holz Platten ' +
  'Fliesen Fugen Silikon Dusche Bad Küche Einbauküche Arbeitsplatte Fenster Türen Parkett Laminat Estrich ' +
  'Dämmung Wärmepumpe Heizung Fußbodenheizung Elektro Leitungen Steckdosen Photovoltaik Speicher Dach ' +
  'Ziegel Spengler Gerüst Kran Transport Lager Werkzeug Maschine Wartung Versicherung Haftung Gewährleistung ' +
  'Mängel Abnahme Protokoll Aufmaß Planung Skizze Vorlage Formular Software Kalender Urlaub Lehrling ' +
  'Ausbildung Mitarbeiter Arbeitszeit Überstunden Förderung Zuschuss Energieberatung Sanierung Altbau ' +
  'Neubau Renovierung Brandschutz Schallschutz Feuchtigkeit Schimmel Lüftung Beleuchtung Montage Entsorgung'
).split(' ');
const FILL =
  'wir haben bei unseren im letzten Jahr oft gute schlechte Erfahrung gemacht mit dem der die'.split(' ');
const COMPETENCES = ['carpentry', 'electrical', 'tiles', 'heating', 'roofing', 'painting'];

const sentence = (n: number) =>
  Array.from({ length: n }, () => (rnd() < 0.6 ? pick(VOCAB) : pick(FILL))).join(' ');

interface Row {
  search: string;
  hits: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  ok: boolean;
}

try {
  const admin = localDynamoClient(port);
  await ensureTable(admin, 'bench');
  admin.destroy();
  const { givenNetwork } = await import('#test/support/networks');
  const { call, claims } = await import('#test/support/api');
  const { createCompetence } = await import('#functions/networks/store');
  const { indexTerms } = await import('#functions/exchange/post');
  const { newPost } = await import('#functions/exchange/drafts');
  const { createPost } = await import('#functions/exchange/store');
  const { newId } = await import('#shared/ids');
  const { handler: search } = await import('#functions/exchange/search-posts.handler');
  const net = 'bench-x';
  await givenNetwork(net);
  for (const id of COMPETENCES.slice(2)) {
    await createCompetence(net, { id, label_de: id, label_en: id, synonyms: [] });
  }

  // seed: N posts, a few at a time (the store writes the post, then its index items in batches)
  const seedStart = performance.now();
  const start = Date.now() - POSTS * 60_000;
  let indexItems = 0;
  for (let i = 0; i < POSTS; i += 16) {
    await Promise.all(
      Array.from({ length: Math.min(16, POSTS - i) }, async (_, j) => {
        const n = i + j;
        const kind = n % 4 === 0 ? 'practice' : 'question';
        const tags = [pick(COMPETENCES), ...(rnd() < 0.3 ? [pick(COMPETENCES)] : [])];
        const post = newPost(
          kind,
          newId(),
          `${net}-p${(n % 2) + 1}`,
          { title: sentence(7), body: `${sentence(25)}. ${sentence(15)}?`, competences: [...new Set(tags)] },
          new Date(start + n * 60_000).toISOString(),
        );
        post.helpful = Math.floor(rnd() * rnd() * 12);
        indexItems += indexTerms(post).length;
        await createPost(net, post);
      }),
    );
  }
  const seedSeconds = (performance.now() - seedStart) / 1000;
  console.log(`seeded ${POSTS} posts, ${indexItems} index items in ${seedSeconds.toFixed(1)} s`);

  const searches: [string, string][] = [
    ['all, newest', ''],
    ['all, most helpful', 'sort=helpful'],
    ['practices, newest', 'kind=practice'],
    ['competence, newest', 'competence=heating'],
    ['competence, most helpful', 'competence=heating&sort=helpful'],
    ['common word', 'q=Angebote'],
    ['rare word (inflected)', 'q=Renovierungen'],
    ['word start', 'q=Wärme'],
    ['two words', 'q=Fliesen%20Silikon'],
    ['word + competence, helpful', 'q=Lieferanten&competence=carpentry&sort=helpful'],
    ['all, page 3', 'limit=20&page=3'],
  ];
  const rows: Row[] = [];
  const as = claims.partner(net, `${net}-p1`);
  // how busy the machine is: one bare GetItem, timed after each search
  const { getPost } = await import('#functions/exchange/store');
  const base: number[] = [];
  const getItemMs = async () => {
    const t0 = performance.now();
    await getPost(net, 'nothing');
    return performance.now() - t0;
  };
  for (const [name, query] of searches) {
    const times: number[] = [];
    let hits = 0;
    for (let r = 0; r < RUNS + WARMUP; r++) {
      let path = `/exchange/posts?${query.replace('&page=3', '')}`;
      if (query.includes('page=3')) {
        // follow the cursor to the third page, timing only that request
        for (let p = 0; p < 2; p++) {
          const res = await call(search, { method: 'GET', path, claims: as });
          path = `/exchange/posts?limit=20&cursor=${res.body.cursor}`;
        }
      }
      const t0 = performance.now();
      const res = await call(search, { method: 'GET', path, claims: as });
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`${name}: ${res.status} ${res.text}`);
      hits = res.body.items.length;
      if (r >= WARMUP) times.push(ms);
      if (r >= WARMUP) base.push(await getItemMs());
    }
    times.sort((a, b) => a - b);
    const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
    rows.push({
      search: name,
      hits,
      p50Ms: Math.round(q(0.5)),
      p95Ms: Math.round(q(0.95)),
      maxMs: Math.round(times.at(-1)!),
      ok: q(0.95) < TARGET_MS,
    });
  }

  console.log(
    `\nExchange search over ${POSTS} posts (DynamoDB Local, in-process handler, ${RUNS} runs each)\n`,
  );
  console.log('search                              page  p50 ms  p95 ms  max ms  < 100 ms');
  for (const r of rows) {
    console.log(
      `${r.search.padEnd(34)} ${String(r.hits).padStart(5)} ${String(r.p50Ms).padStart(7)} ${String(r.p95Ms).padStart(7)} ${String(r.maxMs).padStart(7)}  ${r.ok ? 'yes' : 'NO'}`,
    );
  }
  base.sort((a, b) => a - b);
  const baseP50 = Number(base[Math.floor(base.length / 2)]!.toFixed(1));
  console.log(`\nbaseline on this machine now: a bare GetItem p50 ${baseP50} ms`);
  const result = {
    getItemP50Ms: baseP50,
    benchmark: 'exchange-search',
    node: process.version,
    posts: POSTS,
    indexItems,
    seedSeconds: Number(seedSeconds.toFixed(1)),
    rows,
  };
  mkdirSync('bench/out', { recursive: true });
  writeFileSync('bench/out/exchange.json', `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\n${JSON.stringify({ posts: POSTS, allUnder100ms: rows.every((r) => r.ok) })}`);
  if (!rows.every((r) => r.ok)) process.exitCode = 1;
} finally {
  await dynamo.stop();
}
