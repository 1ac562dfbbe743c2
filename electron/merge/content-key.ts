// The duplicate guard's key for one row's document. Not the PDF's hash: LibreOffice and Word
// stamp the creation time, so the same row rendered twice hashes differently. What makes the
// document what it is: the template (its hash), the row's values, what its cover says, and the
// options that change its pages.

import { createHash } from 'node:crypto';
import type { CoverFields } from '../../shared/ipc/contract/compose.ts';
import type { PaperSize } from '../../shared/domain.ts';

export interface ContentKeyInput {
  templateSha256: string;
  values: Readonly<Record<string, string>>;
  /** The row's cover as it is drawn (tags filled), or undefined without one. */
  cover: CoverFields | undefined;
  paperSize: PaperSize | null;
}

export function mergeContentKey(input: ContentKeyInput): string {
  const values = Object.entries(input.values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const cover = input.cover?.enabled ? [input.cover.to, input.cover.from, input.cover.subject, input.cover.message] : null;
  return createHash('sha256')
    .update(JSON.stringify(['openfax-merge-1', input.templateSha256, values, cover, input.paperSize]))
    .digest('hex');
}
