// A merge's choices as stored (JSON in the merges row), read back through the contract's own
// schemas: a row written by another version that no longer parses is shown with the defaults
// rather than breaking the screen, but is never sent with them (sentOptions: the merge holds).
// New merges take their fax options from the settings, as Compose does.

import { MergeMapping, MergeOptions } from '../../shared/ipc/contract/merge.ts';
import type { Settings } from '../../shared/settings.ts';
import type { MergeProblem } from './types.ts';

export function defaultOptions(s: Pick<Settings, 'fromHeader' | 'resolution' | 'priority'>): MergeOptions {
  return {
    fromHeader: s.fromHeader,
    resolution: s.resolution,
    priority: s.priority,
    paperSize: null,
    cover: { enabled: false, to: '', from: '', subject: '', message: '' },
  };
}

export const EMPTY_MAPPING: MergeMapping = { fields: {}, numberColumn: null, toHeaderField: null };

/** For showing a draft only: what is sent is read with sentOptions, which never falls back. */
export function readOptions(stored: unknown, s: Pick<Settings, 'fromHeader' | 'resolution' | 'priority'>): MergeOptions {
  const r = MergeOptions.safeParse(stored);
  return r.success ? r.data : defaultOptions(s);
}

/** Why a merge's stored choices cannot be sent as they are (they no longer read as choices). */
const UNREADABLE_OPTIONS: MergeProblem = {
  code: 'options-unreadable',
  message: 'This merge’s fax choices (From header, resolution, paper, cover page) could not be read back as they were saved.',
  action: 'Cancel this merge and prepare it again, choosing its options anew.',
};

/**
 * The choices a merge sends with: exactly as stored, or the problem. Never the defaults in
 * their place, which would send the faxes with a header or a cover the person did not choose.
 */
export function sentOptions(stored: unknown): { ok: true; value: MergeOptions } | { ok: false; problem: MergeProblem } {
  const r = MergeOptions.safeParse(stored);
  return r.success ? { ok: true, value: r.data } : { ok: false, problem: UNREADABLE_OPTIONS };
}

export function readMapping(stored: unknown): MergeMapping {
  const r = MergeMapping.safeParse(stored);
  return r.success ? r.data : EMPTY_MAPPING;
}

/**
 * The mapping after the template or the data changed: the person's picks are kept where the
 * field and its column still exist; fields new to the template take the guess.
 */
export function carryMapping(
  previous: MergeMapping,
  guessed: MergeMapping,
  fields: readonly string[],
  columns: readonly string[],
): MergeMapping {
  const has = (c: string | null | undefined): c is string => typeof c === 'string' && columns.includes(c);
  const out: Record<string, string | null> = {};
  for (const f of fields) {
    const before = previous.fields[f];
    out[f] = has(before) ? before : (guessed.fields[f] ?? null);
  }
  return {
    fields: out,
    numberColumn: has(previous.numberColumn) ? previous.numberColumn : guessed.numberColumn,
    toHeaderField:
      previous.toHeaderField !== null && fields.includes(previous.toHeaderField) ? previous.toHeaderField : guessed.toHeaderField,
  };
}
