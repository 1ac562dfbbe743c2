// A merge's stored choices read back for the parts that need them.

import type { MergeMapping, MergeOptions } from '../../shared/ipc/contract/merge.ts';
import type { Settings } from '../../shared/settings.ts';
import type { MergeRecord } from '../store/merges-repo.ts';
import { readMapping, readOptions } from './merge-options.ts';

export function readMergeOptions(record: MergeRecord, settings: Settings): MergeOptions {
  return readOptions(record.options, settings);
}

export function readMergeMapping(record: MergeRecord): MergeMapping {
  return readMapping(record.mapping);
}
