// Filters (with counts), search as you type, and the CSV export of what is listed.

import { useEffect, useState } from 'react';
import { JOB_FILTER_LABEL, JOB_FILTERS } from '../../../../shared/outbox-filters.ts';
import { useStore } from '../../store/index.ts';

const FILTERS = JOB_FILTERS.map((value) => ({ value, label: JOB_FILTER_LABEL[value] }));

export function OutboxToolbar() {
  const filter = useStore((s) => s.outboxFilter);
  const search = useStore((s) => s.outboxSearch);
  const counts = useStore((s) => s.outboxSummary?.counts);
  const setFilter = useStore((s) => s.setOutboxFilter);
  const setSearch = useStore((s) => s.setOutboxSearch);
  const exportOutboxCsv = useStore((s) => s.exportOutboxCsv);
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
      await exportOutboxCsv(text);
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
