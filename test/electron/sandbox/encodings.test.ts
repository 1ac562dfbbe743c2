// The three ways PHP's $_REQUEST gets fields: multipart (the vendor's sample), urlencoded and
// the query string; the page count and checksum of the PDF that arrives; and PHP's quirks.

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../electron/sandbox/index.ts';
import { b64, getQuery, makePdf, postMultipart, postUrlencoded, sandbox, submitFields } from './helpers.ts';

const run = promisify(execFile);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let sb: Sandbox;
let dir: string;
beforeAll(async () => {
  sb = await sandbox();
  dir = await mkdtemp(join(tmpdir(), 'sandbox-enc-'));
});
afterAll(async () => {
  await sb.close();
  await rm(dir, { recursive: true, force: true });
});

async function accepted(res: Response) {
  const body = JSON.parse(await res.text());
  expect(body.Response).toBe('Success');
  return sb.faxes().find((f) => f.outTransId === body.OutTransID);
}

describe('encodings', () => {
  it('multipart/form-data: page count and checksum of the decoded PDF', async () => {
    for (const pages of [1, 7]) {
      const pdf = await makePdf(pages);
      const fax = await accepted(await postMultipart(`${sb.url}/faxSendSubmit.php`, submitFields(pdf)));
      expect(fax).toMatchObject({ pages, pdfSha256: sha(pdf), toHeader: 'Jones Smith', fromHeader: 'Mike T.' });
    }
  });

  it('multipart as curl sends it (-F with the base64 read from a file), like the PHP sample', async () => {
    const pdf = await makePdf(5, [595, 842]);
    const file = join(dir, 'pdf.b64');
    await writeFile(file, b64(pdf));
    const fields = submitFields(pdf, { PDF_encode: undefined, paperSize: '2' });
    const args = [
      '-s',
      ...Object.entries(fields).flatMap(([k, v]) => ['-F', `${k}=${v}`]),
      '-F',
      `PDF_encode=<${file}`,
      `${sb.url}/faxSendSubmit.php`,
    ];
    const { stdout } = await run('curl', args);
    const { OutTransID } = JSON.parse(stdout);
    expect(sb.faxes().find((f) => f.outTransId === OutTransID)).toMatchObject({ pages: 5, paperSize: 2, pdfSha256: sha(pdf) });
  });

  it('application/x-www-form-urlencoded, with + and / percent-encoded', async () => {
    const pdf = await makePdf(3);
    const fax = await accepted(await postUrlencoded(`${sb.url}/faxSendSubmit.php`, submitFields(pdf)));
    expect(fax).toMatchObject({ pages: 3, pdfSha256: sha(pdf) });
  });

  it('urlencoded with the base64 NOT escaped: + turns into a space and the PDF arrives corrupted', async () => {
    const pdf = await makePdf(3);
    const encoded = b64(pdf);
    expect(encoded.indexOf('+')).toBeGreaterThan(20); // the damage starts after an intact %PDF- header
    const { PDF_encode: _, ...rest } = submitFields(pdf);
    const body = `${new URLSearchParams(rest)}&PDF_encode=${encoded}`;
    const res = await fetch(`${sb.url}/faxSendSubmit.php`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    const fax = await accepted(res);
    // What PHP does: urldecode turns + into a space, base64_decode skips the space.
    const asPhpDecodesIt = Buffer.from(encoded.replaceAll('+', ''), 'base64');
    expect(fax?.pdfSha256).toBe(sha(asPhpDecodesIt));
    expect(fax?.pdfSha256).not.toBe(sha(pdf));
  });

  it('query parameters alone (GET), the way $_REQUEST reads them', async () => {
    const pdf = await makePdf(2);
    const fax = await accepted(await getQuery(`${sb.url}/faxSendSubmit.php`, submitFields(pdf)));
    expect(fax).toMatchObject({ pages: 2, pdfSha256: sha(pdf) });
  });

  it('body fields win over query fields (request_order GP)', async () => {
    const pdf = await makePdf(1);
    const res = await postMultipart(
      `${sb.url}/faxSendSubmit.php?APIKey=wrong&FaxNumber=1&toHeader=FromQuery`,
      submitFields(pdf, { toHeader: undefined }),
    );
    const fax = await accepted(res);
    expect(fax?.toHeader).toBe('FromQuery');
  });

  it('a PDF_encode sent as a file part (with a filename) is in $_FILES, not $_POST: Failed', async () => {
    const pdf = await makePdf(1);
    const form = new FormData();
    for (const [k, v] of Object.entries(submitFields(pdf, { PDF_encode: undefined }))) form.append(k, v);
    form.append('PDF_encode', new Blob([b64(pdf)]), 'fax.b64');
    const res = await fetch(`${sb.url}/faxSendSubmit.php`, { method: 'POST', body: form });
    expect(await res.text()).toBe('{"Response":"Failed"}');
  });

  it('base64 with line breaks (as `base64` prints it) decodes to the same PDF', async () => {
    const pdf = await makePdf(2);
    const wrapped = b64(pdf).replace(/.{76}/g, '$&\r\n');
    const fax = await accepted(await postMultipart(`${sb.url}/faxSendSubmit.php`, submitFields(pdf, { PDF_encode: wrapped })));
    expect(fax?.pdfSha256).toBe(sha(pdf));
  });

  it('a damaged PDF is accepted, then fails in rendering: CurrentState 10, LastStatus 8, no charge', async () => {
    const broken = Buffer.from(`%PDF-1.4\n1 0 obj<<>>\n${'garbage '.repeat(200)}`);
    const fax = await accepted(await postMultipart(`${sb.url}/faxSendSubmit.php`, submitFields(broken)));
    expect(fax?.pages).toBe(0);
    await sb.settle();
    const done = sb.faxes().find((f) => f.outTransId === fax?.outTransId);
    expect(done).toMatchObject({ currentState: 10, lastStatus: 8, attempts: 0, cost: 0 });
  });

  it('credit and report also read urlencoded bodies and query strings', async () => {
    const auth = { AccountID: sb.demoAccount.accountId, APIKey: sb.demoAccount.apiKey };
    const a = await (await postUrlencoded(`${sb.url}/getAvailableCredit.php`, auth)).text();
    const b = await (await getQuery(`${sb.url}/getAvailableCredit.php`, auth)).text();
    expect(a).toMatch(/^\[\{"AvailableCredit":[\d.]+\}\]$/);
    expect(b).toBe(a);
    const rows = JSON.parse(
      await (
        await getQuery(`${sb.url}/outboundDetailsbyDate.php`, { ...auth, FromDate: '2000-01-01', ToDate: '2100-01-01', DetailType: '1' })
      ).text(),
    );
    expect(rows.length).toBeGreaterThanOrEqual(sb.faxes().length);
    expect(new Set(rows.map((r: { OutTransID: number }) => String(r.OutTransID)))).toEqual(new Set(sb.faxes().map((f) => f.outTransId)));
  });
});
