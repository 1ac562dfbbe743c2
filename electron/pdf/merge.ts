// Several PDFs become one fax: pages copied in order into a new document with pdf-lib.

import { MAX_PDF_BYTES } from '../../shared/domain.ts';
import { headerProblem } from './pdf-errors.ts';
import { loadWithPdfLib } from './pdf-lib-load.ts';
import { PDFDocument } from 'pdf-lib';
import { sha256Hex } from './read-input.ts';
import { writeFileAtomic } from './write-atomic.ts';

export interface MergeProgress {
  /** Files merged so far. */
  done: number;
  total: number;
  /** The file just merged. */
  path: string;
}

export interface MergeResult {
  pages: number;
  size: number;
  sha256: string;
}

/**
 * Merges `paths` in order into `outPath` (written atomically). Throws PdfError naming the
 * first file that is not a readable, unencrypted PDF, or `too-large` if the result is over 50 MB.
 */
export async function mergePdfs(
  paths: readonly string[],
  outPath: string,
  onProgress?: (progress: MergeProgress) => void,
): Promise<MergeResult> {
  if (paths.length === 0) throw new Error('mergePdfs needs at least one file');
  // No creation date or producer stamped in: the same documents merge to the same bytes, so the
  // outbox's duplicate guard knows the same fax sent twice.
  const out = await PDFDocument.create({ updateMetadata: false });
  let done = 0;
  for (const path of paths) {
    const src = await loadWithPdfLib(path);
    const pages = await out.copyPages(src, src.getPageIndices());
    for (const page of pages) out.addPage(page);
    done += 1;
    onProgress?.({ done, total: paths.length, path });
  }
  const bytes = await out.save({ useObjectStreams: true });
  const problem = bytes.byteLength > MAX_PDF_BYTES ? headerProblem(bytes.subarray(0, 1024), bytes.byteLength) : undefined;
  if (problem) throw problem;
  await writeFileAtomic(outPath, bytes);
  return { pages: out.getPageCount(), size: bytes.byteLength, sha256: sha256Hex(bytes) };
}
