// Each recipient gets a cover page of their own: To names that one contact (and company) and
// their number, never the other recipients of a broadcast. The preview and the send build it
// with this one function, from the fields as they are at that moment (nothing is snapshot).
// The outbox keeps what each job's cover said (CoverSaid), so a resend to a corrected number
// gets the same cover, naming the new number, built by the same rule.

import type { PaperSize } from '../../shared/domain.ts';
import type { CoverFields, DraftRecipient } from '../../shared/ipc/contract/compose.ts';
import { PDFDocument } from 'pdf-lib';
import { type CoverPageInput, prependCover, renderCoverPage } from './cover-page.ts';

export type CoverRecipient = Pick<DraftRecipient, 'display' | 'name' | 'company'>;

export interface RecipientCoverInput {
  cover: CoverFields;
  recipient: CoverRecipient | undefined;
  /** Used when the cover's From is left empty (it follows the From header until Send). */
  fromHeader: string;
  pages: number;
  paperSize: PaperSize;
  date: Date | string;
}

/** The cover page `recipient` gets. Without a recipient yet (the preview of an empty list) To is left blank. */
export function recipientCover(input: RecipientCoverInput): CoverPageInput {
  const { cover, recipient } = input;
  const who = recipient ? [recipient.name, recipient.company].filter((x) => x && x.trim() !== '').join(', ') : '';
  return {
    to: who || (recipient?.display ?? ''),
    toFax: recipient && who ? recipient.display : undefined,
    from: cover.from.trim() || input.fromHeader,
    subject: cover.subject || undefined,
    message: cover.message,
    pages: input.pages,
    paperSize: input.paperSize,
    date: input.date,
  };
}

/** What a job's own cover page said (kept with the job, jobs.cover as JSON): its page 1 is that cover. */
export interface CoverSaid {
  from: string;
  subject: string;
  message: string;
  name: string;
  company: string;
}

/** What `recipientCover` puts on the cover of `input`, to keep with the job. */
export function coverSaid(input: Pick<RecipientCoverInput, 'cover' | 'recipient' | 'fromHeader'>): CoverSaid {
  return {
    from: input.cover.from.trim() || input.fromHeader,
    subject: input.cover.subject,
    message: input.cover.message,
    name: input.recipient?.name ?? '',
    company: input.recipient?.company ?? '',
  };
}

/**
 * `pdf` (whose page 1 is a cover) with that page replaced by the cover `said` gives the same
 * person at `display` (a corrected number). A cover-only fax becomes the new cover alone.
 */
export async function replaceCover(
  pdf: Uint8Array,
  said: CoverSaid,
  display: string,
  opts: Pick<RecipientCoverInput, 'pages' | 'paperSize' | 'date'>,
): Promise<Uint8Array> {
  const page = recipientCover({
    cover: { enabled: true, to: '', from: said.from, subject: said.subject, message: said.message },
    recipient: { display, name: said.name || undefined, company: said.company || undefined },
    fromHeader: said.from,
    ...opts,
  });
  const doc = await PDFDocument.load(pdf);
  if (doc.getPageCount() <= 1) return renderCoverPage(page);
  doc.removePage(0);
  return prependCover(await doc.save(), page);
}
