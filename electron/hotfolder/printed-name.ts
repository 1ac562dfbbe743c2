// The name people see for a printed document. cups-pdf names its output after the job's title
// with spaces made underscores, then (as packaged in Debian 3.0.1, whatever its Label and
// TitlePref say) a "__" and the tail of its output folder's path, then "-job_N":
// `Lab_results__fax_Outbox-job_16.pdf` in ".../Openfax Outbox". Shown as `Lab results.pdf`.
// Names without that shape are anybody's files and are shown exactly as they are.

const CUPS_PDF_NAME = /^(.+?)(?:__(.+))?-job_\d+\.pdf$/i;

/** The folder path the way cups-pdf writes it into a file name. */
const asInName = (folder: string) => folder.replace(/[\s/\\]/g, '_');

export function printedDocumentName(fileName: string, folder?: string): string {
  const m = CUPS_PDF_NAME.exec(fileName);
  if (!m) return fileName;
  let [, title, tail] = m as unknown as [string, string, string | undefined];
  // A "__" that is not the folder's tail belongs to the title itself.
  if (tail && !(folder && asInName(folder).endsWith(tail))) title = `${title}__${tail}`;
  const words = title.replace(/_+/g, ' ').trim();
  return words ? `${words}.pdf` : fileName;
}
