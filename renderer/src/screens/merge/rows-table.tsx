// Every row as it will be sent: its number, its fields' values and its status in words (ready,
// the problems, the row it duplicates, left out). Virtualised (a sheet of 2,000 rows scrolls as
// one of ten), and paged from main as it scrolls. A problem row's cells are fields to fix in
// place (main checks the row again at once; the file is not changed); any row can be left out
// and put back, and every problem row at once.

import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import type { MergeRow, MergeView } from '../../../../shared/ipc/contract/merge.ts';
import { Icon, type IconName } from '../../components/icon.tsx';
import { useStore } from '../../store/index.ts';
import { MERGE_ROW_PAGE, type MergeRowFilter } from '../../store/slices/merge-slice.ts';
import { countText, type RowTone, rowNumber, rowStatus } from './merge-words.ts';

const TONE: Record<RowTone, { chip: string; icon: IconName; row: string }> = {
  green: { chip: 'chip-green', icon: 'check', row: '' },
  red: { chip: 'chip-red', icon: 'fail', row: 'row-problem' },
  amber: { chip: 'chip-amber', icon: 'duplicate', row: 'row-duplicate' },
  grey: { chip: 'chip-grey', icon: 'skipped', row: 'row-left-out' },
  blue: { chip: 'chip-blue', icon: 'dot', row: '' },
};

const NO_FIELDS: string[] = [];

/** A cell to fix: sent when the person presses Enter or leaves it, if it changed. */
function FixCell({ value, label, open, onFix }: { value: string; label: string; open: boolean; onFix(v: string): void }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    // Main's answer is the new truth (it may have tidied what was typed).
    setSeen(value);
    setDraft(value);
  }
  const send = () => {
    setEditing(false);
    if (draft.trim() !== value.trim()) onFix(draft);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      send();
    } else if (e.key === 'Escape') {
      setDraft(value);
      setEditing(false);
    }
  };
  if (!open && !editing) {
    return (
      <button
        type="button"
        className="merge-cell-button"
        title={value ? `${value} (click to change it)` : 'Click to change it'}
        aria-label={`${label}: ${value || 'empty'}. Change it`}
        onClick={() => setEditing(true)}
      >
        {value || <span className="muted">—</span>}
      </button>
    );
  }
  return (
    <input
      className="input merge-fix"
      value={draft}
      aria-label={label}
      data-testid="merge-fix"
      // biome-ignore lint/a11y/noAutofocus: the person just asked to edit this cell.
      autoFocus={editing}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={onKeyDown}
      onBlur={send}
    />
  );
}

function RowLine({
  r,
  fields,
  columnOf,
  numberColumn,
  selected,
  locked,
}: {
  r: MergeRow;
  fields: readonly string[];
  columnOf: Record<string, string | null>;
  numberColumn: string | null;
  selected: boolean;
  locked: boolean;
}) {
  const fix = useStore((s) => s.fixMergeRow);
  const leaveOut = useStore((s) => s.setMergeRowsLeftOut);
  const preview = useStore((s) => s.previewMergeRow);
  const status = rowStatus(r);
  const tone = TONE[status.tone];
  const n = rowNumber(r);
  const open = !locked && r.problems.length > 0 && !r.leftOut;
  return (
    <>
      <td className="num">{n}</td>
      <td className="nowrap merge-value" title={numberColumn && !locked ? undefined : r.display || undefined}>
        {numberColumn && !locked ? (
          <FixCell value={r.display} label={`Fax number, row ${n}`} open={open} onFix={(v) => void fix(r.row, { [numberColumn]: v })} />
        ) : (
          r.display || <span className="muted">—</span>
        )}
      </td>
      {fields.map((f) => {
        const column = columnOf[f];
        const value = r.values[f] ?? '';
        return (
          <td key={f} className="merge-value" title={column && !locked ? undefined : value || undefined}>
            {column && !locked ? (
              <FixCell value={value} label={`${f}, row ${n}`} open={open} onFix={(v) => void fix(r.row, { [column]: v })} />
            ) : (
              value
            )}
          </td>
        );
      })}
      <td className="merge-status">
        <span className={`chip ${tone.chip}`}>
          <Icon name={tone.icon} size={14} /> {status.label}
        </span>
        {status.detail && <span className="merge-reason">{status.detail}</span>}
      </td>
      <td className="nowrap">
        {/* The flex box inside the cell: a td that is itself a flex box leaves the table's layout. */}
        <div className="merge-row-actions">
          <button
            type="button"
            className="button merge-small"
            aria-pressed={selected}
            onClick={() => void preview(r.row)}
            aria-label={`Preview row ${n}`}
          >
            Preview
          </button>
          {!locked && (
            <button
              type="button"
              className="button merge-small"
              onClick={() => void leaveOut([r.row], !r.leftOut)}
              aria-label={`${r.leftOut ? 'Put back' : 'Leave out'} row ${n}`}
            >
              {r.leftOut ? 'Put back' : 'Leave out'}
            </button>
          )}
        </div>
      </td>
    </>
  );
}

function Table({ total, fields }: { total: number; fields: readonly string[] }) {
  const scroller = useRef<HTMLElement>(null);
  const pages = useStore((s) => s.mergeRowPages);
  const show = useStore((s) => s.showMergeRowPages);
  const selected = useStore((s) => s.mergeSelectedRow);
  const mapping = useStore((s) => s.merge?.mapping);
  const locked = useStore((s) => s.merge?.state !== 'draft');
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scroller.current, estimateSize: () => 40, overscan: 8 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const firstPage = Math.floor(first / MERGE_ROW_PAGE);
  const lastPage = Math.floor(last / MERGE_ROW_PAGE);
  useEffect(() => {
    const wanted: number[] = [];
    for (let p = firstPage; p <= lastPage; p++) wanted.push(p);
    void show(wanted);
  }, [firstPage, lastPage, show]);
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  const cols = fields.length + 4;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it.
    <section ref={scroller} className="table-scroll merge-rows" tabIndex={0} aria-label="Rows of the merge">
      {/* Fixed layout: the table is as wide as its card; long values are cut short (the whole value is in the title). */}
      <table className="data merge-rows-table" aria-rowcount={total + 1} data-testid="merge-rows">
        <colgroup>
          <col className="merge-col-row" />
          <col className="merge-col-number" />
          {fields.map((f) => (
            <col key={f} />
          ))}
          <col className="merge-col-status" />
          <col className="merge-col-actions" />
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">Row</th>
            <th scope="col">Fax number</th>
            {fields.map((f) => (
              <th key={f} scope="col" title={f}>
                {f}
              </th>
            ))}
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {top > 0 && (
            <tr className="spacer-row" style={{ height: top }}>
              <td colSpan={cols} />
            </tr>
          )}
          {items.map((item) => {
            const r = pages[Math.floor(item.index / MERGE_ROW_PAGE)]?.[item.index % MERGE_ROW_PAGE];
            const tone = r ? TONE[rowStatus(r).tone].row : '';
            return (
              <tr
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className={`${tone}${r && r.row === selected ? ' row-selected' : ''}`}
                aria-rowindex={item.index + 2}
                data-testid="merge-row"
                data-row={r ? rowNumber(r.row) : undefined}
              >
                {r && mapping ? (
                  <RowLine
                    r={r}
                    fields={fields}
                    columnOf={mapping.fields}
                    numberColumn={mapping.numberColumn}
                    selected={r.row === selected}
                    locked={locked}
                  />
                ) : (
                  <td colSpan={cols} className="muted">
                    Loading…
                  </td>
                )}
              </tr>
            );
          })}
          {bottom > 0 && (
            <tr className="spacer-row" style={{ height: bottom }}>
              <td colSpan={cols} />
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}

const FILTERS: Array<{
  value: MergeRowFilter;
  label: string;
  count: (m: MergeView) => number;
  /** Shown only once the merge runs. */
  running?: true;
}> = [
  { value: 'all', label: 'All', count: (m) => m.counts.rows },
  { value: 'problems', label: 'Problems', count: (m) => m.counts.problems },
  { value: 'duplicates', label: 'Duplicates', count: (m) => m.counts.duplicates },
  { value: 'left-out', label: 'Left out', count: (m) => m.counts.leftOut },
  // Rows of the send that did not go: not made, refused (already sent to that number), canceled.
  {
    value: 'not-sent',
    label: 'Not sent',
    count: (m) => (m.progress ? m.progress.failed + m.progress.skipped + m.progress.canceled : 0),
    running: true,
  },
];

export function RowsSection() {
  const merge = useStore((s) => s.merge);
  const fields = useStore((s) => s.merge?.template?.fields ?? NO_FIELDS);
  const total = useStore((s) => s.mergeRowTotal);
  const filter = useStore((s) => s.mergeRowFilter);
  const setFilter = useStore((s) => s.setMergeRowFilter);
  const leaveOutProblems = useStore((s) => s.leaveOutMergeProblemRows);
  const busy = useStore((s) => Boolean(s.mergeBusy.rows));
  const error = useStore((s) => s.mergeErrors.rows);
  const id = useId();
  if (!merge?.data || !merge.template) return null;
  const { counts } = merge;
  const locked = merge.state !== 'draft';
  return (
    <section className="merge-section" aria-labelledby="merge-rows-title" data-testid="merge-rows-section">
      <h2 id="merge-rows-title">4. Rows</h2>
      <p className="merge-counts" data-testid="merge-counts">
        {counts.ready.toLocaleString()} of {counts.rows.toLocaleString()} ready
        {counts.problems ? ` · ${counts.problems.toLocaleString()} with problems` : ''}
        {counts.duplicates ? ` · ${countText(counts.duplicates, 'duplicate number')}` : ''}
        {counts.leftOut ? ` · ${counts.leftOut.toLocaleString()} left out` : ''}
      </p>
      {counts.problems > 0 && !locked && (
        <p className="muted">
          Rows with problems are not sent. Fix one in place (type in its row and press Enter; it is checked again at once), or leave it out.
        </p>
      )}
      <div className="merge-rows-toolbar">
        <fieldset className="segmented">
          <legend className="visually-hidden">Rows shown</legend>
          {FILTERS.filter((f) => !f.running || locked).map((f) => (
            <label key={f.value} className={filter === f.value ? 'segment segment-on' : 'segment'}>
              <input type="radio" name={`${id}-filter`} checked={filter === f.value} onChange={() => void setFilter(f.value)} />
              {f.label} ({f.count(merge).toLocaleString()})
            </label>
          ))}
        </fieldset>
        {counts.problems > 0 && !locked && (
          <button type="button" className="button" disabled={busy} onClick={() => void leaveOutProblems()}>
            Leave out all problem rows
          </button>
        )}
        {busy && (
          <span role="status">
            <span className="spinner" aria-hidden="true" /> Checking the rows…
          </span>
        )}
      </div>
      {total === 0 ? (
        <p className="muted">No rows to show here.</p>
      ) : total === undefined ? (
        <p className="muted">
          <span className="spinner" aria-hidden="true" /> Loading the rows…
        </p>
      ) : (
        <Table total={total} fields={fields} />
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
