// The merge's parts as the engine calls them: the template (fill), the data (read, map,
// check) and the converters. One seam, so the engine's own tests can put a fake converter in
// (a DocxConverter is an interface) while everything else stays real.

import { type CreateConverterOptions, createConverter, findConverters, pageMismatch, preferredConverter } from './convert/index.ts';
import { checkRows, groupTable, guessMapping, readMergeFile } from './data/index.ts';
import { fillTemplate } from './template/fill-template.ts';
import { readTemplate } from './template/read-template.ts';
import type {
  CheckedRow,
  ConverterId,
  ConverterInfo,
  DocxConverter,
  DocxPrintPort,
  MergeMapping,
  MergeTable,
  MergeTemplate,
  Outcome,
  RowEdit,
} from './types.ts';
import type { Db } from '../store/sql.ts';

/** The converters' options (the work folder, the host's printer, soffice's path, the timeout, a process listener). */
export type ConverterOptions = CreateConverterOptions;

export interface MergeParts {
  readTemplate(bytes: Uint8Array, name: string): Outcome<MergeTemplate> | Promise<Outcome<MergeTemplate>>;
  fillTemplate(template: MergeTemplate, values: Record<string, string>): Outcome<Uint8Array> | Promise<Outcome<Uint8Array>>;
  readMergeFile(bytes: Uint8Array, fileName: string): Promise<Outcome<MergeTable>>;
  groupTable(db: Db, groupId: number): Outcome<MergeTable>;
  guessMapping(fields: readonly string[], table: MergeTable, defaultCountry: string): MergeMapping;
  checkRows(input: {
    table: MergeTable;
    mapping: MergeMapping;
    fields: readonly string[];
    edits: readonly RowEdit[];
    leftOut: readonly number[];
    defaultCountry: string;
  }): CheckedRow[];
  findConverters(opts: { platform: NodeJS.Platform; builtin?: DocxPrintPort; soffice?: string }): Promise<ConverterInfo[]>;
  /** The converter to use when the person has not picked one (null: none is available). */
  preferredConverter(converters: readonly ConverterInfo[]): ConverterId | null;
  createConverter(id: ConverterId, opts: ConverterOptions): DocxConverter;
  /** The two page counts when the PDF's differs from the template's own. */
  pageMismatch(templatePages: number | undefined, pdfPages: number): { template: number; pdf: number } | undefined;
}

export const realParts: MergeParts = {
  readTemplate,
  fillTemplate,
  readMergeFile,
  groupTable,
  guessMapping,
  checkRows,
  findConverters,
  preferredConverter,
  createConverter,
  pageMismatch,
};
