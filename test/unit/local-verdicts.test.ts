import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localVerdicts } from '#infra/local/ses-event';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'mail', name));

describe('the local SMTP stand-in judges mail as SES would', () => {
  it('passes everything a message does not mark', () => {
    expect(localVerdicts(fixture('01-plain-text.eml'))).toEqual({});
  });

  it('takes spam, SPF, DKIM and DMARC verdicts from the X-SES-* test headers', () => {
    expect(localVerdicts(fixture('23-spam-verdict.eml'))).toEqual({ spam: 'FAIL' });
    expect(localVerdicts(fixture('20-dmarc-fail-reply.eml'))).toEqual({
      spf: 'FAIL',
      dkim: 'GRAY',
      dmarc: 'FAIL',
      dmarcPolicy: 'reject',
    });
  });

  it('finds the EICAR test file in a base64 attachment and as plain text', () => {
    expect(localVerdicts(fixture('22-eicar-attachment.eml'))).toEqual({ virus: 'FAIL' });
    const plain =
      'Subject: x\r\n\r\nX5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*\r\n';
    expect(localVerdicts(Buffer.from(plain))).toEqual({ virus: 'FAIL' });
  });
});
