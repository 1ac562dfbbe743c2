// The side panel of a broadcast: progress in words (the row's own counts), the failed and
// refused recipients with their reasons and codes, and actions on the whole broadcast.

import { useEffect, useState } from 'react';
import type { DuplicateSend } from '../../../../shared/duplicate-sends.ts';
import { DuplicateDialog } from '../../components/duplicate-dialog.tsx';
import { StatusChip } from '../../components/status-chip.tsx';
import { useStore } from '../../store/index.ts';
import { BroadcastProgress } from './broadcast-progress.tsx';
import { BroadcastReportActions } from './report-actions.tsx';
import { SandboxTag } from './sandbox-tag.tsx';
import { formatMoney, fullTime, pagesText } from './format.ts';
import { useOutboxAction } from './use-action.ts';

export function BroadcastPanel({ broadcastId }: { broadcastId: number }) {
  const row = useStore((s) => s.outboxRows.find((r) => r.kind === 'broadcast' && r.id === broadcastId));
  const recipients = useStore((s) => s.broadcastJobs[broadcastId]);
  const expanded = useStore((s) => !!s.expandedBroadcasts[broadcastId]);
  const toggle = useStore((s) => s.toggleBroadcast);
  const select = useStore((s) => s.selectOutbox);
  const load = useStore((s) => s.loadBroadcastJobs);
  const resendFailed = useStore((s) => s.resendBroadcastFailed);
  const cancelBroadcast = useStore((s) => s.cancelBroadcast);
  const [busy, run] = useOutboxAction();
  const [duplicates, setDuplicates] = useState<DuplicateSend[]>([]);
  const resend = async (answer: { allowDuplicate?: boolean; skipDuplicates?: boolean } = {}) => {
    setDuplicates([]);
    const r = await run('resend', 'Resend failed recipients', () => resendFailed(broadcastId, answer));
    if (r && !r.ok && r.duplicates?.length) setDuplicates(r.duplicates);
  };
  useEffect(() => {
    if (!recipients) void load(broadcastId);
  }, [recipients, broadcastId, load]);
  if (row?.kind !== 'broadcast') return <p className="muted">This broadcast is not in the list any more.</p>;
  const failed = (recipients ?? []).filter((j) => j.status.tone === 'failed');
  const c = row.counts;

  return (
    <div className="job-panel" data-testid="broadcast-panel">
      <header className="panel-head">
        <div>
          <h2 id="panel-title">Broadcast to {row.total} recipients</h2>
          <p className="muted panel-sub">
            {row.documentName} · {pagesText(row.pages)} · started {fullTime(row.createdAt)}
          </p>
        </div>
      </header>
      <div className="panel-status">
        <StatusChip status={row.status} />
        {row.side === 'sandbox' && <SandboxTag />}
        <BroadcastProgress counts={c} />
        <p className="muted">Cost so far {formatMoney(row.cost)}</p>
      </div>
      <div className="panel-actions">
        {row.canResendFailed && (
          <button type="button" className="button button-primary" disabled={!!busy} onClick={() => void resend()}>
            {busy === 'resend' ? 'Resending…' : `Resend ${row.resendable} failed`}
          </button>
        )}
        {row.canCancel && (
          <button
            type="button"
            className="button button-danger"
            disabled={!!busy}
            onClick={() => run('cancel', 'Cancel broadcast', () => cancelBroadcast(broadcastId))}
          >
            Cancel the unsent
          </button>
        )}
        <button type="button" className="button" aria-expanded={expanded} onClick={() => void toggle(broadcastId)}>
          {expanded ? 'Hide recipients' : 'Show recipients'}
        </button>
      </div>
      <BroadcastReportActions row={row} />
      <DuplicateDialog
        duplicates={duplicates}
        total={row.resendable}
        busy={!!busy}
        onSendAgain={() => void resend({ allowDuplicate: true })}
        onSendOthers={() => void resend({ skipDuplicates: true })}
        onCancel={() => setDuplicates([])}
      />
      {row.resendable > 0 && (
        <>
          <h3 className="panel-section">{c.refused ? 'Failed and refused recipients' : 'Failed recipients'}</h3>
          {!recipients ? (
            <p className="muted">Loading…</p>
          ) : (
            <ul className="failed-list">
              {failed.map((j) => (
                <li key={j.id}>
                  <button type="button" className="link-button" onClick={() => select({ kind: 'job', id: j.id })}>
                    {j.recipientName || j.number}
                  </button>
                  {j.recipientName && <span className="muted"> {j.number}</span>}
                  <div>
                    {j.status.detail ?? j.status.label} {j.status.code && <span className="code">{j.status.code}</span>}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
