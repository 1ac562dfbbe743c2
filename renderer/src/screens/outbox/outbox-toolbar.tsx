// Filters (with counts), sandbox or live history, search as you type, and the CSV export of
// what is listed.

import { useEffect, useState } from 'react';
import type { OutboxSummary } from '../../../../shared/ipc/contract/jobs.ts';
import {
  ACCOUNT_VIEW_LABEL,
  ACCOUNT_VIEWS,
  type AccountView,
  isAccountView,
  JOB_FILTER_LABEL,
  JOB_FILTERS,
  type JobFilter,
} from '../../../../shared/outbox-filters.ts';
import { shortcutProps } from '../../keyboard/shortcut-keys.ts';
import { useStore } from '../../store/index.ts';

const FILTERS = JOB_FILTERS.map((value) => ({ value, label: JOB_FILTER_LABEL[value] }));

/** The filter counts of the side(s) the list shows. */
function viewCounts(summary: OutboxSummary | undefined, view: AccountView): Record<JobFilter, number> | undefined {
  if (!summary) return undefined;
  if (view !== 'both') return summary.bySide[view];
  const { sandbox, live } = summary.bySide;
  return Object.fromEntries(JOB_FILTERS.map((f) => [f, sandbox[f] + live[f]])) as Record<JobFilter, number>;
}

export function OutboxToolbar() {
  const filter = useStore((s) => s.outboxFilter);
  const search = useStore((s) => s.outboxSearch);
  const summary = useStore((s) => s.outboxSummary);
  const account = useStore((s) => s.outboxAccount);
  const setAccount = useStore((s) => s.setOutboxAccount);
  const view: AccountView = account ?? summary?.mode ?? 'sandbox';
  const counts = viewCounts(summary, view);
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
      {/* Which history, search and export stay together: when the line is full they move down as one. */}
      <div className="outbox-tools">
        <label className="visually-hidden" htmlFor="outbox-account">
          Sandbox or live faxes
        </label>
        <select
          id="outbox-account"
          className="input outbox-account"
          value={view}
          onChange={(e) => {
            const v = e.target.value;
            // Choosing the side in use means "follow the account", so a later switch carries the list along.
            if (isAccountView(v)) void setAccount(v === summary?.mode ? null : v);
          }}
        >
          {ACCOUNT_VIEWS.map((v) => (
            <option key={v} value={v}>
              {ACCOUNT_VIEW_LABEL[v]}
            </option>
          ))}
        </select>
        <label className="visually-hidden" htmlFor="outbox-search">
          Search faxes
        </label>
        <input
          id="outbox-search"
          className="input outbox-search"
          {...shortcutProps('search', 'Search faxes')}
          type="search"
          placeholder="Search name, number, document…"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="button" className="button" onClick={exportCsv} disabled={exporting}>
          {exporting ? 'Exporting…' : 'Export CSV'}
        </button>
      </div>
    </div>
  );
}
