import { describe, expect, it } from 'vitest';
import { printedDocumentName } from '../../../electron/hotfolder/printed-name.ts';

describe('printed document names', () => {
  it("turns cups-pdf's output name back into the document's title", () => {
    // As seen from Debian's cups-pdf 3.0.1 printing into these folders.
    expect(printedDocumentName('Lab_results__fax_Outbox-job_16.pdf', '/tmp/cpu1/Openfax Outbox')).toBe('Lab results.pdf');
    expect(printedDocumentName('Lab_results___space-job_15.pdf', '/tmp/cpt2/with space')).toBe('Lab results.pdf');
    expect(printedDocumentName('Referral_letter-job_12.pdf', '/home/ann/Openfax Outbox')).toBe('Referral letter.pdf');
    expect(printedDocumentName('Q3_report_(final)-job_7.PDF')).toBe('Q3 report (final).pdf');
  });

  it("keeps a title's own double underscore, and leaves anybody else's file names alone", () => {
    expect(printedDocumentName('a__b-job_2.pdf', '/home/ann/Openfax Outbox')).toBe('a b.pdf');
    expect(printedDocumentName('my_scan.pdf', '/x')).toBe('my_scan.pdf');
    expect(printedDocumentName('202-555-0199 - Contract.pdf', '/x')).toBe('202-555-0199 - Contract.pdf');
  });
});
