import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64Length, multipartBody } from '../../../electron/openfax/multipart-body.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-multipart-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

describe('multipartBody', () => {
  it('computes base64 lengths', () => {
    expect([0, 1, 2, 3, 4, 50 * 1024 * 1024].map(base64Length)).toEqual([0, 4, 4, 4, 8, 69_905_068]);
  });

  it.each([1, 2, 3, 49_151, 49_152, 49_153, 250_000])('streams exactly the body it announces for a %i-byte file', async (size) => {
    const bytes = randomBytes(size);
    const path = join(dir, `f${size}`);
    writeFileSync(path, bytes);
    const handle = await open(path);
    try {
      const body = multipartBody(
        [
          ['A', '1'],
          ['B', 'two words'],
        ],
        { name: 'F', handle, size },
        'BOUNDARY',
      );
      const expected = Buffer.from(
        '--BOUNDARY\r\nContent-Disposition: form-data; name="A"\r\n\r\n1\r\n' +
          '--BOUNDARY\r\nContent-Disposition: form-data; name="B"\r\n\r\ntwo words\r\n' +
          `--BOUNDARY\r\nContent-Disposition: form-data; name="F"\r\n\r\n${bytes.toString('base64')}\r\n--BOUNDARY--\r\n`,
      );
      expect(body.contentType).toBe('multipart/form-data; boundary=BOUNDARY');
      expect(body.length).toBe(expected.length);
      expect((await collect(body.stream())).equals(expected)).toBe(true);
      // A second stream (a retry) reads the file again from the start.
      expect((await collect(body.stream())).equals(expected)).toBe(true);
      // writeTo reuses its buffers: a writer that takes a while to flush must still see each
      // chunk intact until it says it is done with it.
      const written: Buffer[] = [];
      await body.writeTo(async (chunk) => {
        const before = Buffer.from(chunk);
        await new Promise((r) => setImmediate(r));
        expect(Buffer.from(chunk).equals(before)).toBe(true);
        written.push(before);
      });
      expect(Buffer.concat(written).equals(expected)).toBe(true);
    } finally {
      await handle.close();
    }
  });

  it('builds a fields-only body', async () => {
    const body = multipartBody([['AccountID', '1']], undefined, 'B');
    const text = (await collect(body.stream())).toString();
    expect(text).toBe('--B\r\nContent-Disposition: form-data; name="AccountID"\r\n\r\n1\r\n--B--\r\n');
    expect(body.length).toBe(text.length);
  });

  it('refuses values that would break the framing', () => {
    expect(() => multipartBody([['x', 'a\r\nb']])).toThrow();
    expect(() => multipartBody([['x', '--B']], undefined, '--B')).toThrow();
  });
});
