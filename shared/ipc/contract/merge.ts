// Channels of the mail merge: one Word template, a personalised fax to each row of a CSV, an
// Excel sheet or an address-book group. Main holds the merge (in SQLite, so it survives a
// restart and a crash); the renderer shows it and edits its choices.

import { z } from 'zod';
import { PAPER_SIZES, PRIORITIES, RESOLUTIONS } from '../../domain.ts';
import { method } from '../define.ts';
import { CoverFields } from './compose.ts';

const MergeId = z.string().min(1).max(100);
const RowIndex = z.int().nonnegative().max(1_000_000);
const FieldName = z.string().min(1).max(200);
const ColumnName = z.string().min(1).max(300);

/** The error code of a pick the person closed without choosing: not a failure, nothing to show. */
export const MERGE_PICK_CANCELED = 'merge-pick-canceled';

export const MergeProblem = z.object({ code: z.string(), message: z.string(), action: z.string() });
export type MergeProblem = z.infer<typeof MergeProblem>;

export const ConverterId = z.enum(['word', 'libreoffice', 'builtin']);
export type ConverterId = z.infer<typeof ConverterId>;

export const ConverterInfo = z.object({
  id: ConverterId,
  label: z.string(),
  available: z.boolean(),
  detail: z.string(),
  fidelity: z.enum(['exact', 'close', 'approximate']),
});
export type ConverterInfo = z.infer<typeof ConverterInfo>;

/** A template's fields a mapping may name (a template has a few dozen at most). */
const MAX_MAPPED_FIELDS = 500;

export const MergeMapping = z.object({
  /** Template field → the column that fills it (null: none). */
  fields: z
    .record(FieldName, ColumnName.nullable())
    // z.record caps no key count: a renderer could send millions of fields to map.
    .refine((fields) => Object.keys(fields).length <= MAX_MAPPED_FIELDS, { message: `at most ${MAX_MAPPED_FIELDS} fields` }),
  numberColumn: ColumnName.nullable(),
  /** A template field whose value becomes the To header (cut to 15 characters). */
  toHeaderField: FieldName.nullable(),
});
export type MergeMapping = z.infer<typeof MergeMapping>;

/** The merge's fax options; cover texts may hold {{field}} tags, filled per row. */
export const MergeOptions = z.object({
  fromHeader: z.string().max(200),
  resolution: z.enum(RESOLUTIONS),
  priority: z.enum(PRIORITIES),
  /** null: the size the first row's PDF has. */
  paperSize: z.enum(PAPER_SIZES).nullable(),
  cover: CoverFields,
});
export type MergeOptions = z.infer<typeof MergeOptions>;

export const MergeRow = z.object({
  row: RowIndex,
  /**
   * The row's number as the person counts it in their own file, what "row N" says everywhere:
   * a CSV's line (the header's is 1), a sheet's row as Excel numbers it, a group member's place.
   */
  line: z.int(),
  number: z.string().optional(),
  display: z.string(),
  values: z.record(z.string(), z.string()),
  toHeader: z.string().optional(),
  problems: z.array(z.string()),
  duplicateOf: RowIndex.optional(),
  /** That earlier row's number as the person counts it (its `line`). */
  duplicateOfLine: z.int().optional(),
  leftOut: z.boolean(),
  /** Once the merge runs: where this row is. */
  state: z.enum(['pending', 'rendering', 'queued', 'failed', 'skipped', 'canceled']).optional(),
  /** Its job in the Outbox, once queued. */
  jobId: z.int().optional(),
  /** Why its document could not be made (converter timeout, a page count unlike the template's…). */
  error: MergeProblem.optional(),
  /** Pages of its PDF, once made. */
  pages: z.int().optional(),
});
export type MergeRow = z.infer<typeof MergeRow>;

const MergeState = z.enum(['draft', 'running', 'paused', 'canceled', 'done']);
export type MergeState = z.infer<typeof MergeState>;

export const MergeView = z.object({
  id: MergeId,
  state: MergeState,
  template: z
    .object({
      name: z.string(),
      fields: z.array(z.string()),
      kinds: z.object({ mergeFields: z.int(), tags: z.int() }),
      pages: z.int().optional(),
    })
    .nullable(),
  data: z
    .object({
      kind: z.enum(['csv', 'xlsx', 'group']),
      name: z.string(),
      columns: z.array(z.string()),
      rows: z.int(),
      notes: z.array(z.string()),
    })
    .nullable(),
  mapping: MergeMapping,
  options: MergeOptions,
  converters: z.array(ConverterInfo),
  converter: ConverterId.nullable(),
  /** Template fields no column fills: named before anything is sent. */
  missingFields: z.array(z.string()),
  counts: z.object({
    rows: z.int(),
    /** Rows that will be sent. */
    ready: z.int(),
    problems: z.int(),
    leftOut: z.int(),
    duplicates: z.int(),
  }),
  /** For the whole merge: pages per fax (from the preview or the template), and the cost when the price per page is known. */
  estimate: z.object({ pagesPerFax: z.int().nullable(), faxes: z.int(), cost: z.number().nullable() }),
  /** What stops Send, each with its fix (no template, missing fields, problem rows, no converter…). */
  blockers: z.array(MergeProblem),
  /** While and after it runs. */
  progress: z
    .object({
      broadcastId: z.int().optional(),
      total: z.int(),
      rendered: z.int(),
      queued: z.int(),
      failed: z.int(),
      /** Rows of the send refused as they went (the duplicate guard: already sent to that number). */
      skipped: z.int(),
      /** Rows of the send canceled before their fax was made. */
      canceled: z.int(),
      /** Why the rows that did not go did not go (failed, skipped, canceled), most common first. */
      notSent: z.array(z.object({ code: z.string(), message: z.string(), rows: z.int() })),
      /** Rows whose PDF has a page count unlike the template's. */
      pageMismatch: z.int(),
      /** The converter that made the documents. */
      converter: ConverterId,
    })
    .nullable(),
  updatedAt: z.number(),
});
export type MergeView = z.infer<typeof MergeView>;

const FileBytes = z.object({ kind: z.literal('bytes'), fileName: z.string().min(1).max(500), base64: z.string().max(70_000_000) });

export const MergePreview = z.object({
  row: RowIndex,
  /** The row's PDF, for the fax view. */
  dataBase64: z.string(),
  pages: z.int(),
  converter: ConverterId,
  /** The template's page count when this PDF's differs. */
  pageMismatch: z.object({ template: z.int(), pdf: z.int() }).optional(),
});
export type MergePreview = z.infer<typeof MergePreview>;

/** Which rows the table shows; 'not-sent': rows of the send that did not go (failed, refused, canceled). */
export const MergeRowFilter = z.enum(['all', 'problems', 'duplicates', 'left-out', 'not-sent']);
export type MergeRowFilter = z.infer<typeof MergeRowFilter>;

/**
 * The `updatedAt` of the merge the screen showed when the person acted: an edit addressed by
 * row index is refused ("The rows changed: look again") when the data was read again since.
 */
const Seen = z.number().optional();

export const mergeMethods = {
  /** The merge being prepared (or running), or null. */
  getMerge: method(z.void(), z.object({ merge: MergeView.nullable() })),
  /** A .docx dropped or chosen: its fields are read at once. Starts a new merge when none is being prepared. */
  openMergeTemplate: method(
    z.object({ source: z.discriminatedUnion('kind', [FileBytes, z.object({ kind: z.literal('pick') })]) }),
    MergeView,
  ),
  /** The rows: a CSV or .xlsx file's bytes, or an address-book group. */
  openMergeData: method(
    z.object({
      mergeId: MergeId,
      source: z.discriminatedUnion('kind', [
        FileBytes,
        z.object({ kind: z.literal('pick') }),
        z.object({ kind: z.literal('group'), groupId: z.int().positive() }),
      ]),
    }),
    MergeView,
  ),
  updateMerge: method(
    z.object({ mergeId: MergeId, mapping: MergeMapping.optional(), options: MergeOptions.optional(), converter: ConverterId.optional() }),
    MergeView,
  ),
  listMergeRows: method(
    z.object({
      mergeId: MergeId,
      filter: MergeRowFilter.default('all'),
      offset: z.int().nonnegative().default(0),
      limit: z.int().positive().max(500).default(100),
    }),
    z.object({ rows: z.array(MergeRow), total: z.int() }),
  ),
  /**
   * Fixes a row in place: each column's value as typed. A list of pairs, not a record: a
   * column is named by the file, so its name is data (`__proto__` is a column like any other).
   */
  fixMergeRow: method(
    z.object({
      mergeId: MergeId,
      row: RowIndex,
      values: z
        .array(z.object({ column: ColumnName, value: z.string().max(10_000) }))
        .min(1)
        .max(500),
      seen: Seen,
    }),
    z.object({ row: MergeRow, merge: MergeView }),
  ),
  setMergeRowsLeftOut: method(
    z.object({ mergeId: MergeId, rows: z.array(RowIndex).min(1).max(100_000), leftOut: z.boolean(), seen: Seen }),
    MergeView,
  ),
  /** One row's document as it will be sent (filled, converted, its cover in front). */
  previewMergeRow: method(z.object({ mergeId: MergeId, row: RowIndex }), MergePreview),
  /** Checks again, then sends: a broadcast whose documents are made as it goes. */
  startMerge: method(z.object({ mergeId: MergeId, allowDuplicate: z.boolean().default(false) }), MergeView),
  pauseMerge: method(z.object({ mergeId: MergeId }), MergeView),
  resumeMerge: method(z.object({ mergeId: MergeId }), MergeView),
  /** Stops making documents; faxes already queued stay in the Outbox (cancel them there). */
  cancelMerge: method(z.object({ mergeId: MergeId }), MergeView),
  /** Closes a merge that is not running (its template and data copies go). */
  discardMerge: method(z.object({ mergeId: MergeId }), z.object({ merge: MergeView.nullable() })),
};

export const mergeEvents = {
  /** The merge changed (its choices, its rows' checks, its progress): coalesced while it runs. */
  mergeChanged: MergeView,
  /** A preview or a start that takes a while: what it is doing. */
  mergeProgress: z.object({ mergeId: MergeId, step: z.string(), done: z.int(), total: z.int() }),
};
