// Filters (with counts), search as you type, and the CSV export of what is listed.

import { useEffect, useState } from 'react';
import type { JobFilter } from '../../../../shared/ipc/contract/jobs.ts';
import { call, messageOf } from '../../ipc/api.ts';
import { useStore } from '../../store/index.ts';
import { downloadBlob } from './download.ts';

const FILTERS: Array<{ value: JobFilter; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'in-progress', label: 'In progress' },
  { value: 'delivered', label: 'Delivered' },
  { value: 'failed', label: 'Failed' },
  { value: 'needs-attention', label: 'Needs attention' },
];

export function OutboxToolbar() {
  const filter = useStore((s) => s.outboxFilter);
  const search = useStore((s) => s.outboxSearch);
  const counts = useStore((s) => s.outboxSummary?.counts);
  const setFilter = useStore((s) => s.setOutboxFilter);
  const setSearch = useStore((s) => s.setOutboxSearch);
  const pushToast = useStore((s) => s.pushToast);
  const [text, setText] = useState(search);
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    if (text === search) return;
    const t = setTimeout(() => setSearch(text), 200);
    return () => clearTimeout(t);
  }, [text, search, setSearch]);

  const exportCsv = async () => {
    setExporting(true);
    try {
      // What the box shows, even if the list has not caught up with the last keystroke yet.
      const r = await call('exportJobsCsv', { filter, search: text });
      if (r.kind === 'content') {
        downloadBlob(new Blob([`\ufeff${r.csv}`], { type: 'text/csv;charset=utf-8' }), r.fileName);
        pushToast({ level: 'success', title: 'Job list exported', message: `${r.rows} fax${r.rows === 1 ? '' : 'es'} in ${r.fileName}.` });
      } else if (r.kind === 'saved') {
        pushToast({
          level: 'success',
          title: 'Job list exported',
          message: `${r.rows} fax${r.rows === 1 ? '' : 'es'} saved to ${r.path}.`,
        });
      }
    } catch (err) {
      pushToast({ level: 'error', title: 'Could not export the job list', message: messageOf(err) });
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className="outbox-toolbar">
      <fieldset className="filter-group">
        <legend className="visually-hidden">Show</legend>
        {FILTERS.map((f) => (
          <button
            key={f.value}
            type="button"
            className="filter-button"
            aria-pressed={filter === f.value}
            onClick={() => setFilter(f.value)}
          >
            {f.label}
            {counts && <span className="filter-count">{counts[f.value]}</span>}
          </button>
        ))}
      </fieldset>
      <span className="spacer" />
      <label className="visually-hidden" htmlFor="outbox-search">
        Search faxes
      </label>
      <input
        id="outbox-search"
        className="input outbox-search"
        type="search"
        placeholder="Search name, number, document…"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="button" className="button" onClick={exportCsv} disabled={exporting}>
        {exporting ? 'Exporting…' : 'Export CSV'}
      </button>
    </div>
  );
}
