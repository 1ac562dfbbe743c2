// A converter's output is taken only once it is proved a whole PDF (the hot folder's proof: the
// last startxref points at a real cross-reference), then moved to where the merge wants it,
// owner-only. A file left by a process that was killed mid-write fails the proof.

import { copyFile, rename, rm, stat } from 'node:fs/promises';
import { makePrivate } from '../../core/private-files.ts';
import { headVerdict } from '../../hotfolder/file-ends.ts';
import { proveComplete } from '../../hotfolder/pdf-complete.ts';

export type OutputVerdict = { ok: true } | { ok: false; missing: true } | { ok: false; missing: false; why: string };

/** Whether `path` holds a whole PDF. */
export async function checkPdfOutput(path: string): Promise<OutputVerdict> {
  try {
    const st = await stat(path);
    if (!st.isFile() || st.size === 0) return { ok: false, missing: true };
  } catch {
    return { ok: false, missing: true };
  }
  try {
    const proof = await proveComplete(path);
    if (proof.verdict === 'incomplete') return { ok: false, missing: false, why: proof.why };
    if (headVerdict(proof.ends) !== 'pdf') return { ok: false, missing: false, why: 'it is not a PDF' };
    return { ok: true };
  } catch (error) {
    return { ok: false, missing: false, why: (error as Error).message };
  }
}

/** Moves a finished output to the merge's path (copy and remove across file systems). */
export async function moveOutput(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await copyFile(from, to);
    await rm(from, { force: true });
  }
  await makePrivate(to);
}
