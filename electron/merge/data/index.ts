// The merge's data: a CSV, an .xlsx sheet or an address-book group read as one table, a first
// column mapping, and every row checked before anything is sent.

export { checkRows, NO_NUMBER_COLUMN } from './check-rows.ts';
export { groupTable } from './group-table.ts';
export { guessMapping } from './guess-mapping.ts';
export { readMergeFile } from './read-merge-file.ts';
