// The Outbox: every fax newest first, live, with filters, search, export, and a side panel for
// the selected fax or broadcast.

import { useEffect } from 'react';
import { Icon } from '../../components/icon.tsx';
import { useStore } from '../../store/index.ts';
import { BroadcastPanel } from './broadcast-panel.tsx';
import { JobPanel } from './job-panel.tsx';
import { OutboxTable } from './outbox-table.tsx';
import { OutboxToolbar } from './outbox-toolbar.tsx';
import './outbox.css';

function EmptyState() {
  const filter = useStore((s) => s.outboxFilter);
  const search = useStore((s) => s.outboxSearch);
  const account = useStore((s) => s.outboxAccount);
  const navigate = useStore((s) => s.navigate);
  if (filter !== 'all' || search) return <p className="outbox-empty muted">No faxes match.</p>;
  if (account) {
    return <p className="outbox-empty muted">{account === 'both' ? 'No faxes yet.' : `No ${account} faxes.`}</p>;
  }
  return (
    <div className="outbox-empty">
      <p>No faxes yet. Faxes you send appear here with their progress.</p>
      <button type="button" className="button button-primary" onClick={() => navigate('compose')}>
        Compose a fax
      </button>
    </div>
  );
}

export function OutboxScreen() {
  const load = useStore((s) => s.loadOutbox);
  const loaded = useStore((s) => s.outboxLoaded);
  const count = useStore((s) => s.outboxRows.length);
  const error = useStore((s) => s.outboxError);
  const selection = useStore((s) => s.outboxSelection);
  const select = useStore((s) => s.selectOutbox);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (!selection) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') select(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selection, select]);

  return (
    <section className="outbox-screen" aria-labelledby="outbox-title">
      <div className="outbox-main">
        <header className="outbox-header">
          <h1 id="outbox-title">Outbox</h1>
          <OutboxToolbar />
        </header>
        {error && (
          <div className="banner banner-red" role="alert">
            <div>
              <strong>The outbox could not be read.</strong> {error}{' '}
              <button type="button" className="link-button" onClick={() => void load()}>
                Try again
              </button>
            </div>
          </div>
        )}
        {loaded && count === 0 ? <EmptyState /> : <OutboxTable />}
      </div>
      {selection && (
        <aside className="outbox-panel" aria-labelledby="panel-title">
          <button type="button" className="icon-button panel-close" aria-label="Close the details" onClick={() => select(null)}>
            <Icon name="close" />
          </button>
          {selection.kind === 'job' ? <JobPanel jobId={selection.id} /> : <BroadcastPanel broadcastId={selection.id} />}
        </aside>
      )}
    </section>
  );
}
