// The import preview: counts, every row with its status and (for problem rows) the reason,
// what to do with duplicates, and the import button. The table is virtualised: a file of
// 50,000 rows scrolls as smoothly as one of ten.

import { useVirtualizer } from '@tanstack/react-virtual';
import { useId, useMemo, useRef, useState } from 'react';
import type { DuplicateAction, ImportOpened, ImportPreview, ImportRow, ImportRowStatus } from '../../../../shared/ipc/contract/contacts.ts';

type Opened = Extract<ImportOpened, { ok: true }>;

const STATUS: Record<ImportRowStatus, { icon: string; label: string; chip: string; row: string }> = {
  ready: { icon: '✓', label: 'Ready', chip: 'chip-green', row: '' },
  invalid: { icon: '✕', label: 'Problem', chip: 'chip-red', row: 'row-problem' },
  'duplicate-in-file': { icon: '≡', label: 'Repeated in file', chip: 'chip-amber', row: 'row-duplicate' },
  'duplicate-in-book': { icon: '≡', label: 'Already in book', chip: 'chip-amber', row: 'row-duplicate' },
};

const DUPLICATE_CHOICES: Array<{ value: DuplicateAction; label: string; hint: string }> = [
  { value: 'merge', label: 'Merge', hint: 'Fill the gaps of the first contact with that number; a different name is kept in its notes.' },
  { value: 'skip', label: 'Skip', hint: 'Leave them out.' },
  { value: 'add', label: 'Add as separate contacts', hint: 'For people who share one fax machine.' },
];

function RowsTable({ rows, format }: { rows: readonly ImportRow[]; format: Opened['format'] }) {
  const scroller = useRef<HTMLElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 38,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it.
    <section ref={scroller} className="table-scroll import-rows" tabIndex={0} aria-label="Rows of the file">
      <table className="data" aria-rowcount={rows.length + 1} data-testid="import-rows">
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">{format === 'vcard' ? 'Card' : 'Row'}</th>
            <th scope="col">Name</th>
            <th scope="col">Company</th>
            <th scope="col">Fax number</th>
            <th scope="col">Status</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {top > 0 && (
            <tr className="spacer-row" style={{ height: top }}>
              <td colSpan={6} />
            </tr>
          )}
          {items.map((item) => {
            const r = rows[item.index] as ImportRow;
            const s = STATUS[r.status];
            return (
              <tr key={item.key} data-index={item.index} ref={virtualizer.measureElement} className={s.row} aria-rowindex={item.index + 2}>
                <td className="num">{r.row}</td>
                <td>{r.name}</td>
                <td>{r.company}</td>
                <td className="nowrap">{r.faxDisplay || <span className="muted">—</span>}</td>
                <td>
                  <span className={`chip ${s.chip}`}>
                    <span aria-hidden="true">{s.icon}</span> {s.label}
                  </span>
                </td>
                <td className="import-reason">
                  {r.reason}
                  {r.warnings.map((w) => (
                    <span key={w} className="import-warning">
                      {w}
                    </span>
                  ))}
                </td>
              </tr>
            );
          })}
          {bottom > 0 && (
            <tr className="spacer-row" style={{ height: bottom }}>
              <td colSpan={6} />
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}

export function ImportPreviewStep({
  opened,
  preview,
  busy,
  error,
  onBack,
  onImport,
}: {
  opened: Opened;
  preview: ImportPreview;
  busy: boolean;
  error?: string;
  onBack(): void;
  onImport(duplicates: DuplicateAction, groupName: string | undefined): void;
}) {
  const { counts } = preview;
  const duplicates = counts.duplicateInFile + counts.duplicateInBook;
  const problems = counts.invalid + duplicates;
  const [show, setShow] = useState<'all' | 'problems'>(problems ? 'problems' : 'all');
  const [action, setAction] = useState<DuplicateAction>('merge');
  const [toGroup, setToGroup] = useState(false);
  const [groupName, setGroupName] = useState(opened.fileName.replace(/\.[^.]+$/, ''));
  const id = useId();
  const rows = useMemo(() => (show === 'all' ? preview.rows : preview.rows.filter((r) => r.status !== 'ready')), [show, preview.rows]);
  const adding = counts.ready + (action === 'add' ? duplicates : 0);
  const buttonLabel =
    action === 'merge' && duplicates
      ? `Import ${adding.toLocaleString()} and merge ${duplicates.toLocaleString()}`
      : `Import ${adding.toLocaleString()} ${adding === 1 ? 'contact' : 'contacts'}`;

  return (
    <div className="import-preview">
      <ul className="import-counts" aria-label="What the file holds" data-testid="import-counts">
        <li className="chip chip-green">
          <span aria-hidden="true">✓</span> {counts.ready.toLocaleString()} ready
        </li>
        <li className={`chip ${counts.invalid ? 'chip-red' : 'chip-grey'}`}>
          <span aria-hidden="true">✕</span> {counts.invalid.toLocaleString()} with problems
        </li>
        <li className={`chip ${counts.duplicateInFile ? 'chip-amber' : 'chip-grey'}`}>
          <span aria-hidden="true">≡</span> {counts.duplicateInFile.toLocaleString()} repeated in the file
        </li>
        <li className={`chip ${counts.duplicateInBook ? 'chip-amber' : 'chip-grey'}`}>
          <span aria-hidden="true">≡</span> {counts.duplicateInBook.toLocaleString()} already in the address book
        </li>
      </ul>
      {counts.invalid > 0 && (
        <p className="muted">Rows with problems are not imported: fix them in the file and import it again, or add them by hand.</p>
      )}
      <fieldset className="segmented">
        <legend className="visually-hidden">Rows shown</legend>
        <label className={show === 'problems' ? 'segment segment-on' : 'segment'}>
          <input type="radio" name={`${id}-show`} checked={show === 'problems'} onChange={() => setShow('problems')} />
          Problems and duplicates ({problems.toLocaleString()})
        </label>
        <label className={show === 'all' ? 'segment segment-on' : 'segment'}>
          <input type="radio" name={`${id}-show`} checked={show === 'all'} onChange={() => setShow('all')} />
          All rows ({counts.total.toLocaleString()})
        </label>
      </fieldset>
      {rows.length ? <RowsTable rows={rows} format={opened.format} /> : <p className="muted">Every row is ready to import.</p>}
      {duplicates > 0 && (
        <fieldset className="field duplicate-choice">
          <legend>
            {duplicates.toLocaleString()} {duplicates === 1 ? 'row has' : 'rows have'} a fax number that is already taken
          </legend>
          {DUPLICATE_CHOICES.map((c) => (
            <label key={c.value} className="radio">
              <input type="radio" name={`${id}-dup`} value={c.value} checked={action === c.value} onChange={() => setAction(c.value)} />
              <span>
                <strong>{c.label}</strong> <span className="muted">{c.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <div className="import-group">
        <label className="checkbox">
          <input type="checkbox" checked={toGroup} onChange={(e) => setToGroup(e.target.checked)} />
          Also put the imported contacts in a group
        </label>
        {toGroup && (
          <>
            <label htmlFor={`${id}-group`} className="visually-hidden">
              Group name
            </label>
            <input id={`${id}-group`} className="input" value={groupName} onChange={(e) => setGroupName(e.target.value)} />
          </>
        )}
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onBack} disabled={busy}>
          {opened.format === 'csv' ? 'Back to columns' : 'Cancel'}
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={busy || (adding === 0 && !(action === 'merge' && duplicates))}
          onClick={() => onImport(action, toGroup && groupName.trim() ? groupName.trim() : undefined)}
        >
          {buttonLabel}
        </button>
      </div>
    </div>
  );
}
