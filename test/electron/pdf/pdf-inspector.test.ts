// The PDF check in plain Node: pdf.js in a worker thread with real caps. A normal document reads
// exactly as it does in this process; a document built to take minutes or gigabytes is stopped
// at the cap with words that name the fix, while this process's event loop keeps running, and
// the next document is read by a fresh worker.

import { writeFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectPdf } from '../../../electron/pdf/inspect.ts';
import { PdfError } from '../../../electron/pdf/pdf-errors.ts';
import type { PdfInspector } from '../../../electron/pdf/pdf-inspector.ts';
import { createThreadInspector } from '../../../electron/pdf/thread-inspector.ts';
import { A4, LETTER, makePdf, makeZeroPagePdf, qpdfEncrypt } from '../../fixtures/pdf/make-pdf.ts';
import { inflatingPdf, slowPdf } from './hostile-pdfs.ts';
import { whileTicking } from './ticks.ts';

let dir: string;
let inspector: PdfInspector;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pdf-inspector-'));
  inspector = createThreadInspector({ timeoutMs: 1500, memoryMb: 256 });
});
afterAll(async () => {
  await inspector.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function outcome(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof PdfError)) throw error;
    return { code: error.code, message: error.message, action: error.action };
  }
}

describe('PdfInspector on a worker thread', () => {
  it('answers as this process would, for documents it takes and refuses alike', async () => {
    const plain = join(dir, 'plain.pdf');
    await writeFile(plain, await makePdf({ pages: ['Invoice 42 {{fax: 212 555 0100}}', 'Terms'], size: [A4, LETTER] }));
    const locked = join(dir, 'locked.pdf');
    await qpdfEncrypt(plain, locked, 'secret');
    const ownerOnly = join(dir, 'owner-only.pdf');
    await qpdfEncrypt(plain, ownerOnly, '');
    const whole = await makePdf({ pages: ['a', 'b'] });
    const inputs: Array<string | Uint8Array> = [
      plain,
      ownerOnly,
      locked,
      await makePdf({ size: LETTER, rotate: 90 }),
      whole.slice(0, Math.floor(whole.byteLength / 3)),
      makeZeroPagePdf(),
      new TextEncoder().encode('Dear Sir,\nthis is not a PDF.\n'),
      join(dir, 'missing.pdf'),
    ];
    for (const input of inputs) {
      for (const options of [{}, { textMaxPages: 5 }]) {
        const here = await outcome(() => inspectPdf(input, options));
        const there = await outcome(() => inspector.inspect(input, options));
        expect(there, typeof input === 'string' ? input : `${input.byteLength} bytes`).toEqual(here);
      }
    }
  });

  it('stops a document that takes longer than its time, keeps this process responsive, and reads the next', async () => {
    const { result, elapsedMs, longestGapMs } = await whileTicking(() => outcome(() => inspector.inspect(slowPdf())));
    expect(result).toMatchObject({
      code: 'too-complex',
      message: 'The PDF is too complex to check: reading it took longer than 1.5 s, so it was stopped.',
      action: expect.stringMatching(/print it to PDF again .* simpler copy/),
    });
    // pdf.js alone takes about 15 s on it; the cap ends it at 1.5 s (plus a cold start's load).
    expect(elapsedMs).toBeLessThan(10_000);
    expect(longestGapMs).toBeLessThan(1000);
    expect((await inspector.inspect(await makePdf({ pages: ['after'] }), { textMaxPages: 1 })).text).toBe('after');
  });

  it('stops a document that needs more memory than its cap, and reads the next', async () => {
    const roomy = createThreadInspector({ timeoutMs: 20_000, memoryMb: 256 });
    try {
      const bomb = await inflatingPdf(1024);
      const { result, elapsedMs, longestGapMs } = await whileTicking(() => outcome(() => roomy.inspect(bomb, { textMaxPages: 1 })));
      expect(result).toMatchObject({
        code: 'too-complex',
        message: 'The PDF is too complex to check: reading it needed more than 256 MB of memory, so it was stopped.',
      });
      expect(elapsedMs).toBeLessThan(20_000);
      expect(longestGapMs).toBeLessThan(1000);
      expect((await roomy.inspect(await makePdf({ pages: ['x', 'y'] }))).pages).toBe(2);
    } finally {
      await roomy.dispose();
    }
  });

  it('refuses to read after it is closed', async () => {
    const closing = createThreadInspector();
    await closing.inspect(await makePdf());
    await closing.dispose();
    await expect(closing.inspect(await makePdf())).rejects.toThrow(/closed/);
  });
});
