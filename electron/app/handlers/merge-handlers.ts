// Thin glue between the mail-merge channels and the merge service (electron/merge/). Bytes come
// as base64 (the contract caps their size); a 'pick' opens main's own file dialog, which only
// the desktop app has. Refusals are the service's AppErrors, mapped once by the router.

import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { MERGE_PICK_CANCELED, type MergeView, type mergeMethods } from '../../../shared/ipc/contract/merge.ts';
import { AppError } from '../../core/app-error.ts';
import type { HostAdapter } from '../../core/host.ts';
import type { MergeService } from '../../merge/types.ts';
import type { Handlers } from '../ipc-router.ts';

/** What a pick may read: as much as the contract lets a renderer send as bytes (70 MB of base64). */
const MAX_PICKED_BYTES = 50 * 1024 * 1024;

type PickOptions = Parameters<NonNullable<HostAdapter['pickFiles']>>[0];
const PICKS: Record<'template' | 'data', PickOptions> = {
  template: { title: 'Choose the Word template', filters: [{ name: 'Word documents', extensions: ['docx'] }], multiple: false },
  data: {
    title: 'Choose the rows (CSV or Excel)',
    filters: [{ name: 'CSV or Excel files', extensions: ['csv', 'txt', 'xlsx'] }],
    multiple: false,
  },
};

function decode(base64: string): Uint8Array {
  const buf = Buffer.from(base64, 'base64');
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** One file through the host's native dialog, read here (main chose the path, so main may read it). */
async function pickOne(host: HostAdapter, kind: keyof typeof PICKS, field: string): Promise<{ fileName: string; bytes: Uint8Array }> {
  if (!host.pickFiles) {
    throw new AppError('This window has no file dialog of its own: drop the file here, or use Choose… to upload it.', {
      code: 'merge-pick-unavailable',
      field,
    });
  }
  const [path] = await host.pickFiles(PICKS[kind]);
  if (!path) throw new AppError('No file was chosen.', { code: MERGE_PICK_CANCELED, field });
  if ((await stat(path)).size > MAX_PICKED_BYTES) {
    throw new AppError(`${basename(path)} is over 50 MB: split it into smaller files.`, { code: 'merge-file-too-large', field });
  }
  return { fileName: basename(path), bytes: new Uint8Array(await readFile(path)) };
}

export function mergeHandlers(s: { host: HostAdapter; merge: MergeService }): Pick<Handlers, keyof typeof mergeMethods> {
  // When each merge's rows were last read (its view's updatedAt then): a fix or a left-out sent
  // by a screen that saw the merge before that names rows by the index of other data. Every
  // window goes through these handlers (the CLI never edits the app's drafts), so memory is enough.
  const rowsReadAt = new Map<string, number>();
  const read = (v: MergeView): MergeView => {
    rowsReadAt.set(v.id, v.updatedAt);
    return v;
  };
  const checkSeen = (mergeId: string, seen: number | undefined) => {
    const at = rowsReadAt.get(mergeId);
    if (seen !== undefined && at !== undefined && seen < at) {
      throw new AppError('The rows changed: look again. The data was read again since this list was shown; nothing was changed.', {
        code: 'merge-rows-changed',
      });
    }
  };
  return {
    getMerge: () => ({ merge: s.merge.current() }),
    async openMergeTemplate({ source }) {
      const file =
        source.kind === 'bytes' ? { fileName: source.fileName, bytes: decode(source.base64) } : await pickOne(s.host, 'template', 'source');
      return s.merge.openTemplate(file.fileName, file.bytes);
    },
    async openMergeData({ mergeId, source }) {
      if (source.kind === 'group') return read(await s.merge.openData(mergeId, { kind: 'group', groupId: source.groupId }));
      const file =
        source.kind === 'bytes' ? { fileName: source.fileName, bytes: decode(source.base64) } : await pickOne(s.host, 'data', 'source');
      return read(await s.merge.openData(mergeId, { kind: 'bytes', ...file }));
    },
    // Only what the request carries: a key sent as undefined must not read as "clear it".
    updateMerge: ({ mergeId, mapping, options, converter }) =>
      s.merge.update(mergeId, { ...(mapping && { mapping }), ...(options && { options }), ...(converter && { converter }) }),
    listMergeRows: ({ mergeId, filter, offset, limit }) => s.merge.listRows(mergeId, filter, offset, limit),
    // Object.fromEntries defines own properties: a column named __proto__ stays a column.
    fixMergeRow: async ({ mergeId, row, values, seen }) => {
      checkSeen(mergeId, seen);
      return s.merge.fixRow(mergeId, row, Object.fromEntries(values.map((v) => [v.column, v.value])));
    },
    setMergeRowsLeftOut: async ({ mergeId, rows, leftOut, seen }) => {
      checkSeen(mergeId, seen);
      return s.merge.setLeftOut(mergeId, rows, leftOut);
    },
    previewMergeRow: ({ mergeId, row }) => s.merge.preview(mergeId, row),
    startMerge: ({ mergeId, allowDuplicate }) => s.merge.start(mergeId, { allowDuplicate }),
    pauseMerge: ({ mergeId }) => s.merge.pause(mergeId),
    resumeMerge: ({ mergeId }) => s.merge.resume(mergeId),
    cancelMerge: ({ mergeId }) => s.merge.cancel(mergeId),
    discardMerge: async ({ mergeId }) => ({ merge: await s.merge.discard(mergeId) }),
  };
}
