import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningRuntime, removeDataDir, startRuntime } from '#test/support/runtime';

const run = promisify(execFile);

/** The command-line tools the README gives a newcomer, against a running `npm start`. */
describe('npm run token and npm run send-mail against the local runtime', () => {
  let rt: RunningRuntime;
  const env = () => ({
    ...process.env,
    DATA_DIR: rt.dataDir,
    DYNAMODB_PORT: String(rt.dynamodbPort),
    SMTP_PORT: String(rt.smtpPort),
  });
  const tool = (script: string, args: string[]) =>
    run('node_modules/.bin/tsx', [script, ...args], { env: env() }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  beforeAll(async () => {
    rt = await startRuntime();
  });

  afterAll(async () => {
    if (rt) {
      await rt.stop();
      removeDataDir(rt);
    }
  });

  it('explains itself on --help instead of failing', async () => {
    const help = await tool('infra/local/token.ts', ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--network <id or slug>');
  });

  it("makes a working token from a network's slug, not only its id", async () => {
    // Prepare: a network whose id is not its slug
    const operator = await rt.token({ role: 'operator' });
    const created = await rt.api('POST', '/networks', {
      token: operator,
      body: {
        name: 'Dach & Wand',
        slug: 'dach-wand',
        contact: { name: 'Ida Lind', email: 'ida@dw.example' },
      },
    });
    const { id } = (await created.json()) as { id: string };
    expect(id).not.toBe('dach-wand');
    // Act
    const { stdout } = await tool('infra/local/token.ts', [
      '--network',
      'dach-wand',
      '--role',
      'coordinator',
    ]);
    const res = await rt.api('GET', '/network', { token: stdout.trim() });
    // Assess
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, slug: 'dach-wand' });
  });

  it('refuses, in one line, a network or partner that does not exist', async () => {
    const network = await tool('infra/local/token.ts', ['--network', 'nirgendwo']);
    expect(network.code).toBe(2);
    expect(network.stderr.trim().split('\n')).toHaveLength(1);
    expect(network.stderr).toContain('no network with id or slug "nirgendwo"');
    const partner = await tool('infra/local/token.ts', [
      '--network',
      'demo',
      '--role',
      'partner',
      '--partner',
      'x',
    ]);
    expect(partner.stderr).toContain('has no partner "x"');
  });

  it('delivers a mail with send-mail that becomes an inquiry', async () => {
    const sent = await tool('infra/local/send-mail.ts', [
      '--to',
      'demo@inbound.verbund.test',
      '--from',
      'anna@kundin.example',
      '--subject',
      'Dachstuhl und Photovoltaik',
      '--body',
      'Wir brauchen einen neuen Dachstuhl.',
    ]);
    expect(sent.code).toBe(0);
    expect(sent.stdout).toMatch(/: 250 /);
    const coordinator = await rt.token({ role: 'coordinator', networkId: 'demo' });
    const list = await rt.api('GET', '/inquiries', { token: coordinator });
    const items = ((await list.json()) as { items: { subject?: string; source: string }[] }).items;
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ subject: 'Dachstuhl und Photovoltaik', source: 'email' }),
      ]),
    );
  });

  it('delivers every .eml of a folder unchanged', async () => {
    const sent = await tool('infra/local/send-mail.ts', [
      '--to',
      'demo@inbound.verbund.test',
      'test/fixtures/mail',
    ]);
    expect(sent.code).toBe(0);
    const lines = sent.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(lines.every((l) => /: 250 /.test(l))).toBe(true);
  });
});
