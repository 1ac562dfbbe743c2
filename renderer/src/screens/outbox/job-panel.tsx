// The side panel of one fax: status with what to do, actions, page 1 of the document, the
// fax's settings and its attempt timeline.

import { useState } from 'react';
import { PAPER_SIZE_LABEL } from '../../../../shared/domain.ts';
import { StatusChip } from '../../components/status-chip.tsx';
import { useStore } from '../../store/index.ts';
import { AsSentView } from './as-sent-view.tsx';
import { AttemptTimeline } from './attempt-timeline.tsx';
import { DocumentThumb } from './document-thumb.tsx';
import { formatMoney, pagesText } from './format.ts';
import { RedialNote } from './redial-note.tsx';
import { JobReportActions } from './report-actions.tsx';
import { cancelNote, JobResend } from './job-resend.tsx';
import { useOutboxAction } from './use-action.ts';

export function JobPanel({ jobId }: { jobId: number }) {
  const detail = useStore((s) => s.jobDetail);
  const error = useStore((s) => s.jobDetailError);
  const select = useStore((s) => s.selectOutbox);
  const openPdf = useStore((s) => s.openJobDocument);
  const retryJob = useStore((s) => s.retryJob);
  const cancelJob = useStore((s) => s.cancelJob);
  const [busy, run] = useOutboxAction();
  const [acceptDuplicate, setAcceptDuplicate] = useState(false);

  if (error) return <p className="field-error">{error}</p>;
  if (!detail || detail.job.id !== jobId) return <p className="muted">Loading…</p>;
  const { job, options } = detail;

  const noCancel = cancelNote(job);

  return (
    <div className="job-panel" data-testid="job-panel">
      <header className="panel-head">
        <div>
          <h2 id="panel-title">{job.recipientName || job.number}</h2>
          <p className="muted panel-sub">
            {job.recipientName && <span>{job.number}</span>}
            {job.recipientCompany && <span> · {job.recipientCompany}</span>}
          </p>
        </div>
      </header>
      <div className="panel-status">
        <StatusChip status={job.status} withCode />
        {job.status.detail && <p className="status-detail">{job.status.detail}</p>}
        <RedialNote redialAt={job.redialAt} />
        {job.status.action && <p className="muted">{job.status.action}</p>}
      </div>
      {job.canRetry && job.retryRisksDuplicate && (
        <label className="check-row">
          <input type="checkbox" checked={acceptDuplicate} onChange={(e) => setAcceptDuplicate(e.target.checked)} />
          Send it again even if Openfax already has it (it may arrive twice)
        </label>
      )}
      <div className="panel-actions">
        {job.canResend && <JobResend job={job} available={detail.document.available} busy={busy} run={run} />}
        {job.canRetry && (
          <button
            type="button"
            className="button button-primary"
            disabled={!!busy || (job.retryRisksDuplicate && !acceptDuplicate)}
            onClick={() => run('retry', 'Retry', () => retryJob(jobId, acceptDuplicate))}
          >
            Retry
          </button>
        )}
        {job.canCancel && (
          <button
            type="button"
            className="button button-danger"
            disabled={!!busy}
            onClick={() => run('cancel', 'Cancel', () => cancelJob(jobId))}
            data-testid="cancel-job"
          >
            Cancel fax
          </button>
        )}
        {noCancel && (
          <p className="muted panel-note" data-testid="no-cancel">
            {noCancel}
          </p>
        )}
        <button type="button" className="button" disabled={!detail.document.available} onClick={() => void openPdf(jobId)}>
          Open PDF
        </button>
      </div>
      <JobReportActions job={job} documentAvailable={detail.document.available} />
      {(detail.resendOf || detail.resentAs) && (
        <p className="panel-links">
          {detail.resendOf && (
            <button type="button" className="link-button" onClick={() => select({ kind: 'job', id: detail.resendOf as number })}>
              Resend of fax #{detail.resendOf}
            </button>
          )}
          {detail.resentAs && (
            <button type="button" className="link-button" onClick={() => select({ kind: 'job', id: detail.resentAs as number })}>
              Sent again as fax #{detail.resentAs}
            </button>
          )}
        </p>
      )}
      <div className="panel-doc">
        <DocumentThumb jobId={jobId} name={detail.document.name} available={detail.document.available} />
        <dl className="facts">
          <dt>Document</dt>
          <dd>{detail.document.name}</dd>
          <dt>Pages</dt>
          <dd>{pagesText(job.pages)}</dd>
          <dt>Cost</dt>
          <dd>{formatMoney(job.cost)}</dd>
          <dt>Headers</dt>
          <dd>
            To {options.toHeader ? `“${options.toHeader}”` : '(none)'} · From {options.fromHeader ? `“${options.fromHeader}”` : '(none)'}
          </dd>
          <dt>Options</dt>
          <dd>
            {PAPER_SIZE_LABEL[options.paperSize]} · {options.resolution === 'fine' ? 'Fine' : 'Standard'} · {options.priority}
          </dd>
          {detail.broadcast && (
            <>
              <dt>Broadcast</dt>
              <dd>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => select({ kind: 'broadcast', id: detail.broadcast?.id as number })}
                >
                  {detail.broadcast.name}
                </button>
              </dd>
            </>
          )}
          {job.outTransId && (
            <>
              <dt>Openfax ID</dt>
              <dd className="code">{job.outTransId}</dd>
            </>
          )}
        </dl>
      </div>
      <AsSentView
        key={jobId}
        jobId={jobId}
        reachedOpenfax={!!job.outTransId}
        version={job.updatedAt}
        paper={options.paperSize}
        resolution={options.resolution}
        documentAvailable={detail.document.available}
      />
      <h3 className="panel-section">Attempts</h3>
      <AttemptTimeline entries={detail.timeline} />
    </div>
  );
}
