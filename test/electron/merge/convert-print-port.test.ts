// The built-in converter's wrapper around the host's DocxPrintPort (helper B's ports are tested
// in builtin*.test.ts): one document at a time, the PDF on disk proved whole, a deadline, the
// port's own problem passed on, and a host with no port said so.

import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConverter, findConverters } from '../../../electron/merge/convert/index.ts';
import type { ConvertItem, DocxPrintPort } from '../../../electron/merge/types.ts';
import { extractText } from '../../../electron/pdf/extract-text.ts';
import { collect, docx, tempDir, tinyPdf } from './convert-fixtures.ts';

describe('built-in converter (the host’s print port)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir('convert-port');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function items(count: number): Promise<ConvertItem[]> {
    const list: ConvertItem[] = [];
    for (let n = 1; n <= count; n++) {
      const docxPath = join(dir, `row-${n}.docx`);
      await writeFile(docxPath, await docx([`Port row ${n}`]));
      list.push({ docxPath, pdfPath: join(dir, `row-${n}.pdf`), label: `row ${n}` } as ConvertItem);
    }
    return list;
  }

  /** A port that "prints" each document as a PDF naming the row its bytes came from. */
  function printingPort(list: readonly ConvertItem[], overrides: Partial<Record<number, 'hang' | 'junk' | 'refuse'>> = {}) {
    let busy = 0;
    let most = 0;
    const port: DocxPrintPort = {
      async printDocx(bytes, signal) {
        busy++;
        most = Math.max(most, busy);
        try {
          const files = await Promise.all(list.map((i) => readFile(i.docxPath)));
          const n = files.findIndex((f) => Buffer.compare(f, Buffer.from(bytes)) === 0) + 1;
          if (overrides[n] === 'hang') return await new Promise<never>(() => {});
          if (overrides[n] === 'junk') return new TextEncoder().encode('<html>not a pdf</html>');
          if (overrides[n] === 'refuse') {
            throw Object.assign(new Error('refused'), {
              problem: {
                code: 'builtin-unreadable',
                message: 'The built-in converter could not read this document (bad zip).',
                action: 'Save it again.',
              },
            });
          }
          signal.throwIfAborted();
          return tinyPdf(`Printed row ${n}`);
        } finally {
          busy--;
        }
      },
    };
    return { port, most: () => most };
  }

  it('prints each document, one at a time, to its own PDF', async () => {
    const list = await items(3);
    const { port, most } = printingPort(list);
    const c = createConverter('builtin', { workDir: dir, builtin: port });
    expect(c.info).toEqual({
      id: 'builtin',
      label: 'Built in (approximate layout)',
      available: true,
      detail: 'Drawn by the app itself: fonts, spacing and page breaks may differ from Word',
      fidelity: 'approximate',
    });
    const results = await collect(c.convert(list, new AbortController().signal));
    expect(results).toEqual([0, 1, 2].map((index) => ({ index, ok: true })));
    for (const [i, item] of list.entries()) expect(await extractText(item.pdfPath)).toContain(`Printed row ${i + 1}`);
    expect(most()).toBe(1);
    await c.dispose();
  });

  it('a print past its deadline fails naming the row; the next one still prints', async () => {
    const list = await items(2);
    const { port } = printingPort(list, { 1: 'hang' });
    const c = createConverter('builtin', { workDir: dir, builtin: port, timeoutMs: 200, startTimeoutMs: 0 });
    const results = await collect(c.convert(list, new AbortController().signal));
    expect(results[0]).toMatchObject({ ok: false, problem: { code: 'converter-timeout' } });
    if (!results[0]!.ok) expect(results[0]!.problem.message).toMatch(/^The built-in converter did not finish row 1's document within/);
    expect(results[1]).toEqual({ index: 1, ok: true });
  });

  it("passes the port's own problem on, and refuses what is not a PDF", async () => {
    const list = await items(2);
    const { port } = printingPort(list, { 1: 'refuse', 2: 'junk' });
    const c = createConverter('builtin', { workDir: dir, builtin: port });
    const results = await collect(c.convert(list, new AbortController().signal));
    expect(results[0]).toEqual({
      index: 0,
      ok: false,
      problem: {
        code: 'builtin-unreadable',
        message: 'The built-in converter could not read this document (bad zip).',
        action: 'Save it again.',
      },
    });
    expect(results[1]).toMatchObject({ ok: false, problem: { code: 'converter-bad-output' } });
    expect(existsSync(list[1]!.pdfPath)).toBe(false);
  });

  it('stops when aborted, saying nothing more', async () => {
    const list = await items(3);
    const { port } = printingPort(list, { 2: 'hang' });
    const c = createConverter('builtin', { workDir: dir, builtin: port });
    const abort = new AbortController();
    const seen: number[] = [];
    for await (const r of c.convert(list, abort.signal)) {
      seen.push(r.index);
      abort.abort();
    }
    expect(seen).toEqual([0]);
  });

  it('a host without a port (the command line): unavailable, and every document says so', async () => {
    const infos = await findConverters({ platform: 'linux', soffice: join(dir, 'none') });
    expect(infos[2]).toMatchObject({ id: 'builtin', available: false });
    const c = createConverter('builtin', { workDir: dir });
    expect(c.info.available).toBe(false);
    const results = await collect(c.convert(await items(2), new AbortController().signal));
    expect(results.map((r) => (r.ok ? 'ok' : r.problem.code))).toEqual(['converter-unavailable', 'converter-unavailable']);
  });
});
