import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handler as listInquiries } from '#functions/inquiries/list-inquiries.handler';
import { handler as health } from '#functions/meta/health.handler';
import { startSmtpServer } from '#infra/local/smtp';
import { db } from '#shared/db/client';
import { call, claims } from '#test/support/api';
import { fixture, givenMailNetwork, inboxOf, useMailSandbox } from '#test/support/mail';

useMailSandbox();

/** DynamoDB does not answer: every call fails as a refused connection does. */
function databaseDown() {
  return vi.spyOn(db, 'send').mockImplementation((async () => {
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
  }) as never);
}

/** DynamoDB takes the connection but never answers (until the caller gives up). */
function databaseHangs() {
  return vi.spyOn(db, 'send').mockImplementation(
    ((_command: unknown, options?: { abortSignal?: AbortSignal }) =>
      new Promise((_, reject) => {
        const signal = options?.abortSignal;
        signal?.addEventListener('abort', () =>
          reject(Object.assign(new Error('aborted'), { name: 'AbortError' })),
        );
      })) as never,
  );
}

const inquiries = async (networkId: string) =>
  (await call(listInquiries, { method: 'GET', path: '/inquiries', claims: claims.coordinator(networkId) }))
    .body.items as { subject: string }[];

async function sendOverSmtp(port: number, to: string) {
  const smtp = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    return await smtp.sendMail({
      envelope: { from: 'k.berger@gmx.example', to: [to] },
      raw: fixture('01-plain-text.eml'),
    });
  } finally {
    smtp.close();
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('GET /health', () => {
  it('answers 200 while the table answers', async () => {
    // Act
    const res = await call(health, { method: 'GET', path: '/health' });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  it('answers 503 problem+json when DynamoDB refuses the connection or does not answer in time', async () => {
    // Prepare
    const down = databaseDown();
    // Act
    const refused = await call(health, { method: 'GET', path: '/health' });
    down.mockRestore();
    databaseHangs();
    const silent = await call(health, { method: 'GET', path: '/health' });
    // Assess
    for (const res of [refused, silent]) {
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.body).toMatchObject({ status: 503, type: '/problems/unavailable' });
    }
  });
});

describe('local SMTP intake while the database is down', () => {
  it('answers 451 instead of accepting the mail, and processes what it kept at the next start', async () => {
    // Prepare
    await givenMailNetwork('dbdown');
    const dataDir = mkdtempSync(join(tmpdir(), 'verbund-smtp-'));
    const first = await startSmtpServer({ host: '127.0.0.1', port: 0, dataDir });
    const down = databaseDown();
    // Act
    const refused = await sendOverSmtp(first.port, inboxOf('dbdown')).catch(
      (err: { responseCode?: number }) => err,
    );
    await first.stop();
    down.mockRestore();
    const kept = readdirSync(join(dataDir, 'mail', 'pending'));
    const second = await startSmtpServer({ host: '127.0.0.1', port: 0, dataDir });
    await second.stop();
    // Assess
    expect(refused).toMatchObject({ responseCode: 451 });
    expect(kept).toHaveLength(1);
    expect(second.replayed).toBe(1);
    expect(readdirSync(join(dataDir, 'mail', 'pending'))).toEqual([]);
    expect(await inquiries('dbdown')).toEqual([
      expect.objectContaining({ subject: 'Anfrage Dachgeschossausbau' }),
    ]);
  });

  it('answers 250 once the mail is in the database', async () => {
    // Prepare
    await givenMailNetwork('dbup');
    const dataDir = mkdtempSync(join(tmpdir(), 'verbund-smtp-'));
    const smtp = await startSmtpServer({ host: '127.0.0.1', port: 0, dataDir });
    // Act
    const info = await sendOverSmtp(smtp.port, inboxOf('dbup'));
    await smtp.stop();
    // Assess
    expect(info.response).toMatch(/^250 /);
    expect(await inquiries('dbup')).toHaveLength(1);
  });
});
