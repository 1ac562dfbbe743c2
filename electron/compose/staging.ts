// Documents added to the draft are checked with the PDF rules every entry uses, and copied into
// `<dataDir>/compose/<id>.pdf` at once: the original may be moved or deleted afterwards, and
// the draft still has its pages after a restart. A refused file never leaves a copy behind.

import { randomUUID } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { PaperSize } from '../../shared/domain.ts';
import { type ComposeDocument, type ComposeDraft, detectedPaperSize, type RefusedFile } from '../../shared/ipc/contract/compose.ts';
import { withDetail } from '../../shared/wording.ts';
import { createLogger } from '../core/logger.ts';
import { readFaxDocument } from '../pdf/fax-document.ts';
import { PdfError } from '../pdf/pdf-errors.ts';
import type { PdfInspector } from '../pdf/pdf-inspector.ts';
import { writeFileAtomic } from '../pdf/write-atomic.ts';
import { type GrantedPath, PathRefused, pathRefusal, readGranted } from './path-grants.ts';

const log = createLogger('compose');

/** A file on disk comes only with its grant (path-grants.ts): nothing here reads a bare path. */
export type StageInput =
  | { kind: 'granted'; granted: GrantedPath; name?: string; source: ComposeDocument['source'] }
  | { kind: 'bytes'; bytes: Uint8Array; name: string; source: ComposeDocument['source'] };

export type StageOutcome = { ok: true; document: ComposeDocument } | { ok: false; refused: RefusedFile };

const ID_PATTERN = /^[0-9a-f-]{36}$/;

/** The paper an added image is made on: the draft's choice, else its documents' size, else the default. */
export function imagePaperFor(draft: Pick<ComposeDraft, 'paperSize' | 'documents'>, fallback: PaperSize): PaperSize {
  return draft.paperSize ?? detectedPaperSize(draft.documents) ?? fallback;
}

export function stagingDir(dataDir: string): string {
  return join(dataDir, 'compose');
}

/** The staged copy of a draft document. Only ids we minted are turned into paths. */
export function stagedPath(dir: string, id: string): string {
  if (!ID_PATTERN.test(id)) throw new Error(`not a compose document id: ${JSON.stringify(id.slice(0, 40))}`);
  return join(dir, `${id}.pdf`);
}

/**
 * Checks one file and copies it in; a file that is not a usable PDF comes back refused, with the reason.
 * An image (PNG, JPEG, TIFF) is staged as the PDF made of it, on `imagePaper` (asked only then);
 * a long TIFF tells `onImagePage` how far it is, every 10 pages.
 */
export async function stageDocument(
  input: StageInput,
  dir: string,
  imagePaper?: () => PaperSize,
  onImagePage?: (progress: { name: string; done: number; total: number }) => void,
  inspector?: PdfInspector,
): Promise<StageOutcome> {
  const name = input.kind === 'granted' ? (input.name ?? basename(input.granted.path)) : input.name;
  try {
    // The staged copy is what is faxed (a filled form flattened, an owner password removed), so
    // the preview, which renders it, shows exactly what the recipient gets.
    const given = input.kind === 'granted' ? await readGranted(input.granted) : input.bytes;
    const { bytes, info, pagePaper } = await readFaxDocument(given, {
      inspector,
      inkFacts: true,
      imagePaper,
      onImagePage: (done, total) => {
        if (total > 10 && (done % 10 === 0 || done === total)) onImagePage?.({ name, done, total });
      },
    });
    const id = randomUUID();
    await writeFileAtomic(stagedPath(dir, id), bytes);
    return {
      ok: true,
      document: {
        id,
        name,
        pages: info.pages,
        size: info.size,
        paperSize: info.paperSize,
        pagePaper,
        source: input.source,
        ...(info.ink ? { ink: info.ink } : {}),
      },
    };
  } catch (error) {
    if (error instanceof PdfError) return { ok: false, refused: { name, message: error.message, action: error.action, code: error.code } };
    if (error instanceof PathRefused) return { ok: false, refused: pathRefusal(name) };
    log.error(`could not stage ${name}`, error);
    return {
      ok: false,
      refused: {
        name,
        message: withDetail(`${name} could not be added`, (error as NodeJS.ErrnoException).code ?? (error as Error).message),
        action: 'Check that the data folder is writable and has free space, then add the file again.',
      },
    };
  }
}

export async function readStaged(dir: string, id: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(stagedPath(dir, id)));
}

export async function removeStaged(dir: string, ids: readonly string[]): Promise<void> {
  for (const id of ids) await rm(stagedPath(dir, id), { force: true }).catch((e) => log.warn(`could not delete a staged document`, e));
}

/** Deletes staged files the draft no longer mentions (a crash between copy and save, an old draft). */
export async function sweepStaging(dir: string, keep: ReadonlySet<string>): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const file of names) {
    const id = file.replace(/\.pdf$/, '');
    const ours = file.endsWith('.pdf') && ID_PATTERN.test(id);
    const leftover = file.startsWith('.') && file.endsWith('.tmp');
    const merged = file.startsWith('fax-') && file.endsWith('.pdf');
    if ((ours && !keep.has(id)) || leftover || merged) {
      await rm(join(dir, file), { force: true }).catch(() => undefined);
      removed += 1;
    }
  }
  return removed;
}
