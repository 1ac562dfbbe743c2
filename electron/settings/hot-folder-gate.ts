// The one gate a new hot folder passes, whichever way it is asked for. A folder that can never
// be one is refused (hot-folder-rules.ts), then the archive folder or one holding it (the
// hot folder would take the archived faxes: archiveInHotFolder, the rule the archive folder's
// check asks too), then one we cannot write to (folder-check.ts), and
// one that already holds files is taken only once the person saw what is in it and said yes:
//   - Electron: the folder comes only from the native picker. The person confirms its contents
//     there in a native dialog, and main keeps the picked path as a grant; updateSettings over
//     the Electron transport takes no other path, so a renderer cannot name one.
//   - The browser host (a typed path): the refusal carries the listing, the renderer asks, and
//     the request comes again with `confirmFolderContents` equal to that path.
// A folder chosen before (the saved setting, also one an older version saved; the folder
// `openfax watch` ran on before) is checked again before it is watched, against the places
// that can never be one only: the person chose its contents long ago and the app has been
// emptying it since.

import { realpath } from 'node:fs/promises';
import type { FolderContents } from '../../shared/ipc/contract/account.ts';
import { folderContentsQuestion, listingLine } from '../../shared/trust-questions.ts';
import { AppError } from '../core/app-error.ts';
import type { HostAdapter } from '../core/host.ts';
import { archiveClashesWithHotFolder } from './archive-folder.ts';
import { folderProblem } from './folder-check.ts';
import { folderListing } from './folder-contents.ts';
import { type HotFolderPlaces, hotFolderPlaceProblem } from './hot-folder-rules.ts';

export type FolderVerdict = { ok: true } | { ok: false; reason: string; listing?: FolderContents };

export interface HotFolderGate {
  /** A folder the person picked in the native picker: refused, declined (they said no to its contents), or granted. */
  checkPicked(path: string, confirm: HostAdapter['confirm']): Promise<FolderVerdict | 'declined'>;
  /**
   * A folder an updateSettings names. Over the Electron transport only a granted (picked) path
   * passes, else an AppError; over the browser's, a folder with files needs `confirmedContents === path`.
   */
  checkUpdate(path: string, how: { transport: 'electron' | 'web'; confirmedContents?: string }): Promise<FolderVerdict>;
  /** A folder chosen before, about to be watched: why it can never be one (home, Documents, system, data), or undefined. */
  checkKept(path: string): Promise<string | undefined>;
}

function notEmptyReason(listing: FolderContents): string {
  const q = folderContentsQuestion(listing);
  return `${q.message} ${listingLine(listing)} Confirm to use it, or choose an empty folder.`;
}

/** How long a picked folder may wait for the save that uses it: the picker answers, then Settings saves. */
const GRANT_MS = 10 * 60_000;

/** `archiveFolder`: the archive folder setting ('' = none), which a new hot folder may not be or hold. */
export function createHotFolderGate(
  places: HotFolderPlaces,
  now: () => number = Date.now,
  archiveFolder: () => string = () => '',
): HotFolderGate {
  // A pick grants one save of that folder, soon, holding no more than the person was shown: a
  // grant kept for the session would let a folder that filled up since be taken unseen.
  const granted = new Map<string, { until: number; count: number }>();

  /** Never-allowed places, for the path as given and where it really leads. */
  async function neverAllowed(path: string): Promise<string | undefined> {
    const why = hotFolderPlaceProblem(path, places);
    if (why) return why;
    // A link to the home folder is the home folder.
    const real = await realpath(path).catch(() => path);
    return real === path ? undefined : hotFolderPlaceProblem(real, places);
  }

  async function archiveProblem(path: string): Promise<string | undefined> {
    const archive = archiveFolder();
    if (!(await archiveClashesWithHotFolder(archive, path, places.platform))) return undefined;
    return `${path} is or holds the archive folder (${archive}): the hot folder would take every archived fax and send it again. Choose another folder for the hot folder, for example "Openfax Outbox" in Documents, or another archive folder.`;
  }

  /** Never-allowed places, the archive, then unwritable folders (checked by writing, so only once the place may be one). */
  async function placeProblem(path: string): Promise<string | undefined> {
    return (await neverAllowed(path)) ?? (await archiveProblem(path)) ?? (await folderProblem(path));
  }

  return {
    async checkPicked(path, confirm) {
      const why = await placeProblem(path);
      if (why) return { ok: false, reason: why };
      const listing = await folderListing(path);
      if (listing.count > 0) {
        if (!confirm) return { ok: false, reason: notEmptyReason(listing), listing };
        const q = folderContentsQuestion(listing);
        if (!(await confirm({ ...q, detail: `${listingLine(listing)}\n\n${q.detail}` }))) return 'declined';
      }
      granted.set(path, { until: now() + GRANT_MS, count: listing.count });
      return { ok: true };
    },
    async checkUpdate(path, { transport, confirmedContents }) {
      const grant = transport === 'electron' ? granted.get(path) : undefined;
      if (grant) granted.delete(path);
      if (transport === 'electron' && !(grant && grant.until >= now())) {
        throw new AppError('Choose the hot folder with “Choose folder…”: the app takes a hot folder only from its folder picker.', {
          code: 'hot-folder-not-picked',
          field: 'hotFolderPath',
        });
      }
      const why = await placeProblem(path);
      if (why) return { ok: false, reason: why };
      const listing = await folderListing(path);
      // Electron: the person saw the contents and said yes when they picked it, unless more came since.
      if (transport === 'electron') {
        if (listing.count <= (grant?.count ?? 0)) return { ok: true };
        return { ok: false, reason: `${notEmptyReason(listing)} It has changed since you chose it: choose it again.`, listing };
      }
      if (listing.count === 0 || confirmedContents === path) return { ok: true };
      return { ok: false, reason: notEmptyReason(listing), listing };
    },
    checkKept: neverAllowed,
  };
}
