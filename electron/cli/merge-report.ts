// What `openfax merge` says before anything is sent: the template's fields, the data and its
// notes, the mapping (with the fields nothing fills), the converter, every problem row and
// duplicate, and the estimate. The same facts in words for a person and as JSON for a script.

import { rowLabel as engineRowLabel } from '../merge/row-label.ts';
import type { ConverterInfo, MergeProblem, MergeRow, MergeView } from '../../shared/ipc/contract/merge.ts';

export interface MergeCheck {
  view: MergeView;
  /** Rows with problems (left out or not). */
  problems: readonly MergeRow[];
  /** Rows whose number an earlier row has. */
  duplicates: readonly MergeRow[];
  /** The dry run's rendering of one row, when it made one. */
  sample?: SampleRender;
}

export interface SampleRender {
  row: number;
  line: number;
  pages: number;
  converter: string;
  ms: number;
  pageMismatch?: { template: number; pdf: number };
}

type DataKind = NonNullable<MergeView['data']>['kind'];

/** A row as the person finds it in the file: the engine's one wording ("row 5", the file's own number). */
export function rowLabel(r: Pick<MergeRow, 'line'>): string {
  return engineRowLabel(r.line);
}

const USD = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });

const FIDELITY_WORDS: Record<ConverterInfo['fidelity'], string> = {
  exact: 'exact layout',
  close: 'close layout',
  approximate: 'approximate layout',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function templateLines(view: MergeView): string[] {
  const t = view.template;
  if (!t) return ['Template: none'];
  const kinds = [
    t.kinds.mergeFields ? plural(t.kinds.mergeFields, 'Word merge field') : '',
    t.kinds.tags ? plural(t.kinds.tags, '{{tag}}', '{{tags}}') : '',
  ].filter(Boolean);
  const pages = t.pages ? `, ${plural(t.pages, 'page')}` : '';
  return [`Template: ${t.name}${pages}: ${plural(t.fields.length, 'field')} (${kinds.join(', ') || 'none'})`, `  ${t.fields.join(', ')}`];
}

function dataLines(view: MergeView): string[] {
  const d = view.data;
  if (!d) return ['Data: none'];
  const kind = d.kind === 'group' ? 'address-book group' : d.kind === 'xlsx' ? 'Excel sheet' : 'CSV';
  return [
    `Data: ${d.name} (${kind}): ${plural(d.rows, 'row')}, ${plural(d.columns.length, 'column')}`,
    `  ${d.columns.join(', ')}`,
    ...d.notes.map((n) => `  Note: ${n}`),
  ];
}

function mappingLines(view: MergeView): string[] {
  const fields = view.template?.fields ?? [];
  const m = view.mapping;
  const width = Math.max(10, ...fields.map((f) => f.length));
  const lines = ['Mapping (field ← column):'];
  for (const f of fields) {
    const col = m.fields[f];
    lines.push(`  ${f.padEnd(width)}  ← ${col ?? 'MISSING: no column fills it'}`);
  }
  lines.push(`  ${'Fax number'.padEnd(width)}  ← ${m.numberColumn ?? 'none chosen (--number-field COLUMN)'}`);
  if (m.toHeaderField) lines.push(`  ${'To header'.padEnd(width)}  ← field ${m.toHeaderField} (cut to 15 characters)`);
  if (view.missingFields.length) {
    lines.push(`  Missing: ${view.missingFields.join(', ')} (fill with --field FIELD=COLUMN)`);
  }
  return lines;
}

function converterLines(view: MergeView): string[] {
  const chosen = view.converters.find((c) => c.id === view.converter);
  const head = chosen
    ? `Converter: ${chosen.label} (${FIDELITY_WORDS[chosen.fidelity]})${chosen.available ? '' : `: not available. ${chosen.detail}`}`
    : 'Converter: none available';
  const others = view.converters
    .filter((c) => c.id !== view.converter)
    .map(
      (c) =>
        `  ${chosen ? 'also ' : ''}${c.id}: ${c.label}, ${c.available ? `available (${FIDELITY_WORDS[c.fidelity]})` : 'not available'}. ${c.detail}`,
    );
  return [head, ...others];
}

function rowLines(title: string, rows: readonly MergeRow[], _kind: DataKind | undefined, why: (r: MergeRow) => string): string[] {
  if (!rows.length) return [];
  const labels = rows.map((r) => rowLabel(r));
  const width = Math.max(...labels.map((l) => l.length));
  const numbers = rows.map((r) => r.display || '(no number)');
  const numberWidth = Math.min(24, Math.max(...numbers.map((n) => n.length)));
  return [
    `${title} (${rows.length}):`,
    ...rows.map((r, i) => `  ${(labels[i] as string).padEnd(width)}  ${(numbers[i] as string).padEnd(numberWidth)}  ${why(r)}`),
  ];
}

/** A row's problems in one line: sentences side by side, bare phrases with semicolons. */
function joinProblems(problems: readonly string[]): string {
  return problems.reduce((line, p) => (line ? `${line}${/[.!?]$/.test(line) ? ' ' : '; '}${p}` : p), '');
}

function estimateLine(view: MergeView): string {
  const e = view.estimate;
  const pages = e.pagesPerFax === null ? 'pages unknown until a row is made' : `${plural(e.pagesPerFax, 'page')} each`;
  const total = e.pagesPerFax === null ? '' : ` (${plural(e.pagesPerFax * e.faxes, 'page')})`;
  const cost = e.cost === null ? 'cost unknown (no price per page known for this account yet)' : `about ${USD.format(e.cost)}`;
  return `Estimate: ${plural(e.faxes, 'fax', 'faxes')}, ${pages}${total}, ${cost}`;
}

/** The whole check in words, for stdout. */
export function checkText(check: MergeCheck): string {
  const { view } = check;
  const kind = view.data?.kind;
  const lines = [...templateLines(view), ...dataLines(view), ...mappingLines(view), ...converterLines(view)];
  lines.push(
    ...rowLines('Problem rows', check.problems, kind, (r) => `${joinProblems(r.problems)}${r.leftOut ? ' (left out)' : ''}`),
    ...rowLines('Duplicate numbers', check.duplicates, kind, (r) =>
      r.duplicateOf === undefined
        ? 'same number as an earlier row'
        : `same number as ${engineRowLabel(r.duplicateOfLine ?? r.duplicateOf + 1)}`,
    ),
  );
  const c = view.counts;
  lines.push(
    `Rows: ${c.rows} in all, ${c.ready} ready to send, ${c.problems} with problems, ${c.leftOut} left out, ${c.duplicates} duplicate numbers`,
  );
  if (check.sample) lines.push(sampleLine(check.sample, kind));
  lines.push(estimateLine(view));
  return `${lines.join('\n')}\n`;
}

function sampleLine(s: SampleRender, _kind: DataKind | undefined): string {
  const mismatch = s.pageMismatch ? `; the template has ${plural(s.pageMismatch.template, 'page')}: check the layout` : '';
  return `Made ${rowLabel(s)}'s document to check it: ${plural(s.pages, 'page')} with ${s.converter} in ${(s.ms / 1000).toFixed(1)} s${mismatch}`;
}

/** What stops the merge, each with its fix. */
export function blockerLines(blockers: readonly MergeProblem[]): string[] {
  return blockers.map((b) => `  - ${b.message} ${b.action}`.trimEnd());
}

const rowJson = (_kind: DataKind | undefined) => (r: MergeRow) => ({ ...r, line: rowLabel(r) });

/** The check as one JSON object (stdout with --json). */
export function checkJson(check: MergeCheck): Record<string, unknown> {
  const { view } = check;
  const kind = view.data?.kind;
  return {
    mergeId: view.id,
    template: view.template,
    data: view.data,
    mapping: view.mapping,
    missingFields: view.missingFields,
    converter: view.converter,
    converters: view.converters,
    counts: view.counts,
    problems: check.problems.map(rowJson(kind)),
    duplicates: check.duplicates.map(rowJson(kind)),
    sample: check.sample ?? null,
    estimate: view.estimate,
    blockers: view.blockers,
  };
}
