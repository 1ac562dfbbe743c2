// The sandbox counts the pages of what it is sent in the PDF check's worker, not on main's event
// loop: anyone on the machine can post to it (its demo key is no secret), and a small PDF built
// to take pdf.js a minute once held the whole app for 12 s.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countPdfPages, loadPdfJs } from '../../../electron/sandbox/pdf-pages.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';
import { slowPdf } from './hostile-pdfs.ts';
import { whileTicking } from './ticks.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-pages-'));
  await loadPdfJs();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function file(name: string, bytes: Uint8Array): Promise<[string, number]> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return [path, bytes.byteLength];
}

describe('sandbox page count', () => {
  it('counts the pages of a fax', async () => {
    expect(await countPdfPages(...(await file('three.pdf', await makePdf({ pages: ['a', 'b', 'c'] }))))).toBe(3);
  });

  it('gives up on a PDF built to take a minute after 5 s, with main free all along, then counts the next', async () => {
    const { result, elapsedMs, longestGapMs } = await whileTicking(async () => countPdfPages(...(await file('slow.pdf', slowPdf(8000)))));
    expect(result).toBeUndefined();
    expect(elapsedMs).toBeLessThan(10_000);
    expect(longestGapMs).toBeLessThan(1000);
    expect(await countPdfPages(...(await file('one.pdf', await makePdf())))).toBe(1);
  });
});
