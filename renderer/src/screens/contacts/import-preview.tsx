// The import preview: counts, every row with its status and (for problem rows) the reason,
// what to do with duplicates, and the import button. The table is virtualised: a file of
// 50,000 rows scrolls as smoothly as one of ten. A problem row's name, company and number can
// be fixed in place: main checks it again at once with the same rules (the file is not changed).

import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useId, useMemo, useRef, useState } from 'react';
import type {
  DuplicateAction,
  ImportFixField,
  ImportOpened,
  ImportPreview,
  ImportRow,
  ImportRowStatus,
} from '../../../../shared/ipc/contract/contacts.ts';
import { Icon, type IconName } from '../../components/icon.tsx';

type Opened = Extract<ImportOpened, { ok: true }>;

const STATUS: Record<ImportRowStatus, { icon: IconName; label: string; chip: string; row: string }> = {
  ready: { icon: 'check', label: 'Ready', chip: 'chip-green', row: '' },
  invalid: { icon: 'fail', label: 'Problem', chip: 'chip-red', row: 'row-problem' },
  'duplicate-in-file': { icon: 'duplicate', label: 'Repeated in file', chip: 'chip-amber', row: 'row-duplicate' },
  'duplicate-in-book': { icon: 'duplicate', label: 'Already in book', chip: 'chip-amber', row: 'row-duplicate' },
};

const DUPLICATE_CHOICES: Array<{ value: DuplicateAction; label: string; hint: string }> = [
  { value: 'merge', label: 'Merge', hint: 'Fill the gaps of the first contact with that number; a different name is kept in its notes.' },
  { value: 'skip', label: 'Skip', hint: 'Leave them out.' },
  { value: 'add', label: 'Add as separate contacts', hint: 'For people who share one fax machine.' },
];

type OnFix = (row: number, field: ImportFixField, value: string) => void;

const FIX_LABEL: Record<ImportFixField, string> = { name: 'Name', company: 'Company', fax: 'Fax number' };

/** One fixable cell: sent to main when the person presses Enter or leaves it, if it changed. */
function FixCell({ row, field, value, onFix }: { row: number; field: ImportFixField; value: string; onFix: OnFix }) {
  const [draft, setDraft] = useState(value);
  const [sent, setSent] = useState(value);
  if (value !== sent) {
    // Main's answer is the new truth (it may have trimmed what was typed).
    setSent(value);
    setDraft(value);
  }
  const send = () => {
    if (draft.trim() !== value.trim()) onFix(row, field, draft);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      send();
    } else if (e.key === 'Escape') {
      setDraft(value);
    }
  };
  return (
    <input
      className="input import-fix"
      value={draft}
      aria-label={`${FIX_LABEL[field]}, row ${row}`}
      data-testid={`import-fix-${field}`}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={onKeyDown}
      onBlur={send}
    />
  );
}

function RowsTable({ rows, format, onFix }: { rows: readonly ImportRow[]; format: Opened['format']; onFix: OnFix }) {
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
                {r.status === 'invalid' || r.edited ? (
                  <>
                    <td>
                      <FixCell row={r.row} field="name" value={r.name} onFix={onFix} />
                    </td>
                    <td>
                      <FixCell row={r.row} field="company" value={r.company} onFix={onFix} />
                    </td>
                    <td className="nowrap">
                      <FixCell row={r.row} field="fax" value={r.faxRaw} onFix={onFix} />
                      {r.status !== 'invalid' && r.faxDisplay && <span className="import-dialled muted">Dialled as {r.faxDisplay}</span>}
                    </td>
                  </>
                ) : (
                  <>
                    <td>{r.name}</td>
                    <td>{r.company}</td>
                    <td className="nowrap">{r.faxDisplay || <span className="muted">—</span>}</td>
                  </>
                )}
                <td>
                  <span className={`chip ${s.chip}`}>
                    <Icon name={s.icon} size={14} /> {s.label}
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
  onFix,
}: {
  opened: Opened;
  preview: ImportPreview;
  busy: boolean;
  error?: string;
  onBack(): void;
  onImport(duplicates: DuplicateAction, groupName: string | undefined): void;
  onFix: OnFix;
}) {
  const { counts } = preview;
  const duplicates = counts.duplicateInFile + counts.duplicateInBook;
  const problems = counts.invalid + duplicates;
  const [show, setShow] = useState<'all' | 'problems'>(problems ? 'problems' : 'all');
  const [action, setAction] = useState<DuplicateAction>('merge');
  const [toGroup, setToGroup] = useState(false);
  const [groupName, setGroupName] = useState(opened.fileName.replace(/\.[^.]+$/, ''));
  const id = useId();
  // A row fixed here stays in view once it is ready, so the person sees the fix took.
  const rows = useMemo(
    () => (show === 'all' ? preview.rows : preview.rows.filter((r) => r.status !== 'ready' || r.edited)),
    [show, preview.rows],
  );
  const adding = counts.ready + (action === 'add' ? duplicates : 0);
  const buttonLabel =
    action === 'merge' && duplicates
      ? `Import ${adding.toLocaleString()} and merge ${duplicates.toLocaleString()}`
      : `Import ${adding.toLocaleString()} ${adding === 1 ? 'contact' : 'contacts'}`;

  return (
    <div className="import-preview">
      <ul className="import-counts" aria-label="What the file holds" data-testid="import-counts">
        <li className="chip chip-green">
          <Icon name="check" size={14} /> {counts.ready.toLocaleString()} ready
        </li>
        <li className={`chip ${counts.invalid ? 'chip-red' : 'chip-grey'}`}>
          <Icon name="fail" size={14} /> {counts.invalid.toLocaleString()} with problems
        </li>
        <li className={`chip ${counts.duplicateInFile ? 'chip-amber' : 'chip-grey'}`}>
          <Icon name="duplicate" size={14} /> {counts.duplicateInFile.toLocaleString()} repeated in the file
        </li>
        <li className={`chip ${counts.duplicateInBook ? 'chip-amber' : 'chip-grey'}`}>
          <Icon name="duplicate" size={14} /> {counts.duplicateInBook.toLocaleString()} already in the address book
        </li>
      </ul>
      {counts.invalid > 0 && (
        <p className="muted">
          Rows with problems are not imported. Fix one here: type the right number or name in its row and press Enter; it is checked again
          at once. Your file is not changed.
        </p>
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
      {rows.length ? (
        <RowsTable rows={rows} format={opened.format} onFix={onFix} />
      ) : (
        <p className="muted">Every row is ready to import.</p>
      )}
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
