// Claimed files between their claim and their finish: processed a few at a time (parse,
// route, the duplicate check), reported, and kept in this run's spool folder until their
// consumer finishes them. While any is unfinished the folder stays ours; after a crash the
// next run takes it over (spool-owner.ts) and processes what is left again.

import type { PaperSize } from '../../shared/domain.ts';
import { createLogger } from '../core/logger.ts';
import type { PdfInspector } from '../pdf/pdf-inspector.ts';
import type { HotFolderDocument, HotFolderRejected } from './events.ts';
import type { HotFolderLedger } from './ledger.ts';
import { type ClaimedFile, createLock, inHandKey, processClaimed } from './process-claimed.ts';
import type { ContactLookup } from './routing.ts';
import { markHandOff, removeEntry } from './spool-entries.ts';
import { type OwnedSpool, openOwnedSpool } from './spool-owner.ts';

const log = createLogger('hotfolder');

export interface ClaimedFilesOptions {
  spoolDir: string;
  ledger: HotFolderLedger;
  lookupContact?: ContactLookup;
  defaultCountry?: string;
  textMaxPages: number;
  concurrency: number;
  /** The paper an image's pages are made on when its routing chose none. */
  imagePaper?: () => PaperSize;
  /** Where pdf.js reads claimed files (pdf/pdf-inspector.ts). */
  pdfInspector?: PdfInspector;
}

export interface ClaimedFilesEvents {
  document(doc: HotFolderDocument): void;
  rejected(rejected: HotFolderRejected): void;
  error(message: string, path: string, cause: unknown): void;
}

export interface ClaimedFiles {
  /** This run's spool folder (made on first use; a failure is tried again next time). */
  spool(): Promise<OwnedSpool>;
  add(files: readonly ClaimedFile[]): void;
  beginHandOff(doc: HotFolderDocument): Promise<void>;
  finish(doc: HotFolderDocument, outcome: 'sent' | 'set-aside'): Promise<void>;
  /** Processes all that is queued; the spool folder is given up once the last document is finished. */
  drain(): Promise<void>;
}

export function createClaimedFiles(options: ClaimedFilesOptions, on: ClaimedFilesEvents): ClaimedFiles {
  const ledgerLock = createLock();
  const queue: ClaimedFile[] = [];
  const inFlight = new Set<Promise<void>>();
  const inHand = new Set<string>();
  const unfinished = new Set<string>();
  let spoolOpen: Promise<OwnedSpool> | undefined;
  let draining = false;

  const spool = (): Promise<OwnedSpool> => {
    spoolOpen ??= openOwnedSpool(options.spoolDir).catch((error) => {
      spoolOpen = undefined;
      throw error;
    });
    return spoolOpen;
  };

  const releaseIfDone = async () => {
    if (draining && unfinished.size === 0 && spoolOpen) await (await spoolOpen).release();
  };

  const pump = () => {
    while (inFlight.size < options.concurrency && queue.length > 0) {
      const file = queue.shift() as ClaimedFile;
      const job = processClaimed(file, {
        ledger: options.ledger,
        lookupContact: options.lookupContact,
        defaultCountry: options.defaultCountry,
        textMaxPages: options.textMaxPages,
        imagePaper: options.imagePaper,
        pdfInspector: options.pdfInspector,
        ledgerLock,
        inHand,
      })
        .then((outcome) => {
          if (outcome.kind === 'document') return on.document(outcome.document);
          unfinished.delete(file.spoolPath);
          on.rejected(outcome.rejected);
        })
        .catch((error) =>
          on.error(
            `${file.originalName} was taken but could not be processed; it is kept at ${file.spoolPath} and tried again at the next start`,
            file.spoolPath,
            error,
          ),
        )
        .finally(() => {
          inFlight.delete(job);
          pump();
        });
      inFlight.add(job);
    }
  };

  return {
    spool,
    add(files) {
      for (const file of files) {
        unfinished.add(file.spoolPath);
        queue.push(file);
      }
      pump();
    },
    beginHandOff: (doc) => markHandOff(doc.spoolPath, Date.now()),
    async finish(doc, outcome) {
      if (!unfinished.has(doc.spoolPath)) return;
      await ledgerLock(async () => {
        if (outcome === 'sent') {
          const { sha256, size, originalName, spoolPath, claimedAt } = doc;
          // A ledger that cannot be written loses only the duplicate warning; the document is already sent.
          await Promise.resolve(options.ledger.recordSent({ sha256, size, originalName, spoolPath, claimedAt, sentAt: Date.now() })).catch(
            (error) => log.warn(`could not note ${originalName} as sent in the ledger`, error),
          );
        }
        if (!doc.duplicateOf) inHand.delete(inHandKey(doc));
      });
      await removeEntry(doc.spoolPath, outcome === 'set-aside');
      unfinished.delete(doc.spoolPath);
      await releaseIfDone();
    },
    async drain() {
      while (inFlight.size > 0 || queue.length > 0) {
        pump();
        await Promise.allSettled([...inFlight]);
      }
      draining = true;
      await releaseIfDone().catch((error) => log.warn('could not give up the spool folder', error));
    },
  };
}
