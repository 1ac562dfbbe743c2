// The template's refusals in plain words, each with what to do. Codes are for tests and the
// detail view: not-docx, legacy-doc, encrypted, macros, damaged, too-large, no-fields, bad-tag,
// unsupported-tag, unsupported-field, external-reference (reading); missing-field, fill-failed (filling).

import type { MergeProblem } from '../types.ts';

export function templateProblem(code: string, message: string, action: string): MergeProblem {
  return { code, message, action };
}

const PICK_DOCX = 'Pick the Word template (.docx) itself.';

/** A file that is not a ZIP at all, named by what it is when its first bytes say so. */
export function notAZip(bytes: Uint8Array): MergeProblem {
  const head = Buffer.from(bytes.subarray(0, 8));
  if (bytes.length === 0) return templateProblem('not-docx', 'The file is empty.', PICK_DOCX);
  if (head.subarray(0, 8).equals(OLE_SIGNATURE)) return oleProblem(bytes);
  if (head.subarray(0, 5).toString('latin1') === '%PDF-')
    return templateProblem(
      'not-docx',
      'This is a PDF, not a Word document.',
      'A mail merge needs the Word template (.docx) the PDF was made from. To fax the PDF as it is, use Compose.',
    );
  if (head.subarray(0, 5).toString('latin1') === '{\\rtf')
    return templateProblem(
      'not-docx',
      'This is an RTF document, not a Word .docx.',
      'Open it in Word and save it as Word Document (.docx).',
    );
  return templateProblem(
    'not-docx',
    'This file is not a Word document (.docx).',
    `${PICK_DOCX} In Word: File > Save As > Word Document (.docx).`,
  );
}

const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * An OLE compound file: a Word 97-2003 .doc, an old Excel or PowerPoint file, or a .docx that
 * Word encrypted with a password (the package is then a stream named EncryptedPackage). The
 * stream names sit in the file's directory as UTF-16, so a search for them tells which.
 */
function oleProblem(bytes: Uint8Array): MergeProblem {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const has = (name: string) => data.includes(Buffer.from(name, 'utf16le'));
  if (has('EncryptedPackage'))
    return templateProblem(
      'encrypted',
      'This Word document is protected with a password, so its fields cannot be read.',
      'Open it in Word, remove the password (File > Info > Protect Document > Encrypt with Password, then clear it) and save it.',
    );
  if (has('WordDocument'))
    return templateProblem(
      'legacy-doc',
      'This is a Word 97-2003 document (.doc); a mail merge needs the newer .docx format.',
      'Open it in Word and save it as .docx (File > Save As > Word Document).',
    );
  if (has('Workbook') || has('Book'))
    return templateProblem(
      'not-docx',
      'This is an Excel workbook (.xls), not a Word template.',
      'Pick it as the data (the rows), after saving it as .xlsx, and pick the Word template (.docx) as the template.',
    );
  return templateProblem(
    'not-docx',
    'This is an older Microsoft Office file, not a Word .docx.',
    'Open it in its program and save it as Word Document (.docx).',
  );
}

/** A ZIP that is not a Word document, named by what it holds. */
export function otherZip(mainType: string | undefined, names: readonly string[], mimetype: string | undefined): MergeProblem {
  if (mainType?.includes('spreadsheetml'))
    return templateProblem(
      'not-docx',
      'This is an Excel workbook (.xlsx), not a Word template.',
      'Pick it as the data (the rows), and pick the Word template (.docx) as the template.',
    );
  if (mainType?.includes('presentationml'))
    return templateProblem('not-docx', 'This is a PowerPoint presentation, not a Word template.', PICK_DOCX);
  if (mimetype === 'application/vnd.oasis.opendocument.text')
    return templateProblem(
      'not-docx',
      'This is an OpenDocument text (.odt), not a Word .docx.',
      'Open it in LibreOffice and choose File > Save As > Word 2007-365 (.docx).',
    );
  if (mimetype?.startsWith('application/vnd.oasis.opendocument'))
    return templateProblem('not-docx', 'This is an OpenDocument file, not a Word template.', PICK_DOCX);
  if (names.some((n) => n === '[Content_Types].xml'))
    return templateProblem(
      'damaged',
      'This .docx has no document inside it (word/document.xml is missing).',
      'Open it in Word, save it again, and pick the saved copy.',
    );
  const described = describeFiles(names);
  return templateProblem(
    'not-docx',
    `This is a ZIP archive${described ? ` of ${described}` : ''}, not a Word document.`,
    `${PICK_DOCX} If it is inside this archive, extract it first.`,
  );
}

const KINDS: [RegExp, string, string][] = [
  [/\.(png|jpe?g|gif|bmp|tiff?|heic|webp)$/i, 'image', 'images'],
  [/\.csv$/i, 'CSV file', 'CSV files'],
  [/\.pdf$/i, 'PDF', 'PDFs'],
  [/\.(txt|md)$/i, 'text file', 'text files'],
  [/\.(docx?|dotx)$/i, 'Word document', 'Word documents'],
  [/\.(xlsx?|ods)$/i, 'spreadsheet', 'spreadsheets'],
];

function describeFiles(names: readonly string[]): string {
  const files = names.filter((n) => !n.endsWith('/'));
  if (files.length === 0) return '';
  const counts = new Map<string, number>();
  let others = 0;
  for (const name of files) {
    const kind = KINDS.find(([pattern]) => pattern.test(name));
    if (kind) counts.set(kind[1], (counts.get(kind[1]) ?? 0) + 1);
    else others++;
  }
  const parts = KINDS.filter(([, one]) => counts.has(one)).map(([, one, many]) => {
    const n = counts.get(one) as number;
    return n === 1 ? `1 ${one}` : `${n} ${many}`;
  });
  if (others > 0) parts.push(others === 1 ? '1 other file' : `${others} other files`);
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? '');
}

/** Where in the document a part is, for messages. */
export function partPlace(path: string): string {
  if (/^word\/header\d*\.xml$/.test(path)) return 'in a header';
  if (/^word\/footer\d*\.xml$/.test(path)) return 'in a footer';
  if (path === 'word/footnotes.xml') return 'in a footnote';
  if (path === 'word/endnotes.xml') return 'in an endnote';
  if (path === 'word/comments.xml') return 'in a comment';
  if (path.startsWith('word/charts/')) return 'in a chart';
  if (path.startsWith('word/diagrams/')) return 'in a diagram (SmartArt)';
  if (path.startsWith('docProps/')) return "in the document's properties";
  return 'in the text';
}
