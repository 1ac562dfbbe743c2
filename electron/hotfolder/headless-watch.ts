// The hot folder without a window (`openfax watch DIR`), for a machine serving a shared folder
// that many desktops print into. A document that says where it goes (and has no problems) is
// sent; anything else moves to `Needs review/` with a reason file, since nobody is there to ask.
// Each document is finished with the hot folder once it is queued or set aside, so one that a
// crash interrupted is taken up again at the next start, and the outbox is asked first whether
// it already has it (`wasQueued`): sent exactly once.

import { basename, dirname } from 'node:path';
import type { FaxOptions } from '../../shared/domain.ts';
import { createLogger } from '../core/logger.ts';
import type { HotFolderDocument } from './events.ts';
import { createHotFolder, type HotFolder, type HotFolderOptions } from './hot-folder.ts';
import { moveNoClobber } from './move.ts';
import { REVIEW_DIR } from './names.ts';
import { createLock, linkNote } from './process-claimed.ts';
import { setAside, type SetAsideReason } from './rejects.ts';
import { isAutoRoutable, type RouteRecipient } from './routing.ts';

const log = createLogger('watch');

/** What the sender (the outbox, in the CLI) is asked to do with a routed document. */
export interface RoutedSend {
  pdfPath: string;
  originalName: string;
  pages: number;
  recipients: RouteRecipient[];
  subject?: string;
  options: Partial<FaxOptions>;
}

/** `duplicate`: the outbox's duplicate guard refused it (Openfax already accepted the same document for a number). */
export type SendOutcome = { ok: true; jobIds: number[] } | { ok: false; message: string; action: string; duplicate?: true };

/** A document whose hand-off a crash interrupted, as the outbox would know it. */
export interface QueuedQuery {
  sha256: string;
  size: number;
  originalName: string;
  /** When the hand-off began: only what the outbox received since counts. */
  since: number;
}

export type WatchReport =
  /** `recovered`: it had reached the outbox before an interruption; it was not queued again. */
  | { kind: 'sent'; name: string; jobIds: number[]; recipients: number; recovered?: true }
  | { kind: 'review'; name: string; path: string; reason: string }
  | { kind: 'rejected'; name: string; path: string; reason: string }
  | { kind: 'notice'; message: string }
  | { kind: 'error'; message: string }
  | { kind: 'state'; status: string; folder: string; detail?: string };

export interface HeadlessWatchOptions extends HotFolderOptions {
  send(request: RoutedSend): Promise<SendOutcome>;
  /** The outbox's jobs for a document it received (a hand-off cut short by a crash), or undefined. */
  wasQueued?(query: QueuedQuery): number[] | undefined | Promise<number[] | undefined>;
  onReport?(report: WatchReport): void;
}

export interface HeadlessWatch {
  readonly hotFolder: HotFolder;
  /** Stops watching and waits for documents already taken to be sent or set aside. */
  dispose(): Promise<void>;
}

export function startHeadlessWatch(options: HeadlessWatchOptions): HeadlessWatch {
  const hot = createHotFolder(options);
  const report = (r: WatchReport) => {
    try {
      options.onReport?.(r);
    } catch (error) {
      log.warn('a watch report listener threw', error);
    }
  };
  const lock = createLock();
  const pending = new Set<Promise<unknown>>();
  const offs = [
    hot.on('document', (doc) => {
      const job = lock(() => handle(doc)).catch((error) =>
        report({ kind: 'error', message: `${doc.originalName}: ${(error as Error).message}` }),
      );
      pending.add(job);
      void job.finally(() => pending.delete(job));
    }),
    hot.on('rejected', (r) =>
      report({ kind: 'rejected', name: r.originalName, path: r.rejectedPath, reason: `${r.reason.message} ${r.reason.action}` }),
    ),
    hot.on('notice', (n) => report({ kind: 'notice', message: n.message })),
    hot.on('error', (e) => report({ kind: 'error', message: e.message })),
    hot.on('state', (s) => report({ kind: 'state', status: s.status, folder: s.folder, ...(s.detail ? { detail: s.detail } : {}) })),
  ];

  async function handle(doc: HotFolderDocument): Promise<void> {
    if (doc.handOffSince !== undefined && options.wasQueued) {
      const query = { sha256: doc.sha256, size: doc.size, originalName: doc.originalName, since: doc.handOffSince };
      const jobIds = await options.wasQueued(query);
      if (jobIds) {
        await hot.finish(doc, 'sent');
        return report({ kind: 'sent', name: doc.originalName, jobIds, recipients: jobIds.length, recovered: true });
      }
    }
    const reason = reviewReason(doc);
    if (reason) return review(doc, reason);
    const { route } = doc;
    await hot.beginHandOff(doc);
    const outcome = await options.send({
      pdfPath: doc.spoolPath,
      originalName: doc.originalName,
      pages: doc.pages,
      recipients: route.recipients,
      ...(route.subject ? { subject: route.subject } : {}),
      options: {
        ...route.options,
        ...(route.headers.toHeader !== undefined ? { toHeader: route.headers.toHeader } : {}),
        ...(route.headers.fromHeader !== undefined ? { fromHeader: route.headers.fromHeader } : {}),
      },
    });
    if (!outcome.ok) {
      return review(doc, {
        message: outcome.duplicate ? outcome.message : `It could not be queued: ${outcome.message}`,
        action: outcome.action,
      });
    }
    // The outbox committed its own copy of the document; ours goes now, and not before.
    await hot.finish(doc, 'sent');
    report({ kind: 'sent', name: doc.originalName, jobIds: outcome.jobIds, recipients: route.recipients.length });
  }

  async function review(doc: HotFolderDocument, reason: SetAsideReason): Promise<void> {
    const folder = hot.state.folder;
    const withLink = { ...reason, notes: [...(reason.notes ?? []), ...linkNote(doc.linkTarget)] };
    const placed = await setAside(doc.spoolPath, folder, REVIEW_DIR, doc.originalName, withLink, new Date());
    if (doc.sidecarPath) await moveNoClobber(doc.sidecarPath, dirname(placed.path), `${basename(placed.path)}.json`);
    await hot.finish(doc, 'set-aside');
    report({ kind: 'review', name: doc.originalName, path: placed.path, reason: `${reason.message} ${reason.action}` });
  }

  return {
    hotFolder: hot,
    async dispose() {
      await hot.dispose();
      while (pending.size > 0) await Promise.allSettled([...pending]);
      for (const off of offs) off();
    },
  };
}

/** Why a document cannot be sent unattended, or undefined when it can. */
function reviewReason(doc: HotFolderDocument): SetAsideReason | undefined {
  const { route } = doc;
  if (doc.duplicateOf) {
    return {
      message:
        'The same document (identical content) was already sent from this folder, or is being sent right now, so it was not sent twice.',
      action: 'If it really should go out again, send it from Openfax.',
    };
  }
  if (route.problems.length > 0) {
    return {
      message: route.problems.join(' '),
      action: 'Fix the document (or its .json file) and put it back in the folder, or send it from Openfax.',
    };
  }
  if (!isAutoRoutable(route)) {
    return {
      message:
        'The document does not say where it goes: no {{fax: …}} code in its text, no NAME.pdf.json beside it, and its name does not start with a fax number.',
      action: 'Add one of those and put it back in the folder (for example name it "12025551212 - letter.pdf"), or send it from Openfax.',
    };
  }
  return undefined;
}
