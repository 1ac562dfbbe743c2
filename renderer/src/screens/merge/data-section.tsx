// The rows: an address-book group, or a CSV or Excel file. Once read: its name, how many rows,
// and what was said about the read (the encoding, which sheet).

import { useEffect, useId } from 'react';
import { useStore } from '../../store/index.ts';
import { useFileChoice } from './file-choice.tsx';
import { countText } from './merge-words.ts';

const DATA_ACCEPT = '.csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function DataSection() {
  const data = useStore((s) => s.merge?.data ?? null);
  const hasTemplate = useStore((s) => Boolean(s.merge?.template));
  const running = useStore((s) => s.merge?.state === 'running' || s.merge?.state === 'paused');
  const busy = useStore((s) => Boolean(s.mergeBusy.data));
  const error = useStore((s) => s.mergeErrors.data);
  const groups = useStore((s) => s.contactGroups);
  const loadGroups = useStore((s) => s.loadContactGroups);
  const open = useStore((s) => s.openMergeData);
  const id = useId();
  const choice = useFileChoice({
    accept: DATA_ACCEPT,
    label: 'Choose a CSV or Excel file',
    testId: 'merge-data-input',
    take: (f) => void open(f),
  });

  useEffect(() => {
    void loadGroups();
  }, [loadGroups]);

  const disabled = !hasTemplate || busy || running;
  return (
    <section className="merge-section" aria-labelledby="merge-data-title" data-testid="merge-data">
      <h2 id="merge-data-title">2. Recipients</h2>
      {choice.input}
      {!hasTemplate && <p className="muted">Choose the template first: its fields say which columns are needed.</p>}
      <div className="merge-data-choices">
        <div className="field">
          <label htmlFor={`${id}-group`}>Address-book group</label>
          <select
            id={`${id}-group`}
            className="input"
            disabled={disabled || groups.length === 0}
            value={data?.kind === 'group' ? (groups.find((g) => g.name === data.name)?.id ?? '') : ''}
            onChange={(e) => e.target.value && void open({ groupId: Number(e.target.value) })}
          >
            <option value="">{groups.length ? 'Choose a group…' : 'No groups in the address book'}</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name} ({g.members === 1 ? '1 contact' : `${g.members} contacts`})
              </option>
            ))}
          </select>
        </div>
        <span className="merge-or muted">or</span>
        <div className="field">
          <span className="field-label">A file</span>
          <button type="button" className="button" onClick={choice.open} disabled={disabled}>
            CSV or Excel file…
          </button>
        </div>
      </div>
      {data && (
        <div className="merge-summary" data-testid="merge-data-summary">
          <div className="merge-summary-head">
            <strong>{data.name}</strong>
            <span className="muted">
              · {data.rows === 1 ? '1 row' : `${data.rows.toLocaleString()} rows`} · {countText(data.columns.length, 'column')}
            </span>
          </div>
          {data.notes.map((n) => (
            <p key={n} className="field-hint">
              {n}
            </p>
          ))}
        </div>
      )}
      {busy && (
        <p className="merge-wait" role="status">
          <span className="spinner" aria-hidden="true" /> Reading the rows…
        </p>
      )}
      {error && (
        <p className="field-error" role="alert" data-testid="merge-data-error">
          {error}
        </p>
      )}
    </section>
  );
}
