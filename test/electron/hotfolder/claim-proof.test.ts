// The claim re-checks the tracker's proof around the move: a file changed since it was proved
// is not claimed, and across volumes the original is not deleted when a writer has it open
// again by the time the copy is made.

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ClaimProof, claimToSpool } from '../../../electron/hotfolder/move.ts';
import { writerState } from '../../../electron/hotfolder/open-writers.ts';
import { proveComplete } from '../../../electron/hotfolder/pdf-complete.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';
import { writeFromChild } from './child-writer.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const dirs: string[] = [];
async function temp(base = tmpdir()): Promise<string> {
  const dir = await mkdtemp(join(base, 'claim-proof-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

// The proof the tracker gives: what it saw, and the real checks again.
async function proofOf(path: string): Promise<ClaimProof> {
  const info = await stat(path);
  return {
    size: info.size,
    mtimeMs: info.mtimeMs,
    ino: info.ino,
    stillComplete: async () => (await proveComplete(path)).verdict === 'complete' && (await writerState(path)) !== 'open',
  };
}

describe('claiming a proved file', () => {
  it('refuses a file that changed after it was proved, and keeps it where it was', async () => {
    const from = await temp();
    const src = join(from, 'doc.pdf');
    const bytes = await makePdf();
    await writeFile(src, bytes);
    const proof = await proofOf(src);
    await appendFile(src, '\n1 0 obj');
    await expect(claimToSpool(src, join(from, 'spool'), 'doc.pdf', proof)).rejects.toThrow(/changed while it was being taken/);
    expect(existsSync(src)).toBe(true);
    expect(await readdir(join(from, 'spool'))).toEqual([]);
  });

  it('across volumes, keeps the original when a writer has it open again once the copy is made', async () => {
    const shm = '/dev/shm';
    if (!existsSync(shm) || (await stat(shm)).dev === (await stat(tmpdir())).dev) return console.warn('skipped: no second volume');
    const from = await temp();
    const spool = await temp(shm);
    const src = join(from, 'doc.pdf');
    const bytes = await makePdf({ pages: ['across'] });
    await writeFile(src, bytes);
    const proof = await proofOf(src);
    // The writer opens the file again (for appending, without writing yet) after it was proved.
    const writer = await writeFromChild(src, [], { pauseMs: 0, holdUntilStdinEnds: true, append: true });
    await writer.opened;
    await expect(claimToSpool(src, spool, 'doc.pdf', proof)).rejects.toThrow(/changed while it was being taken/);
    expect(sha(await readFile(src))).toBe(sha(bytes));
    expect(await readdir(spool)).toEqual([]);
    writer.release();
    await writer.done;
    const claimed = await claimToSpool(src, spool, 'doc.pdf', proof);
    expect(claimed.acrossVolumes).toBe(true);
    expect(existsSync(src)).toBe(false);
    expect(sha(await readFile(claimed.spoolPath))).toBe(sha(bytes));
  });
});
