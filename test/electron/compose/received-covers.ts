// What each fax the sandbox received says on its first page. The sandbox keeps the SHA-256 of
// every PDF it was sent; the outbox's spool keeps the PDFs. A spooled file whose own bytes hash
// to the sandbox's record is the fax that arrived, so its text is what the recipient read.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extractText } from '../../../electron/pdf/extract-text.ts';
import type { Sandbox } from '../../../electron/sandbox/index.ts';
import { all, type Db } from '../../../electron/store/sql.ts';

export interface ReceivedFax {
  faxNumber: string;
  /** Text of the first page (the cover, when there is one). */
  firstPage: string;
  pdfSha256: string;
}

export async function receivedFaxes(sandbox: Pick<Sandbox, 'faxes'>, db: Db): Promise<ReceivedFax[]> {
  const spooled = all<{ spool_path: string }>(db, 'SELECT spool_path FROM documents', {}).map((r) => r.spool_path);
  const byHash = new Map<string, Uint8Array>();
  for (const path of spooled) {
    const bytes = new Uint8Array(readFileSync(path));
    byHash.set(createHash('sha256').update(bytes).digest('hex'), bytes);
  }
  const out: ReceivedFax[] = [];
  for (const fax of sandbox.faxes()) {
    const bytes = byHash.get(fax.pdfSha256);
    if (!bytes) throw new Error(`no spooled PDF has the hash the sandbox received for ${fax.faxNumber}`);
    out.push({ faxNumber: fax.faxNumber, pdfSha256: fax.pdfSha256, firstPage: await extractText(bytes, { maxPages: 1 }) });
  }
  return out;
}
