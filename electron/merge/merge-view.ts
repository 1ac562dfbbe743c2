// The merge as the screen shows it, built in one place: what is missing, the counts, what
// stops Send (each with its fix), the estimate for the whole merge and, once it runs, how far
// it got. The IPC handlers, the CLI and the tests all read this one view.

import { checkHeader } from '../../shared/fax-rules.ts';
import type { ConverterId, ConverterInfo, MergeMapping, MergeOptions, MergeProblem, MergeView } from '../../shared/ipc/contract/merge.ts';
import type { NotSentReason } from '../store/merge-state-repo.ts';
import type { MergeRecord, MergeRowCounts } from '../store/merges-repo.ts';
import { coverFields } from './cover-text.ts';
import type { CheckedRow } from './types.ts';

export interface ViewInput {
  record: MergeRecord;
  mapping: MergeMapping;
  options: MergeOptions;
  rows: readonly CheckedRow[];
  converters: readonly ConverterInfo[];
  converter: ConverterId | null;
  /** The price of a page when it is known (compose/pricing.ts). */
  pricePerPage: number | undefined;
  /** Once it runs: where its rows are. */
  progress: MergeRowCounts | undefined;
  /** Once it runs: why the rows that did not go did not go (merge-state-repo.ts notSentReasons). */
  notSent?: readonly NotSentReason[];
  /** Why a paused merge cannot go on (the account changed…), shown as its blocker. */
  held?: MergeProblem;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export interface RowCounts {
  rows: number;
  ready: number;
  problems: number;
  leftOut: number;
  duplicates: number;
}

function countRows(rows: readonly CheckedRow[]): RowCounts {
  const c = { rows: rows.length, ready: 0, problems: 0, leftOut: 0, duplicates: 0 };
  for (const r of rows) {
    if (r.leftOut) c.leftOut++;
    else if (r.problems.length) c.problems++;
    else c.ready++;
    if (r.duplicateOf !== undefined && !r.leftOut) c.duplicates++;
  }
  return c;
}

/** Template fields no column fills (and cover tags naming no field of the template's). */
function missingFields(record: MergeRecord, mapping: MergeMapping, options: MergeOptions): string[] {
  const t = record.template;
  if (!t) return [];
  const columns = record.data?.columns ?? [];
  const missing = t.fields.filter((f) => {
    const c = mapping.fields[f];
    return c == null || !columns.includes(c);
  });
  for (const f of coverFields(options.cover)) if (!t.fields.includes(f) && !missing.includes(f)) missing.push(f);
  return missing;
}

/** What stops Send, each with its fix. */
function mergeBlockers(input: ViewInput, counts: RowCounts, missing: readonly string[]): MergeProblem[] {
  const { record, mapping, options } = input;
  const out: MergeProblem[] = [];
  if (!record.template) {
    out.push({ code: 'no-template', message: 'No template is open.', action: 'Drop a Word template (.docx) here, or choose one.' });
  } else if (record.template.fields.length === 0) {
    out.push({
      code: 'no-fields',
      message: `“${record.template.name}” has no merge fields: every fax would be the same.`,
      action: 'Add Word merge fields or {{tags}} to the template, or send it from Compose as a broadcast.',
    });
  }
  if (!record.data) {
    out.push({ code: 'no-data', message: 'No recipients are open.', action: 'Choose a CSV or Excel file, or an address-book group.' });
  } else if (record.template) {
    if (missing.length) {
      out.push({
        code: 'missing-fields',
        message: `${missing.length === 1 ? 'This field has' : 'These fields have'} no column in “${record.data.name}”: ${missing.map((f) => `«${f}»`).join(', ')}.`,
        action: 'Pick a column for each, or add the columns to the data and open it again.',
      });
    }
    if (mapping.numberColumn === null || !record.data.columns.includes(mapping.numberColumn)) {
      out.push({
        code: 'no-number-column',
        message: 'No column is picked for the fax number.',
        action: 'Pick the column that holds the fax numbers.',
      });
    } else if (counts.problems > 0) {
      out.push({
        code: 'problem-rows',
        message: `${plural(counts.problems, 'row has', 'rows have')} problems: fix them or leave them out.`,
        action: 'Show the rows with problems, then fix each in place or leave it out.',
      });
    }
  }
  const from = checkHeader('From', options.fromHeader);
  if (!from.ok) out.push({ code: 'from-header', message: from.reason, action: 'Correct the From header.' });
  const chosen = input.converters.find((c) => c.id === input.converter);
  if (!chosen?.available) {
    out.push({
      code: 'no-converter',
      message: chosen
        ? `${chosen.label} cannot convert here: ${chosen.detail}`
        : 'No converter can turn the template into PDF on this computer.',
      action: 'Pick another converter, or install LibreOffice.',
    });
  }
  if (record.data && counts.ready === 0 && counts.rows > 0 && counts.problems === 0) {
    out.push({
      code: 'nothing-to-send',
      message: 'Every row is left out: there is nothing to send.',
      action: 'Put back the rows to send.',
    });
  } else if (record.data && counts.rows === 0) {
    out.push({ code: 'nothing-to-send', message: `“${record.data.name}” has no rows.`, action: 'Choose a file or group with recipients.' });
  }
  return out;
}

/** Pages of each fax: the last preview's, else the template's own count (and one for the cover). */
function pagesPerFax(record: MergeRecord, options: MergeOptions): number | null {
  if (record.previewPages !== null) return record.previewPages;
  const pages = record.template?.pages;
  if (pages === null || pages === undefined) return null;
  return pages + (options.cover.enabled ? 1 : 0);
}

export function buildMergeView(input: ViewInput): MergeView {
  const { record, mapping, options } = input;
  const counts = countRows(input.rows);
  const missing = missingFields(record, mapping, options);
  const perFax = pagesPerFax(record, options);
  const faxes = record.state === 'draft' ? counts.ready : (input.progress?.total ?? counts.ready);
  const cost = perFax !== null && input.pricePerPage !== undefined ? Math.round(perFax * faxes * input.pricePerPage * 100) / 100 : null;
  const t = record.template;
  const d = record.data;
  const p = input.progress;
  return {
    id: record.id,
    state: record.state,
    template: t ? { name: t.name, fields: t.fields, kinds: t.kinds, ...(t.pages !== null ? { pages: t.pages } : {}) } : null,
    data: d ? { kind: d.kind, name: d.name, columns: d.columns, rows: counts.rows, notes: d.notes } : null,
    mapping,
    options,
    converters: [...input.converters],
    converter: input.converter,
    missingFields: missing,
    counts,
    estimate: { pagesPerFax: perFax, faxes, cost },
    blockers: record.state === 'draft' ? mergeBlockers(input, counts, missing) : input.held ? [input.held] : [],
    progress:
      p && record.state !== 'draft'
        ? {
            ...(record.broadcastId !== null ? { broadcastId: record.broadcastId } : {}),
            total: p.total,
            rendered: p.rendered,
            queued: p.queued,
            failed: p.failed,
            // Rows the duplicate guard refused as they went, and those canceled: shown, never dropped.
            skipped: p.skipped,
            canceled: p.canceled,
            notSent: (input.notSent ?? []).map((r) => ({ code: r.code, message: r.message, rows: r.rows })),
            pageMismatch: p.pageMismatch,
            converter: (record.run?.converter ?? input.converter ?? 'libreoffice') as ConverterId,
          }
        : null,
    updatedAt: record.updatedAt,
  };
}
