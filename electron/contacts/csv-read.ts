// Reads a contacts CSV with papaparse: delimiter guessed (Excel in many locales writes ';'),
// quoted fields with line breaks kept, blank lines dropped. Rows stay arrays so columns with
// the same name (some exports repeat one) are not lost.

import Papa from 'papaparse';

export interface CsvTable {
  columns: string[];
  rows: string[][];
}

export type CsvReadResult = { ok: true; table: CsvTable } | { ok: false; reason: string };

export function readCsv(text: string): CsvReadResult {
  const parsed = Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: 'greedy',
    delimitersToGuess: [',', ';', '\t', '|'],
  });
  const [head, ...rows] = parsed.data;
  if (!head || head.every((c) => !c.trim())) {
    return { ok: false, reason: 'The file is empty: export the contacts again, with a header row naming the columns.' };
  }
  const columns = head.map((c, i) => c.replace(/^\ufeff/, '').trim() || `Column ${i + 1}`);
  if (rows.length === 0) {
    return { ok: false, reason: 'The file has a header row but no contacts under it.' };
  }
  return { ok: true, table: { columns, rows } };
}
