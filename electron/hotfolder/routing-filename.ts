// `12025551212 - anything.pdf`: the fax number is the file name's first part, before " - ".
// Only that exact shape counts, so an invoice named "2024-113 report.pdf" is never dialled.

const FILENAME_NUMBER = /^\s*(\+?[\d][\d ().-]{5,}\d)\s+-\s+\S/u;

/** The number part of a routed file name, or undefined when the name is not of that form. */
export function numberFromFileName(fileName: string): string | undefined {
  return FILENAME_NUMBER.exec(fileName)?.[1]?.trim();
}
