// The fidelity corpus (corpus/make-corpus.sh makes it with real producers) and the paper each
// document is faxed on: its own size, and two cases of a page fitted to another sheet.

import { join } from 'node:path';
import type { PaperSize } from '../../shared/domain.ts';

export const CORPUS_DIR = join(import.meta.dirname, 'corpus');

export interface CorpusCase {
  file: string;
  paper: PaperSize;
  /** What the page holds, for the figures' table. */
  holds: string;
}

export const CORPUS: readonly CorpusCase[] = [
  {
    file: 'letter-office.pdf',
    paper: 'letter',
    holds: 'body text, 6–8 pt print, mid and light grey text, shaded and dark cells with white text, hairline, gradient',
  },
  { file: 'a4-photo.pdf', paper: 'a4', holds: 'photo, grey box, white on a dark band, grey steps, 7 pt print' },
  { file: 'letter-landscape.pdf', paper: 'letter', holds: 'landscape table with shaded rows, grey note' },
  { file: 'legal-notice.pdf', paper: 'legal', holds: 'Legal page: serif text, rule, grey stamp, 6.5 pt grey print' },
  {
    file: 'ps-form.pdf',
    paper: 'letter',
    holds: 'Ghostscript pdfwrite: unembedded Helvetica/Times, four grey boxes, white on 50%, 0.1–0.25 pt rules, radial greys, 6 pt',
  },
  { file: 'letter-office.pdf', paper: 'a4', holds: 'the Letter page fitted to A4' },
  { file: 'a4-photo.pdf', paper: 'letter', holds: 'the A4 page fitted to Letter' },
];

/** The thresholds. */
export const FIDELITY_LIMITS = { blockMean: 0.05, blockMax: 0.25, agreement: 0.97 } as const;
