// What the merge screen says, as plain functions (tested in test/renderer/merge-words.test.ts):
// the template's fields, the estimate line, each row's status, the run's progress.

import type { ConverterInfo, MergeRow, MergeView } from '../../../../shared/ipc/contract/merge.ts';
import { formatMoney } from '../compose/estimate.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** "1 duplicate number", "3 duplicate numbers": a count with its noun, singular or plural as it must be. */
export function countText(n: number, one: string, many = `${one}s`): string {
  return plural(n, one, many);
}

/** "3 Word merge fields, 1 {{tag}}": which kinds the template uses. */
export function kindsText(kinds: { mergeFields: number; tags: number }): string {
  const parts: string[] = [];
  if (kinds.mergeFields) parts.push(plural(kinds.mergeFields, 'Word merge field'));
  if (kinds.tags) parts.push(plural(kinds.tags, '{{tag}}', '{{tags}}'));
  return parts.join(', ');
}

/** "4 fields", "1 field". */
export function fieldsCount(fields: readonly string[]): string {
  return plural(fields.length, 'field');
}

/** "48 faxes · 2 pages each · about $6.72" (what is not known yet is left out). */
export function estimateText(estimate: MergeView['estimate']): string {
  const parts = [plural(estimate.faxes, 'fax', 'faxes')];
  if (estimate.pagesPerFax !== null) parts.push(`${plural(estimate.pagesPerFax, 'page')} each`);
  if (estimate.cost !== null) parts.push(`about ${formatMoney(estimate.cost)}`);
  return parts.join(' · ');
}

/** The one button's words: "Send 48 faxes". */
export function sendLabel(faxes: number): string {
  return faxes === 1 ? 'Send 1 fax' : `Send ${faxes} faxes`;
}

/**
 * A row's number as the person finds it in their own file (MergeRow.line: a CSV's line, the
 * header's being 1; a sheet's row as Excel shows it), the number the engine's messages, the
 * converters and the CLI say. Given only an index (no row at hand), its place in the data.
 */
export function rowNumber(row: number | Pick<MergeRow, 'line'>): number {
  return typeof row === 'number' ? row + 1 : row.line;
}

export type RowTone = 'green' | 'red' | 'amber' | 'grey' | 'blue';

/** A row's status in words and a tone (never the tone alone). */
export function rowStatus(r: MergeRow): { tone: RowTone; label: string; detail?: string } {
  if (r.state === 'queued') return { tone: 'green', label: 'In the Outbox' };
  if (r.state === 'rendering') return { tone: 'blue', label: 'Being made' };
  if (r.state === 'failed') return { tone: 'red', label: 'Not made', detail: r.error ? `${r.error.message} ${r.error.action}` : undefined };
  if (r.state === 'canceled') return { tone: 'grey', label: 'Canceled' };
  if (r.leftOut || r.state === 'skipped') return { tone: 'grey', label: 'Left out' };
  if (r.problems.length)
    return { tone: 'red', label: r.problems.length === 1 ? 'Problem' : `${r.problems.length} problems`, detail: r.problems.join(' ') };
  if (r.duplicateOf !== undefined)
    return {
      tone: 'amber',
      label: `Duplicate of row ${r.duplicateOfLine ?? rowNumber(r.duplicateOf)}`,
      detail: 'Same fax number as that row: it gets both faxes unless you leave one out.',
    };
  return { tone: 'green', label: 'Ready' };
}

/** The To header as sent, and whether it was cut from a longer value. */
export function headerPreview(value: string | undefined, sent: string | undefined): { sent: string; cut: boolean } {
  const shown = sent ?? '';
  return { sent: shown, cut: value !== undefined && value.trim() !== '' && shown !== value.trim() };
}

/** "Exact layout" / "Close layout" / "Approximate layout". */
export function fidelityText(fidelity: ConverterInfo['fidelity']): string {
  return { exact: 'Exact layout', close: 'Close layout', approximate: 'Approximate layout' }[fidelity];
}

type Progress = NonNullable<MergeView['progress']>;

/** Short words for why rows did not go: the reasons themselves are in each row (the Not sent filter). */
function notSentReason(r: Progress['notSent'][number]): string {
  if (r.code === 'duplicate') return 'already sent to that number';
  if (r.code === 'canceled') return 'canceled';
  return 'could not be made';
}

/** "1 not sent: already sent to that number", "3 not sent: 2 could not be made, 1 canceled" (empty when every row went). */
function notSentText(p: Progress): string {
  const n = p.failed + p.skipped + p.canceled;
  if (n === 0) return '';
  const byWords = new Map<string, number>();
  for (const r of p.notSent) byWords.set(notSentReason(r), (byWords.get(notSentReason(r)) ?? 0) + r.rows);
  const reasons = [...byWords].map(([words, rows]) => (byWords.size === 1 ? words : `${rows.toLocaleString()} ${words}`));
  return `${n.toLocaleString()} not sent${reasons.length ? `: ${reasons.join(', ')}` : ''}`;
}

/** "12 of 48 made · 10 in the Outbox · 1 not sent: already sent to that number · 2 with other page counts". */
export function progressText(p: Progress): string {
  const parts = [`${p.rendered.toLocaleString()} of ${p.total.toLocaleString()} made`, `${p.queued.toLocaleString()} in the Outbox`];
  const notSent = notSentText(p);
  if (notSent) parts.push(notSent);
  if (p.pageMismatch) parts.push(`${plural(p.pageMismatch, 'row')} with a page count unlike the template's`);
  return parts.join(' · ');
}

/** The end of a run in one line: "3 faxes went to the Outbox · 1 not sent: already sent to that number". */
export function doneText(view: MergeView): string {
  const p = view.progress;
  if (!p) return view.state === 'canceled' ? 'The merge was canceled before anything was made.' : 'The merge is done.';
  const parts = [`${plural(p.queued, 'fax', 'faxes')} went to the Outbox`];
  const notSent = notSentText(p);
  if (notSent) parts.push(notSent);
  const words = parts.join(' · ');
  return view.state === 'canceled' ? `The merge was canceled. ${words}.` : `${words}.`;
}
