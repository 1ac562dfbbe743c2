// "Row 43": how every part names a row of the data (the engine's messages, the converters'
// problems, the CLI's report), with its number as the person finds it in their own file
// (MergeTable.lines: a CSV's line, a sheet's row as Excel shows it, a group's place).
//
// One word for every source: "row". Excel and LibreOffice number a sheet's rows, and a CSV is
// most often opened in one of them, where its line N is shown as row N (the header row 1); a
// group's members are rows of the merge's table. "Line" would fit a CSV read in a text editor
// only, and two words for one thing would read as two things.

/** "row 43" (the number as the person counts it: MergeRowRecord.line). */
export function rowLabel(line: number): string {
  return `row ${line}`;
}

/** "Row 43", at the start of a sentence. */
export function RowLabel(line: number): string {
  return `Row ${line}`;
}
