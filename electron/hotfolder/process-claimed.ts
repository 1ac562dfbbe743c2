// What happens to a file once it is ours (moved into the spool): parse it, route it, check the
// ledger for an identical earlier document, and report it. A file that turns out unreadable
// goes back to the hot folder's Rejected/ with its reason; nothing is deleted.

import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { createLogger } from '../core/logger.ts';
import { inspectPdf } from '../pdf/inspect.ts';
import { PdfError } from '../pdf/pdf-errors.ts';
import type { HotFolderDocument, HotFolderRejected } from './events.ts';
import type { HotFolderLedger } from './ledger.ts';
import { moveNoClobber } from './move.ts';
import { REJECTED_DIR } from './names.ts';
import { setAside } from './rejects.ts';
import { type ContactLookup, routeDocument } from './routing.ts';

const log = createLogger('hotfolder');

export interface ClaimedFile {
  spoolPath: string;
  sidecarPath?: string;
  originalName: string;
  /** The hot folder it came from: rejects go back there. */
  folder: string;
  claimedAt: number;
}

export interface ProcessDeps {
  ledger: HotFolderLedger;
  lookupContact?: ContactLookup;
  defaultCountry?: string;
  textMaxPages: number;
  /** Serialises ledger look-ups so two identical files in one burst are still told apart. */
  ledgerLock: <T>(fn: () => Promise<T>) => Promise<T>;
}

export type ProcessOutcome = { kind: 'document'; document: HotFolderDocument } | { kind: 'rejected'; rejected: HotFolderRejected };

export async function processClaimed(file: ClaimedFile, deps: ProcessDeps): Promise<ProcessOutcome> {
  let info: Awaited<ReturnType<typeof inspectPdf>>;
  try {
    info = await inspectPdf(file.spoolPath, { textMaxPages: deps.textMaxPages });
  } catch (error) {
    if (!(error instanceof PdfError)) throw error;
    return { kind: 'rejected', rejected: await rejectFromSpool(file, error) };
  }

  let sidecarText: string | undefined;
  if (file.sidecarPath) {
    try {
      sidecarText = await readFile(file.sidecarPath, 'utf8');
    } catch (error) {
      log.warn(`sidecar for ${file.originalName} could not be read`, error);
      sidecarText = '';
    }
  }
  const route = await routeDocument({
    fileName: file.originalName,
    text: info.text,
    sidecarText,
    lookupContact: deps.lookupContact,
    defaultCountry: deps.defaultCountry,
  });

  const duplicate = await deps.ledgerLock(async () => {
    const seen = await deps.ledger.seen(info.sha256, info.size);
    await deps.ledger.record({
      sha256: info.sha256,
      size: info.size,
      originalName: file.originalName,
      spoolPath: file.spoolPath,
      claimedAt: file.claimedAt,
    });
    return seen;
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
  };
  return { kind: 'document', document };
}

async function rejectFromSpool(file: ClaimedFile, error: PdfError): Promise<HotFolderRejected> {
  const placed = await setAside(file.spoolPath, file.folder, REJECTED_DIR, file.originalName, error, new Date());
  if (file.sidecarPath) {
    try {
      await moveNoClobber(file.sidecarPath, dirname(placed.path), `${basename(placed.path)}.json`);
    } catch (moveError) {
      log.warn(`sidecar of rejected ${file.originalName} stays in the spool`, moveError);
    }
  }
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
