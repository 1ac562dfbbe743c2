// Proof of delivery in the Outbox's panels: Save report and Save document with report for a fax
// that has ended (shared/report-rules.ts), Save report for a broadcast (its summary, then each
// recipient's report). Main makes the PDF; the button says so while it does.

import { useState } from 'react';
import type { BroadcastRow, JobRow } from '../../../../shared/ipc/contract/jobs.ts';
import { hasTransmissionReport } from '../../../../shared/report-rules.ts';
import { useStore } from '../../store/index.ts';

type Busy = 'report' | 'document' | undefined;

/** The job panel's report buttons; nothing until the fax has a report. */
export function JobReportActions({ job, documentAvailable }: { job: JobRow; documentAvailable: boolean }) {
  const save = useStore((s) => s.saveJobReport);
  const [busy, setBusy] = useState<Busy>();
  if (!hasTransmissionReport(job)) return null;
  const run = async (which: Exclude<Busy, undefined>) => {
    setBusy(which);
    try {
      await save(job.id, which === 'document');
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <div className="panel-actions" aria-busy={busy ? true : undefined}>
      <button type="button" className="button" disabled={!!busy} onClick={() => void run('report')} data-testid="save-report">
        {busy === 'report' ? 'Making the report…' : 'Save report'}
      </button>
      <button
        type="button"
        className="button"
        disabled={!!busy || !documentAvailable}
        title={documentAvailable ? undefined : 'The PDF is no longer kept: save the report alone.'}
        onClick={() => void run('document')}
        data-testid="save-document-with-report"
      >
        {busy === 'document' ? 'Making the PDF…' : 'Save document with report'}
      </button>
    </div>
  );
}

/** The broadcast panel's Save report: its summary, with each recipient's report after it. */
export function BroadcastReportActions({ row }: { row: BroadcastRow }) {
  const save = useStore((s) => s.saveBroadcastReport);
  const progress = useStore((s) => s.reportProgress[row.id]);
  const [busy, setBusy] = useState(false);
  // A summary is worth saving once something was handed to Openfax.
  if (row.counts.sent === 0) return null;
  const run = async () => {
    setBusy(true);
    try {
      await save(row.id);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="panel-actions" aria-busy={busy ? true : undefined}>
      <button type="button" className="button" disabled={busy} onClick={() => void run()} data-testid="save-broadcast-report">
        {busy ? 'Making the report…' : 'Save report'}
      </button>
      {busy && progress && progress.total > 0 ? (
        <span className="muted" role="status" data-testid="broadcast-report-progress">
          {`${progress.done} of ${progress.total} recipients’ reports`}
        </span>
      ) : null}
    </div>
  );
}
