// What is durable about a claimed file while it is ours. The file itself in the spool means
// "unfinished"; beside it are its routing sidecar `X.json`, a claim record `X.claim` (its real
// name and folder) and, once its hand-off to the outbox began, `X.handoff`, so after a crash
// the outbox can be asked whether it arrived. A finished file goes with everything beside it.

import { open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PRIVATE_FILE_MODE } from '../core/private-files.ts';
import { LINK_COPY_PREFIX } from './links.ts';
import type { ClaimedFile } from './process-claimed.ts';

const SIDECAR = '.json';
const CLAIM = '.claim';
const HANDOFF = '.handoff';
// copyVerifyDelete's temporary copy: the source is deleted only after it was renamed, so a
// leftover is always a spare copy.
const COPYING = /\.[0-9a-f]{8}\.copying$/;
// spoolName in move.ts: `20250101T120000-1a2b3c4d-` before the (sanitised) name.
const SPOOL_PREFIX = /^\d{8}T\d{6}-[0-9a-f]{8}-/;

interface ClaimRecord {
  originalName: string;
  folder: string;
  claimedAt: number;
  linkTarget?: string;
}

export function sidecarPathFor(spoolPath: string): string {
  return `${spoolPath}${SIDECAR}`;
}

export async function writeClaimRecord(spoolPath: string, record: ClaimRecord): Promise<void> {
  await writeFile(`${spoolPath}${CLAIM}`, JSON.stringify(record), { mode: PRIVATE_FILE_MODE });
}

/** Notes, synced to disk, that the hand-off of `spoolPath` starts now (before the outbox has it). */
export async function markHandOff(spoolPath: string, at: number): Promise<void> {
  const handle = await open(`${spoolPath}${HANDOFF}`, 'w', PRIVATE_FILE_MODE);
  try {
    await handle.writeFile(String(at));
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Removes what is left of a finished file: the sidecar first and the records last, so a crash
 * midway leaves either the file (still unfinished, taken up again) or only records (swept).
 * `setAside`: the file (and its sidecar, unless that failed) was moved to the person's folder;
 * only our records go.
 */
export async function removeEntry(spoolPath: string, setAside = false): Promise<void> {
  if (!setAside) {
    await rm(sidecarPathFor(spoolPath), { force: true });
    await rm(spoolPath, { force: true });
  }
  await rm(`${spoolPath}${CLAIM}`, { force: true });
  await rm(`${spoolPath}${HANDOFF}`, { force: true });
}

export interface Unfinished {
  files: ClaimedFile[];
  /** Sidecars whose document is gone (a crash while both were set aside): kept for a person. */
  strayRoutingFiles: Array<{ path: string; name: string }>;
}

/**
 * The unfinished files in `dir`, oldest first. `sweep` (only before anything new is claimed):
 * stray records and spare copies are removed too; later a copy may still be in the making.
 */
export async function listUnfinished(dir: string, folder: string, sweep: boolean): Promise<Unfinished> {
  const all = await readdir(dir).catch(() => [] as string[]);
  if (sweep) for (const n of all) if (n.startsWith(LINK_COPY_PREFIX)) await rm(join(dir, n), { force: true });
  const names = all.filter((n) => !n.startsWith('.'));
  const present = new Set(names);
  const belongsTo = (name: string, suffix: string) => name.endsWith(suffix) && present.has(name.slice(0, -suffix.length));
  const files: ClaimedFile[] = [];
  const strayRoutingFiles: Unfinished['strayRoutingFiles'] = [];
  for (const name of names.sort()) {
    const path = join(dir, name);
    if (COPYING.test(name)) {
      if (sweep) await rm(path, { force: true });
      continue;
    }
    const isDoc = present.has(`${name}${CLAIM}`);
    if (!isDoc && [SIDECAR, CLAIM, HANDOFF].some((s) => belongsTo(name, s))) continue;
    if (!isDoc && (await isStrayRecord(path, name))) {
      if (sweep) await rm(path, { force: true });
      continue;
    }
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) continue;
    if (!isDoc && name.endsWith(SIDECAR)) {
      strayRoutingFiles.push({ path, name: name.replace(SPOOL_PREFIX, '') });
      continue;
    }
    const record = await readRecord(`${path}${CLAIM}`);
    const handOffAt = present.has(`${name}${HANDOFF}`) ? await readHandOff(`${path}${HANDOFF}`, record, info.mtimeMs) : undefined;
    files.push({
      spoolPath: path,
      originalName: record?.originalName ?? name.replace(SPOOL_PREFIX, ''),
      folder: record?.folder ?? folder,
      claimedAt: record?.claimedAt ?? info.mtimeMs,
      ...(present.has(`${name}${SIDECAR}`) ? { sidecarPath: sidecarPathFor(path) } : {}),
      ...(record?.linkTarget ? { linkTarget: record.linkTarget } : {}),
      ...(handOffAt === undefined ? {} : { handOffSince: handOffAt }),
    });
  }
  return { files, strayRoutingFiles };
}

// Only what we wrote ourselves is swept: a document of the user's may be named x.claim too.
async function isStrayRecord(path: string, name: string): Promise<boolean> {
  if (name.endsWith(CLAIM)) return (await readRecord(path)) !== undefined;
  if (!name.endsWith(HANDOFF)) return false;
  const text = await readFile(path, 'utf8').catch(() => 'x');
  return /^\d*$/.test(text);
}

async function readRecord(path: string): Promise<ClaimRecord | undefined> {
  try {
    const r = JSON.parse(await readFile(path, 'utf8')) as ClaimRecord;
    return typeof r.originalName === 'string' && typeof r.folder === 'string' && typeof r.claimedAt === 'number' ? r : undefined;
  } catch {
    return undefined;
  }
}

// A marker torn by a crash still says the hand-off may have begun: then any time since the claim counts.
async function readHandOff(path: string, record: ClaimRecord | undefined, fileMtime: number): Promise<number> {
  const at = Number(await readFile(path, 'utf8').catch(() => ''));
  if (Number.isFinite(at) && at > 0) return at;
  return record?.claimedAt ?? Math.min(fileMtime, Date.now());
}
