// What happens to a file once it is ours (moved into the spool): parse it, route it, check
// whether identical content was sent before (the ledger) or is in hand right now, and report
// it. An image (PNG, JPEG, TIFF) is first made into a PDF in the spool, as every entry does. A
// file that turns out unreadable goes back to the hot folder's Rejected/ with its reason;
// nothing is deleted. pdf.js reads it in the PDF check's child (pdf/pdf-inspector.ts): one that
// crashes the check, or takes it over its time or memory cap, is rejected the same way, with the
// reason; the file is main's all along, so it is never lost with the child.

import { open, readFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { documentKindOf } from '../../shared/document-kinds.ts';
import type { PaperSize } from '../../shared/domain.ts';
import { createLogger } from '../core/logger.ts';
import { PRIVATE_FILE_MODE } from '../core/private-files.ts';
import { readFaxDocument } from '../pdf/fax-document.ts';
import type { PdfInfo } from '../pdf/pdf-info.ts';
import type { PdfInspector } from '../pdf/pdf-inspector.ts';
import { documentPaperSize } from '../pdf/paper-size.ts';
import { PdfError } from '../pdf/pdf-errors.ts';
import { defaultPdfInspector } from '../pdf/thread-inspector.ts';
import type { HotFolderDocument, HotFolderRejected } from './events.ts';
import type { HotFolderLedger } from './ledger.ts';
import { moveNoClobber } from './move.ts';
import { REJECTED_DIR } from './names.ts';
import { setAside } from './rejects.ts';
import { removeEntry } from './spool-entries.ts';
import { type ContactLookup, routeDocument } from './routing.ts';

const log = createLogger('hotfolder');

export interface ClaimedFile {
  spoolPath: string;
  sidecarPath?: string;
  originalName: string;
  /** The hot folder it came from: rejects go back there. */
  folder: string;
  claimedAt: number;
  /** It was a link to this file (copied in; the file stays where it is). */
  linkTarget?: string;
  /** Taken up again after a crash during its hand-off, which began then. */
  handOffSince?: number;
}

export interface ProcessDeps {
  ledger: HotFolderLedger;
  lookupContact?: ContactLookup;
  defaultCountry?: string;
  textMaxPages: number;
  /** Serialises ledger look-ups so two identical files in one burst are still told apart. */
  ledgerLock: <T>(fn: () => Promise<T>) => Promise<T>;
  /** `sha256:size` of documents reported and not yet finished by their consumer. */
  inHand: Set<string>;
  /** The paper an image's pages are made on when its routing chose none (the settings' default). */
  imagePaper?: () => PaperSize;
  /** Where pdf.js reads the file (the app's services pass theirs); this process's worker thread when absent. */
  pdfInspector?: PdfInspector;
}

export type ProcessOutcome = { kind: 'document'; document: HotFolderDocument } | { kind: 'rejected'; rejected: HotFolderRejected };

export async function processClaimed(file: ClaimedFile, deps: ProcessDeps): Promise<ProcessOutcome> {
  const sidecarText = await readSidecar(file);
  const routeWith = (text: string | undefined) =>
    routeDocument({
      fileName: file.originalName,
      text,
      sidecarText,
      lookupContact: deps.lookupContact,
      defaultCountry: deps.defaultCountry,
    });
  // An image has no text to route by: its name and routing file are read first, since they may
  // choose the paper its pages are made on.
  const imageRoute = (await isImage(file.spoolPath)) ? await routeWith(undefined) : undefined;
  const inspector = deps.pdfInspector ?? defaultPdfInspector();
  let info: PdfInfo;
  try {
    if (imageRoute) {
      const paper = imageRoute.options.paperSize ?? deps.imagePaper?.() ?? 'letter';
      info = await prepareInSpool(file.spoolPath, deps.textMaxPages, inspector, paper);
    } else {
      info = await inspector.inspect(file.spoolPath, { textMaxPages: deps.textMaxPages });
      if (info.encrypted || info.hasForm) info = await prepareInSpool(file.spoolPath, deps.textMaxPages, inspector);
    }
  } catch (error) {
    if (!(error instanceof PdfError)) throw error;
    return { kind: 'rejected', rejected: await rejectFromSpool(file, error) };
  }
  const route = imageRoute ?? (await routeWith(info.text));
  // Sent on the paper its pages are, unless its routing chose one (the rule every entry uses).
  route.options.paperSize ??= documentPaperSize(info.pageSizes);

  const key = inHandKey(info);
  const duplicate = await deps.ledgerLock(async () => {
    if (deps.inHand.has(key) || (await deps.ledger.sent(info.sha256, info.size))) return true;
    deps.inHand.add(key);
    return false;
  });

  const document: HotFolderDocument = {
    spoolPath: file.spoolPath,
    ...(file.sidecarPath ? { sidecarPath: file.sidecarPath } : {}),
    originalName: file.originalName,
    pages: info.pages,
    paperSize: info.paperSize,
    paperSizeMismatch: info.paperSizeMismatch,
    sha256: info.sha256,
    size: info.size,
    ...(duplicate ? { duplicateOf: info.sha256 } : {}),
    route,
    claimedAt: file.claimedAt,
    ...(file.linkTarget ? { linkTarget: file.linkTarget } : {}),
    ...(file.handOffSince === undefined ? {} : { handOffSince: file.handOffSince }),
  };
  return { kind: 'document', document };
}

/**
 * Makes the spool copy what a fax must carry, as every other entry does (pdf/fax-document.ts):
 * an owner-password PDF decrypted, a filled form flattened into its pages. The rewrite is
 * deterministic (no new dates), so the same file always gives the same hash for the ledger.
 * The new bytes replace the copy by rename: a crash leaves one version or the other, never half
 * of one, and the dot name keeps a leftover out of the spool's recovery.
 */
async function prepareInSpool(spoolPath: string, textMaxPages: number, inspector: PdfInspector, imagePaper?: PaperSize): Promise<PdfInfo> {
  const prepared = await readFaxDocument(spoolPath, { textMaxPages, imagePaper, inspector });
  const tmp = join(dirname(spoolPath), `.${basename(spoolPath)}.preparing`);
  const handle = await open(tmp, 'w', PRIVATE_FILE_MODE);
  try {
    await handle.writeFile(prepared.bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, spoolPath);
  const how = prepared.converted
    ? `made from a ${prepared.converted.from.toUpperCase()} image into ${prepared.info.pages} page(s)`
    : prepared.rewritten;
  log.info(`${basename(spoolPath)}: ${how ?? 'checked'} for faxing`);
  return prepared.info;
}

async function readSidecar(file: ClaimedFile): Promise<string | undefined> {
  if (!file.sidecarPath) return undefined;
  try {
    return await readFile(file.sidecarPath, 'utf8');
  } catch (error) {
    log.warn(`sidecar for ${file.originalName} could not be read`, error);
    return '';
  }
}

/** Told by content, as everywhere: a PNG, JPEG or TIFF is made into pages before anything else. */
async function isImage(path: string): Promise<boolean> {
  // Unreadable: the inspection says so in its own words.
  const handle = await open(path, 'r').catch(() => undefined);
  if (!handle) return false;
  try {
    const head = new Uint8Array(16);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const kind = documentKindOf(head.subarray(0, bytesRead));
    return kind !== undefined && kind !== 'pdf';
  } finally {
    await handle.close();
  }
}

/** The key a document is held under while in hand. */
export function inHandKey(doc: { sha256: string; size: number }): string {
  return `${doc.sha256}:${doc.size}`;
}

/** The line a reason file adds for a document that came from a link. */
export function linkNote(linkTarget: string | undefined): string[] {
  return linkTarget ? [`It was a link to "${linkTarget}": that file was left where it is, and this is a copy of it.`] : [];
}

async function rejectFromSpool(file: ClaimedFile, error: PdfError): Promise<HotFolderRejected> {
  const reason = { message: error.message, action: error.action, notes: linkNote(file.linkTarget) };
  const placed = await setAside(file.spoolPath, file.folder, REJECTED_DIR, file.originalName, reason, new Date());
  if (file.sidecarPath) {
    try {
      await moveNoClobber(file.sidecarPath, dirname(placed.path), `${basename(placed.path)}.json`);
    } catch (moveError) {
      log.warn(`sidecar of rejected ${file.originalName} stays in the spool`, moveError);
    }
  }
  await removeEntry(file.spoolPath, true);
  return {
    originalName: file.originalName,
    rejectedPath: placed.path,
    reasonPath: placed.reasonPath,
    reason: { code: error.code, message: error.message, action: error.action },
  };
}

/** A promise chain used as a mutex. */
export function createLock(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>) => {
    const next = tail.then(fn, fn);
    tail = next.catch(() => {});
    return next;
  };
}
