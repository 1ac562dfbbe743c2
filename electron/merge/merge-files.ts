// Where a merge keeps its files: `<data>/merges/<id>/` holds the template's private copy, the
// run's work folder (each row's filled .docx and PDF, removed once the row is queued) and the
// preview's. Only ids we minted become paths.

import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { privateDir } from '../core/private-files.ts';
import { writeFileAtomic } from '../pdf/write-atomic.ts';

const ID_PATTERN = /^[0-9a-f-]{36}$/;

export function newMergeId(): string {
  return randomUUID();
}

function mergeDir(dataDir: string, id: string): string {
  if (!ID_PATTERN.test(id)) throw new Error(`not a merge id: ${JSON.stringify(id.slice(0, 40))}`);
  return join(dataDir, 'merges', id);
}

function templatePath(dataDir: string, id: string): string {
  return join(mergeDir(dataDir, id), 'template.docx');
}

function workDir(dataDir: string, id: string): string {
  return join(mergeDir(dataDir, id), 'work');
}

/**
 * One owner's own work folder inside the merge's: a process that takes a merge over never
 * clears the files of another still converting (its rows are made again in a folder of its own).
 */
export function ownerWorkDir(dataDir: string, id: string, owner: string): string {
  return join(workDir(dataDir, id), owner.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80) || 'owner');
}

export function previewDir(dataDir: string, id: string): string {
  return join(mergeDir(dataDir, id), 'preview');
}

/** `row-00042`: a row's files in the work folder. */
export function rowStem(row: number): string {
  return `row-${String(row).padStart(5, '0')}`;
}

/** Keeps the template's bytes owner-only in the merge's folder. */
export async function saveTemplateCopy(dataDir: string, id: string, bytes: Uint8Array): Promise<string> {
  await privateDir(mergeDir(dataDir, id));
  const path = templatePath(dataDir, id);
  await writeFileAtomic(path, bytes);
  return path;
}

/** A fresh, empty folder (what a crash left in it is gone). */
export async function freshDir(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
  await privateDir(path);
}

export async function removeMergeFiles(dataDir: string, id: string): Promise<void> {
  await rm(mergeDir(dataDir, id), { recursive: true, force: true });
}
