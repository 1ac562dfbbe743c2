// Turns the draft's documents (and the optional cover page) into the one PDF that is sent.
// A single document without a cover is sent as staged; otherwise the pages are merged with
// pdf-lib in the draft's order and the cover put in front.

import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { PaperSize } from '../../shared/domain.ts';
import type { CoverFields } from '../../shared/ipc/contract/compose.ts';
import { prependCover, renderCoverPage } from '../pdf/cover-page.ts';
import { mergePdfs } from '../pdf/merge.ts';

export interface BuildFaxInput {
  /** Staged paths, in order. */
  paths: readonly string[];
  /** Pages of the documents, without the cover. */
  pages: number;
  cover?: CoverFields & { toFax?: string; fromFax?: string };
  paperSize: PaperSize;
  date: Date;
  /** Where the merge may write its temporary file. */
  workDir: string;
}

export type BuiltFax = { pages: number } & ({ path: string; bytes?: undefined } | { bytes: Uint8Array; path?: undefined });

export async function buildFaxPdf(input: BuildFaxInput): Promise<BuiltFax> {
  const cover = input.cover?.enabled ? input.cover : undefined;
  const pages = input.pages + (cover ? 1 : 0);
  if (input.paths.length === 0) {
    if (!cover) throw new Error('buildFaxPdf: nothing to send');
    return { pages: 1, bytes: await renderCoverPage(coverInput(cover, 1, input)) };
  }
  if (input.paths.length === 1 && !cover) return { pages, path: input.paths[0] as string };
  let source = input.paths[0] as string;
  let merged: string | undefined;
  try {
    if (input.paths.length > 1) {
      merged = join(input.workDir, `fax-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}.pdf`);
      await mergePdfs(input.paths, merged);
      source = merged;
    }
    if (!cover) return { pages, bytes: new Uint8Array(await readFile(source)) };
    return { pages, bytes: await prependCover(source, coverInput(cover, pages, input)) };
  } finally {
    if (merged) await rm(merged, { force: true });
  }
}

function coverInput(cover: NonNullable<BuildFaxInput['cover']>, pages: number, input: BuildFaxInput) {
  return {
    to: cover.to,
    from: cover.from,
    subject: cover.subject || undefined,
    message: cover.message,
    pages,
    date: input.date,
    paperSize: input.paperSize,
    toFax: cover.toFax,
    fromFax: cover.fromFax,
  };
}
