// Real writers against the real hot folder (chokidar, the spool, the tracker's proofs): each
// writes from a process of its own, keeps its handle open between writes and pauses longer than
// the settle time, where "%%EOF in the tail and 100 ms of quiet" used to take the file. The judge
// is the taken file's hash against the final file's, and the writer's own check, at each step,
// that the file it holds was still in the folder. Files that never complete are given up on.

import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';
import { cutAt, firstEofEnd, incrementalUpdate, linearizedPdf, writeFromChild } from './child-writer.ts';
import { type Harness, harnessPerTest } from './harness.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
// Longer than the settle time (100 ms), so only the proofs keep the file from being taken.
const PAUSE_MS = 400;

const harness = harnessPerTest();

async function expectTakenWhole(h: Harness, name: string, final: Uint8Array, stillThere: boolean[]) {
  // The file was in the folder before every write and just before the writer closed it.
  expect(stillThere.every(Boolean), JSON.stringify(stillThere)).toBe(true);
  await h.waitFor(() => h.documents.length + h.rejected.length > 0, name);
  expect(h.rejected).toEqual([]);
  expect(h.documents.map((d) => d.originalName)).toEqual([name]);
  expect(h.documents[0]?.sha256).toBe(sha(final));
  expect(sha(await readFile(h.documents[0]?.spoolPath as string))).toBe(sha(final));
  expect(await readdir(h.folder)).toEqual([]);
  expect(h.errors).toEqual([]);
}

describe('hot folder: writers that are not done yet', () => {
  it('takes the final revision of a PDF saved again with an incremental update', async () => {
    const h = await harness();
    const first = await makePdf({ pages: ['Invoice 09', 'terms'] });
    const update = incrementalUpdate(first, 'saved again');
    const writer = await writeFromChild(join(h.folder, 'invoice.pdf'), [first, update], { pauseMs: PAUSE_MS });
    const { stillThere } = await writer.done;
    await expectTakenWhole(h, 'invoice.pdf', Buffer.concat([first, update]), stillThere);
    expect(h.documents[0]?.pages).toBe(2);
  });

  it('takes a linearised PDF written slowly only once it is whole, and does not reject it', async () => {
    const h = await harness();
    const { linear } = await linearizedPdf(['Referral, page one', 'page two', 'page three', 'page four']);
    // The first piece ends with the first-page trailer's own %%EOF.
    const firstPage = firstEofEnd(linear);
    const rest = linear.byteLength - firstPage;
    const chunks = cutAt(linear, [firstPage, firstPage + Math.floor(rest / 3), firstPage + Math.floor((2 * rest) / 3)]);
    expect(chunks).toHaveLength(4);
    const writer = await writeFromChild(join(h.folder, 'referral.pdf'), chunks, { pauseMs: PAUSE_MS });
    const { stillThere } = await writer.done;
    await expectTakenWhole(h, 'referral.pdf', linear, stillThere);
    expect(h.documents[0]?.pages).toBe(4);
  });

  it('does not take a complete PDF while its writer keeps it open', async () => {
    const h = await harness();
    const bytes = await makePdf({ pages: ['held open'] });
    // Written at once, then held open without a change for four settle times: the tracker sees
    // it whole and finds its writer. The writer's check before it closes proves it was not taken.
    const writer = await writeFromChild(join(h.folder, 'held.pdf'), [bytes], { pauseMs: PAUSE_MS });
    const { stillThere } = await writer.done;
    await expectTakenWhole(h, 'held.pdf', bytes, stillThere);
  });
});

describe('hot folder: files that never complete', () => {
  it('gives up on an empty file and a truncated PDF after the timeout, rescans or not', async () => {
    const h = await harness({ incompleteTimeoutMs: 1000, rescanIntervalMs: 50 });
    const whole = await makePdf({ pages: ['cut short'] });
    const writtenAt = performance.now();
    await writeFile(join(h.folder, 'empty.pdf'), '');
    await writeFile(join(h.folder, 'half.pdf'), whole.subarray(0, Math.floor(whole.byteLength / 2)));
    await h.waitFor(() => h.rejected.length === 2, 'both given up on');
    for (const r of h.rejected) expect(r.at - writtenAt).toBeGreaterThanOrEqual(1000);
    const by = Object.fromEntries(h.rejected.map((r) => [r.originalName, r]));
    expect(by['empty.pdf']?.reason.code).toBe('empty');
    expect(by['half.pdf']?.reason).toMatchObject({ code: 'damaged', message: expect.stringMatching(/no %%EOF/) });
    for (const r of h.rejected) {
      expect(r.rejectedPath).toBe(join(h.folder, 'Rejected', r.originalName));
      expect(await readFile(r.reasonPath, 'utf8')).toMatch(/What to do:/);
    }
    expect(await readFile(by['half.pdf']?.rejectedPath as string)).toEqual(
      Buffer.from(whole.subarray(0, Math.floor(whole.byteLength / 2))),
    );
    expect((await readdir(h.folder)).sort()).toEqual(['Rejected']);
    expect(h.documents).toEqual([]);
  });

  it('does not give up on a file its writer still holds: says so once, and sets it aside after the close', async () => {
    const h = await harness({ incompleteTimeoutMs: 500, rescanIntervalMs: 50 });
    const whole = await makePdf({ pages: ['waiting for the printer'] });
    const half = whole.subarray(0, Math.floor(whole.byteLength / 2));
    const writer = await writeFromChild(join(h.folder, 'stalled.pdf'), [half], { pauseMs: 0, holdUntilStdinEnds: true });
    await writer.opened;
    // The message comes from the very look that would otherwise have set the file aside.
    await h.waitFor(() => h.errors.length > 0, 'the note that it is still open');
    expect(h.errors).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/stalled\.pdf has not changed .* a program still has it open/) }),
    ]);
    expect(h.rejected).toEqual([]);
    writer.release();
    const { stillThere } = await writer.done;
    expect(stillThere.every(Boolean)).toBe(true);
    await h.waitFor(() => h.rejected.length === 1, 'set aside after the close');
    expect(h.rejected[0]?.reason.message).toMatch(/no %%EOF/);
    expect(await readFile(h.rejected[0]?.rejectedPath as string)).toEqual(Buffer.from(half));
    expect(h.errors).toHaveLength(1);
  });
});
