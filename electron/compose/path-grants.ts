// Which paths Compose may read: only those a person or the OS handed to main. A drop (its paths
// taken by the preload from the trusted drop event), the Add documents dialog, "Open with" and
// the hot folder's spool grant; any other path is refused with the one answer
// (PATH_NOT_GRANTED), before anything is looked at, so a caller cannot probe for files.
//
// A grant pins the file, not the name: the file the path led to when it was granted (its
// device and inode, a symlink followed then, as the person's file manager showed it) is the
// only file read. Swapping the path for a symlink, another file or a hard link to something
// else afterwards gets the one answer too. A hard link that was already there is not refused:
// it is the file itself under one more name, not a pointer elsewhere (and Linux's
// protected_hardlinks keeps anyone from linking a file they could not read). Folders on the way
// may be links (/tmp on macOS, a home moved to another disk): the person saw the file there.

import { constants } from 'node:fs';
import { type FileHandle, open, stat } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import type { RefusedFile } from '../../shared/ipc/contract/compose.ts';
import { PATH_NOT_GRANTED } from '../../shared/ipc/names.ts';
import { MAX_PDF_BYTES } from '../../shared/domain.ts';
import { headerProblem, PdfError } from '../pdf/pdf-errors.ts';

/** A drop is added within a second; the dialog's and "Open with"'s paths at once. */
const GRANT_TTL_MS = 2 * 60_000;
/** Grants held at once; the oldest go first (a drop on the contacts import holds some it never uses). */
const MAX_GRANTS = 200;
// O_NONBLOCK: a FIFO swapped in would block the open forever. O_NOCTTY: never a terminal. Windows has neither.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

interface FileIdentity {
  dev: bigint;
  ino: bigint;
}

/** A path whose grant was used up: the file it was granted for (undefined: no regular file was there). */
export interface GrantedPath {
  path: string;
  file: Promise<FileIdentity | undefined>;
}

export interface PathGrants {
  /**
   * Grants each absolute path one read within GRANT_TTL_MS, at once (a take right after finds
   * it). Resolves, once each file is pinned, to how many were granted (a relative path never is).
   */
  grant(paths: readonly string[]): Promise<number>;
  /** Uses up one grant of `path`; undefined when it has none (never granted, used, expired). */
  take(path: string): GrantedPath | undefined;
}

/** The path is not granted, or no longer the file it was granted for. */
export class PathRefused extends Error {
  override name = 'PathRefused';
  constructor() {
    super(PATH_NOT_GRANTED.message);
  }
}

function identify(path: string): Promise<FileIdentity | undefined> {
  return stat(path, { bigint: true }).then(
    (s) => (s.isFile() ? { dev: s.dev, ino: s.ino } : undefined),
    () => undefined,
  );
}

export function createPathGrants(opts: { ttlMs?: number; max?: number; now?: () => number } = {}): PathGrants {
  const ttl = opts.ttlMs ?? GRANT_TTL_MS;
  const max = opts.max ?? MAX_GRANTS;
  const now = opts.now ?? Date.now;
  const held = new Map<string, { until: number; uses: number; file: Promise<FileIdentity | undefined> }>();
  return {
    async grant(paths) {
      const pinned: Promise<unknown>[] = [];
      for (const path of paths) {
        if (!isAbsolute(path)) continue;
        const before = held.get(path);
        held.delete(path);
        // Held before the first await: the drop's own add, sent right after, finds it and waits for the pin.
        const file = identify(path);
        held.set(path, { until: now() + ttl, uses: (before?.uses ?? 0) + 1, file });
        pinned.push(file);
      }
      for (const oldest of held.keys()) {
        if (held.size <= max) break;
        held.delete(oldest);
      }
      await Promise.all(pinned);
      return pinned.length;
    },
    take(path) {
      const g = held.get(path);
      if (!g) return undefined;
      if (g.until < now()) {
        held.delete(path);
        return undefined;
      }
      if (--g.uses <= 0) held.delete(path);
      return { path, file: g.file };
    },
  };
}

/** Splits paths into those with a grant (each used up) and the one refusal for the others. */
export function takeGranted(grants: PathGrants, paths: readonly string[]): { granted: GrantedPath[]; refused: RefusedFile[] } {
  const granted: GrantedPath[] = [];
  const refused: RefusedFile[] = [];
  for (const path of paths) {
    const g = grants.take(path);
    if (g) granted.push(g);
    else refused.push(pathRefusal(basename(path)));
  }
  return { granted, refused };
}

/** The one refusal, under the name the caller gave. */
export function pathRefusal(name: string): RefusedFile {
  return { name, message: PATH_NOT_GRANTED.message, action: PATH_NOT_GRANTED.action, code: PATH_NOT_GRANTED.code };
}

/**
 * The bytes of the very file that was granted: opened, then checked on the open handle to be a
 * regular file with the granted device and inode. Throws PathRefused for anything else (gone,
 * a folder, another file now), and the shared PdfError for a file over the size limit (the
 * person chose it, so the reason helps them).
 */
export async function readGranted(granted: GrantedPath): Promise<Uint8Array> {
  const want = await granted.file;
  if (!want) throw new PathRefused();
  let handle: FileHandle;
  try {
    handle = await open(granted.path, READ_FLAGS);
  } catch {
    throw new PathRefused();
  }
  try {
    const info = await handle.stat({ bigint: true });
    if (!info.isFile() || info.dev !== want.dev || info.ino !== want.ino) throw new PathRefused();
    const size = Number(info.size);
    if (size > MAX_PDF_BYTES) throw headerProblem(new Uint8Array(), size) ?? new PathRefused();
    return await readMeasured(handle, size);
  } catch (error) {
    if (error instanceof PathRefused || error instanceof PdfError) throw error;
    throw new PathRefused();
  } finally {
    await handle.close().catch(() => undefined);
  }
}

// What the open handle measured is read, and no more: a file that grows meanwhile cannot push
// past the limit (one that shrinks ends early, and the PDF rules judge what is there).
async function readMeasured(handle: FileHandle, size: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(size);
  let at = 0;
  while (at < size) {
    const { bytesRead } = await handle.read(bytes, at, size - at, at);
    if (bytesRead === 0) break;
    at += bytesRead;
  }
  return bytes.subarray(0, at);
}
