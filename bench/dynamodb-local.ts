/**
 * Why the test run gives each integration file a DynamoDB Local database of its own
 * (test/global-setup.ts, test/support/table.ts): one JVM, two layouts, one run.
 *
 * - shared: -sharedDb, one database; 60 "earlier files" each create a table and write 300 items,
 *   then a new table is created, filled and measured (what the 50th integration file met).
 * - own database: no -sharedDb, every file its own access key and so its own database.
 *
 * Prints ms per GetItem and PutItem (sequential, 300 each) on the first table and on the new one.
 * `npx tsx bench/dynamodb-local.ts`
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ensureTable, startDynamoDbLocal } from '#infra/local/dynamodb';
import { freePort } from '#test/global-setup';

const EARLIER_FILES = 60;

async function layout(sharedDb: boolean) {
  const dynamo = await startDynamoDbLocal({ port: await freePort(), sharedDb });
  const clients: DynamoDBClient[] = [];
  const client = (file: number) => {
    const raw = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'eu-central-1',
      // the access key picks the database when there is no -sharedDb
      credentials: { accessKeyId: sharedDb ? 'local' : `file${file}`, secretAccessKey: 'local' },
    });
    clients.push(raw);
    return { raw, doc: DynamoDBDocumentClient.from(raw) };
  };
  const fill = async (doc: DynamoDBDocumentClient, table: string, n: number) => {
    for (let i = 0; i < n; i += 25) {
      const items = Array.from({ length: 25 }, (_, j) => ({
        PutRequest: { Item: { pk: `N#${(i + j) % 10}`, sk: `I#${i + j}`, data: 'x'.repeat(200) } },
      }));
      await doc.send(new BatchWriteCommand({ RequestItems: { [table]: items } }));
    }
  };
  const measure = async (doc: DynamoDBDocumentClient, table: string) => {
    const t0 = performance.now();
    for (let i = 0; i < 300; i++)
      await doc.send(new GetCommand({ TableName: table, Key: { pk: `N#${i % 10}`, sk: `I#${i}` } }));
    const t1 = performance.now();
    for (let i = 0; i < 300; i++)
      await doc.send(new PutCommand({ TableName: table, Item: { pk: 'N#1', sk: `P#${i}`, data: 'y' } }));
    return { get: (t1 - t0) / 300, put: (performance.now() - t1) / 300 };
  };
  const first = client(0);
  await ensureTable(first.raw, 'file-0');
  await fill(first.doc, 'file-0', 1000);
  await measure(first.doc, 'file-0'); // warm-up of the JVM
  const before = await measure(first.doc, 'file-0');
  for (let f = 1; f <= EARLIER_FILES; f++) {
    const c = client(f);
    await ensureTable(c.raw, `file-${f}`);
    await fill(c.doc, `file-${f}`, 300);
  }
  const last = client(EARLIER_FILES + 1);
  await ensureTable(last.raw, 'file-new');
  await fill(last.doc, 'file-new', 1000);
  const after = await measure(last.doc, 'file-new');
  for (const c of clients) c.destroy();
  await dynamo.stop();
  return { before, after };
}

const fmt = (m: { get: number; put: number }) => `get ${m.get.toFixed(2)} ms, put ${m.put.toFixed(2)} ms`;
for (const sharedDb of [true, false]) {
  const { before, after } = await layout(sharedDb);
  const name = sharedDb ? 'shared database' : 'own database  ';
  console.log(`${name}: first file ${fmt(before)}; file after ${EARLIER_FILES} others ${fmt(after)}`);
}
