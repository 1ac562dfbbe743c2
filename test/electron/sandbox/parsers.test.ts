// The streaming parsers on real bytes, split at every possible chunk edge: a delimiter, a
// percent escape or a base64 quantum cut in two must not change what comes out.

import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundaryOf, createMultipartParser, parseDisposition } from '../../../electron/sandbox/multipart-parser.ts';
import { createPdfSink } from '../../../electron/sandbox/pdf-sink.ts';
import { createUrlencodedParser, percentDecode } from '../../../electron/sandbox/urlencoded-parser.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-parsers-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function chunks(buf: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) out.push(buf.subarray(i, i + size));
  return out;
}

async function parseMultipart(body: Buffer, boundary: string, size: number) {
  const fields: Record<string, string> = {};
  const files: string[] = [];
  const parser = createMultipartParser(boundary, (part) => {
    if (part.filename !== undefined) {
      files.push(part.name ?? '');
      return undefined;
    }
    const parts: Buffer[] = [];
    return {
      data: (c) => {
        parts.push(Buffer.from(c));
      },
      end: () => {
        fields[part.name ?? ''] = Buffer.concat(parts).toString('utf8');
      },
      abort: () => {},
    };
  });
  for (const c of chunks(body, size)) await parser.push(c);
  return { fields, files, ...(await parser.end()) };
}

describe('multipart parser', () => {
  const boundary = '----formdata-undici-0123456789';
  const body = Buffer.from(
    [
      'preamble to ignore\r\n',
      `--${boundary}\r\nContent-Disposition: form-data; name="AccountID"\r\n\r\n100000001\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="toHeader"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nÜber\r\n--not-the-boundary\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="empty"\r\n\r\n\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="upload"; filename="a.pdf"\r\n\r\n%PDF-\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="PDF_encode"\r\n\r\nJVBERi0xLjQK\r\r\n`,
      `--${boundary}--\r\nepilogue`,
    ].join(''),
  );

  it('gives the same fields for every chunk size from 1 byte up', async () => {
    const expected = {
      AccountID: '100000001',
      toHeader: 'Über\r\n--not-the-boundary',
      empty: '',
      PDF_encode: 'JVBERi0xLjQK\r',
    };
    for (let size = 1; size <= body.length; size += size < 80 ? 1 : 37) {
      const got = await parseMultipart(body, boundary, size);
      expect(got, `chunk size ${size}`).toEqual({ fields: expected, files: ['upload'], complete: true });
    }
  });

  it('reports an unfinished body as incomplete and aborts the open part', async () => {
    const cut = body.subarray(0, body.indexOf('JVBERi0x') + 4);
    let aborted = false;
    const parser = createMultipartParser(boundary, (p) =>
      p.name === 'PDF_encode' ? { data() {}, end() {}, abort: () => void (aborted = true) } : undefined,
    );
    await parser.push(cut);
    expect(await parser.end()).toEqual({ complete: false });
    expect(aborted).toBe(true);
  });

  it('reads boundary and disposition parameters, quoted or not', () => {
    expect(boundaryOf('multipart/form-data; boundary="a b;c"')).toBe('a b;c');
    expect(boundaryOf('multipart/form-data; charset=utf-8; boundary=xyz')).toBe('xyz');
    expect(boundaryOf('multipart/form-data')).toBeUndefined();
    expect(parseDisposition('form-data; name="PDF_encode"')).toEqual({ formData: true, name: 'PDF_encode', filename: undefined });
    expect(parseDisposition('form-data; name=x; filename="a \\"b\\".pdf"')).toEqual({ formData: true, name: 'x', filename: 'a "b".pdf' });
  });
});

describe('urlencoded parser', () => {
  it('decodes + and %XX split anywhere, streaming the chosen field', async () => {
    const body = Buffer.from('AccountID=100000001&toHeader=J%C3%B6rg+Smith&flag&PDF_encode=ab%2Bc%2F%3D+d&x=%zz');
    for (let size = 1; size <= body.length; size++) {
      const fields: Record<string, string> = {};
      const streamed: Buffer[] = [];
      const parser = createUrlencodedParser({
        streamField: (n) => (n === 'PDF_encode' ? { data: (c) => void streamed.push(Buffer.from(c)), end() {}, abort() {} } : undefined),
        field: (n, v) => {
          fields[n] = v;
        },
        maxFieldBytes: 1024,
      });
      for (const c of chunks(body, size)) await parser.push(c);
      await parser.end();
      expect(fields, `chunk size ${size}`).toEqual({ AccountID: '100000001', toHeader: 'Jörg Smith', flag: '', x: '%zz' });
      expect(Buffer.concat(streamed).toString('latin1')).toBe('ab+c/= d');
    }
  });

  it('percentDecode keeps bytes exact', () => {
    expect([...percentDecode('%00%ff%41+')]).toEqual([0, 255, 65, 32]);
  });
});

describe('PDF sink', () => {
  async function decodeVia(text: string, size: number) {
    const sink = createPdfSink(dir);
    for (let i = 0; i < text.length; i += size) await sink.write(Buffer.from(text.slice(i, i + size), 'latin1'));
    const got = await sink.finish();
    const bytes = got ? await readFile(got.path) : undefined;
    await sink.dispose();
    return { got, bytes };
  }

  it('decodes base64 split at any point, clean or with junk, to the exact bytes and hash', async () => {
    const data = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3000)]);
    const clean = data.toString('base64');
    const junky = clean.replace(/.{60}/g, '$&\r\n').replace(/(.{200})/g, '$1 \t');
    for (const text of [clean, junky]) {
      for (const size of [1, 2, 3, 5, 7, 64, 1000, 4096]) {
        const { got, bytes } = await decodeVia(text, size);
        expect(bytes?.equals(data), `size ${size}`).toBe(true);
        expect(got).toMatchObject({ bytes: data.length, overLimit: false, sha256: createHash('sha256').update(data).digest('hex') });
        expect(got?.head.subarray(0, 5).toString()).toBe('%PDF-');
      }
    }
  });

  it('skips base64url characters as PHP does (so such a PDF arrives changed)', async () => {
    const { got } = await decodeVia('JVBE-_Ri0x', 3);
    expect(got?.head.toString('latin1')).toBe(Buffer.from('JVBERi0x', 'base64').toString('latin1'));
  });

  it('reports nothing when PDF_encode never arrived, and starts over on reset', async () => {
    const sink = createPdfSink(dir);
    expect(await sink.finish()).toBeUndefined();
    const again = createPdfSink(dir);
    await again.write('AAAA');
    await again.reset();
    await again.write(Buffer.from('%PDF-').toString('base64'));
    expect((await again.finish())?.head.toString()).toBe('%PDF-');
    await again.dispose();
  });
});
