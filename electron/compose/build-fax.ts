// Turns the draft's documents (and the optional cover page) into what is sent. The documents
// are one body, merged with pdf-lib in the draft's order; with a cover, each recipient gets a
// PDF of their own (their cover in front of the body), written to the work folder for the
// outbox to copy. `contentHash` is the body's SHA-256, the same for every recipient: the
// outbox's duplicate guard compares it, whatever the covers say.

import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { PaperSize } from '../../shared/domain.ts';
import type { CoverFields } from '../../shared/ipc/contract/compose.ts';
import { prependCover, renderCoverPage } from '../pdf/cover-page.ts';
import { mergePdfs } from '../pdf/merge.ts';
import { sha256Hex } from '../pdf/read-input.ts';
import { writeFileAtomic } from '../pdf/write-atomic.ts';
import { type CoverRecipient, type CoverSaid, coverSaid, recipientCover } from '../pdf/recipient-cover.ts';

export interface BuildFaxInput {
  /** Staged paths, in order. */
  paths: readonly string[];
  /** Pages of the documents, without the cover. */
  pages: number;
  cover?: CoverFields;
  /** Who the covers are for, in order (one PDF each when there is a cover). */
  recipients: readonly CoverRecipient[];
  /** The cover's From when its own is empty. */
  fromHeader: string;
  paperSize: PaperSize;
  date: Date;
  /** Where temporary files may be written (removed by `cleanup`). */
  workDir: string;
}

export interface BuiltFax {
  /** Pages of each fax, the cover included. */
  pages: number;
  contentHash: string;
  /** One path shared by every recipient, or one per recipient (in order) when each has a cover. */
  paths: string[];
  perRecipient: boolean;
  /** What each recipient's cover says (in order), kept with their job: empty without a cover. */
  covers: CoverSaid[];
  /** Removes the temporary files (never a staged document). */
  cleanup(): Promise<void>;
}

const tempName = (tag: string) => `fax-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}-${tag}.pdf`;

export async function buildFaxPdf(input: BuildFaxInput): Promise<BuiltFax> {
  const cover = input.cover?.enabled ? input.cover : undefined;
  const pages = input.pages + (cover ? 1 : 0);
  const temps: string[] = [];
  const cleanup = async () => {
    for (const t of temps.splice(0)) await rm(t, { force: true });
  };
  const temp = (tag: string) => {
    const path = join(input.workDir, tempName(tag));
    temps.push(path);
    return path;
  };
  try {
    let body: string | undefined;
    if (input.paths.length === 1) body = input.paths[0];
    else if (input.paths.length > 1) {
      body = temp('body');
      await mergePdfs(input.paths, body);
    }
    if (!cover) {
      if (!body) throw new Error('buildFaxPdf: nothing to send');
      return {
        pages,
        contentHash: sha256Hex(new Uint8Array(await readFile(body))),
        paths: [body],
        perRecipient: false,
        covers: [],
        cleanup,
      };
    }
    const bodyBytes = body ? new Uint8Array(await readFile(body)) : undefined;
    // A cover-only fax has no body: what it says (not whom it is for) is its content.
    const contentHash = bodyBytes
      ? sha256Hex(bodyBytes)
      : createHash('sha256')
          .update(JSON.stringify(['cover-only', cover.from, cover.subject, cover.message]))
          .digest('hex');
    const paths: string[] = [];
    const covers: CoverSaid[] = [];
    for (const [i, recipient] of input.recipients.entries()) {
      covers.push(coverSaid({ cover, recipient, fromHeader: input.fromHeader }));
      const page = recipientCover({ cover, recipient, fromHeader: input.fromHeader, pages, paperSize: input.paperSize, date: input.date });
      const bytes = bodyBytes ? await prependCover(bodyBytes, page) : await renderCoverPage(page);
      const path = temp(String(i));
      await writeFileAtomic(path, bytes);
      paths.push(path);
    }
    return { pages, contentHash, paths, perRecipient: true, covers, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
