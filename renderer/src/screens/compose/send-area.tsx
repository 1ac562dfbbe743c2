// The bottom of the form: the estimate, one Send button, the summary to confirm, and then
// the upload: progress per recipient, "sent" with the way to the Outbox, or what went wrong
// in plain words with what to do (the draft is kept, so sending again is one click).

import { useEffect, useRef } from 'react';
import { PAPER_SIZE_LABEL, type JobState } from '../../../../shared/domain.ts';
import { checkHeader } from '../../../../shared/fax-rules.ts';
import { type ComposeDocument, detectedPaperSize, type SendJobStatus, type SendProblem } from '../../../../shared/ipc/contract/compose.ts';
import { DuplicateDialog } from '../../components/duplicate-dialog.tsx';
import { Icon } from '../../components/icon.tsx';
import { ProgressBar } from '../../components/progress-bar.tsx';
import { shortcutProps } from '../../keyboard/shortcut-keys.ts';
import { useStore } from '../../store/index.ts';
import { ConfirmRecipients } from './confirm-recipients.tsx';
import { estimateFax, estimateLine, formatMoney } from './estimate.ts';

const NO_DOCUMENTS: ComposeDocument[] = [];

const STATE_WORDS: Partial<Record<JobState, string>> = {
  draft: 'Waiting to upload',
  queued: 'Waiting to upload',
  submitting: 'Uploading',
  submitted: 'Accepted by Openfax',
  delivered: 'Delivered',
  failed: 'Accepted; the call failed (see the Outbox)',
  rejected: 'Not sent',
  'auth-failed': 'Not sent',
  'no-credit': 'Not sent',
  'needs-attention': 'Needs attention',
  canceled: 'Canceled',
};

export function useEstimate() {
  const fields = useStore((s) => s.composeFields);
  const documents = useStore((s) => s.composeDraft?.documents ?? NO_DOCUMENTS);
  const pricing = useStore((s) => s.composePricing);
  const pages = documents.reduce((n, d) => n + d.pages, 0) + (fields?.cover.enabled ? 1 : 0);
  return estimateFax({
    pages,
    recipients: Math.max(1, fields?.recipients.length ?? 0),
    resolution: fields?.resolution ?? 'standard',
    pricePerPage: pricing.pricePerPage,
    priceSource: pricing.priceSource ?? 'unknown',
    learnedFrom: pricing.learnedFrom,
    credit: pricing.credit,
  });
}

/** What can be told without asking main: shown at once, before any dialog. */
function localProblems(s: ReturnType<typeof useStore.getState>): SendProblem[] {
  const f = s.composeFields;
  if (!f) return [];
  const out: SendProblem[] = [];
  if (s.composePending.length)
    out.push({ field: 'documents', message: 'A document is still being checked.', action: 'Wait a moment, then send.' });
  else if (!s.composeDraft?.documents.length && !f.cover.enabled) {
    out.push({
      field: 'documents',
      message: 'There is nothing to send yet.',
      action: 'Drop a PDF on the window, or choose one with "Add PDF…".',
    });
  }
  if (!f.recipients.length)
    out.push({ field: 'recipients', message: 'No recipient yet.', action: 'Type a fax number or a name from the address book.' });
  for (const [field, label, value] of [
    ['toHeader', 'To', f.toHeader],
    ['fromHeader', 'From', f.fromHeader],
  ] as const) {
    const c = checkHeader(label, value);
    if (!c.ok) out.push({ field, message: c.reason, action: '' });
  }
  return out;
}

export function SendArea() {
  const estimate = useEstimate();
  const fields = useStore((s) => s.composeFields);
  const documents = useStore((s) => s.composeDraft?.documents ?? NO_DOCUMENTS);
  const defaultPaper = useStore((s) => s.composeDefaults?.paperSize ?? 'letter');
  const sending = useStore((s) => s.composeSending);
  const problems = useStore((s) => s.composeProblems);
  const send = useStore((s) => s.sendCompose);
  const duplicates = useStore((s) => s.composeDuplicates);
  const dismissDuplicates = useStore((s) => s.dismissComposeDuplicates);
  const setProblems = useStore((s) => s.setComposeProblems);
  const dialog = useRef<HTMLDialogElement>(null);
  const summaryProblems = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (problems.length) summaryProblems.current?.focus();
  }, [problems]);

  if (!fields) return null;
  const paper = fields.paperSize ?? detectedPaperSize(documents) ?? defaultPaper;

  const onSend = () => {
    const local = localProblems(useStore.getState());
    if (local.length) {
      setProblems(local);
      return;
    }
    setProblems([]);
    dialog.current?.showModal();
  };

  const confirm = async () => {
    dialog.current?.close();
    await send();
  };

  const general = problems.filter((p) => p.field === 'general' || p.field === 'credit' || p.field === 'documents');
  return (
    <div className="send-area">
      <p className={`estimate${estimate.short ? ' estimate-short' : ''}`} data-testid="estimate">
        {estimateLine(estimate)}
        {estimate.credit !== undefined && <span className="muted"> · credit {formatMoney(estimate.credit)}</span>}
      </p>
      {estimate.short && (
        <p className="field-error" role="status">
          <Icon name="warning" /> The credit does not cover this fax. Add credit in the Openfax portal before sending.
        </p>
      )}
      {problems.length > 0 && (
        <div className="banner banner-red problems" role="alert" tabIndex={-1} ref={summaryProblems} data-testid="send-problems">
          <Icon name="warning" />
          <div>
            <strong>The fax was not sent.</strong>{' '}
            {problems.length === 1 ? 'Fix this and send again:' : `Fix these ${problems.length} things and send again:`}
            <ul>
              {problems.map((p) => (
                <li key={`${p.field}:${p.message}`}>
                  {p.message} {p.action} {p.code && <small className="code">({p.code})</small>}
                </li>
              ))}
            </ul>
            {general.length === 0 && <span className="muted">Each problem is also shown under its field.</span>}
          </div>
        </div>
      )}
      <button
        type="button"
        className="button button-primary send-button"
        onClick={onSend}
        disabled={sending}
        data-testid="send"
        {...shortcutProps('send')}
      >
        {sending ? (
          <>
            <span className="spinner" aria-hidden="true" /> Sending…
          </>
        ) : (
          <>Send</>
        )}
      </button>

      <dialog ref={dialog} className="send-summary card" aria-labelledby="send-summary-title">
        <h2 id="send-summary-title">Send this fax?</h2>
        <dl className="summary-list">
          <ConfirmRecipients />
          <dt>Pages</dt>
          <dd>
            {estimate.pages}
            {fields.cover.enabled ? ' (with the cover page)' : ''}
          </dd>
          <dt>Headers</dt>
          <dd>
            {headerWords('To', fields.toHeader, fields.recipients.length > 1 ? "each contact's own, where it has one" : undefined)} ·{' '}
            {headerWords('From', fields.fromHeader)}
          </dd>
          <dt>Options</dt>
          <dd>
            {fields.resolution === 'fine' ? 'Fine' : 'Standard'} resolution · {PAPER_SIZE_LABEL[paper]} · {fields.priority} priority
          </dd>
          <dt>Estimate</dt>
          <dd>{estimateLine(estimate)}</dd>
        </dl>
        <div className="field-row dialog-actions">
          <button type="button" className="button button-primary" onClick={() => void confirm()} data-testid="confirm-send">
            Send now
          </button>
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            Back
          </button>
        </div>
      </dialog>
      <DuplicateDialog
        duplicates={duplicates}
        total={fields.recipients.length}
        busy={sending}
        onSendAgain={() => void send({ allowDuplicate: true })}
        onSendOthers={() => void send({ skipDuplicates: true })}
        onCancel={dismissDuplicates}
      />
    </div>
  );
}

function jobProgress(j: SendJobStatus): number | undefined {
  if (j.state === 'submitted' || j.state === 'delivered' || j.state === 'failed') return 1;
  return j.totalBytes > 0 ? j.sentBytes / j.totalBytes : undefined;
}

/** After Send: the upload, then "sent" or what went wrong. Replaces the form's button area. */
export function SendStatusPanel() {
  const status = useStore((s) => s.composeDraft?.send ?? null);
  const dismiss = useStore((s) => s.dismissComposeSend);
  const navigate = useStore((s) => s.navigate);
  const heading = useRef<HTMLHeadingElement>(null);
  const phase = status?.phase;
  useEffect(() => {
    if (phase) heading.current?.focus();
  }, [phase]);
  if (!status) return null;

  const failed = status.jobs.filter(
    (j) => j.error || ['rejected', 'auth-failed', 'no-credit', 'needs-attention', 'canceled'].includes(j.state),
  );
  const tone = status.phase === 'failed' ? 'banner-red' : status.phase === 'sent' ? 'banner-green' : 'banner-blue';
  return (
    <section
      className={`banner send-status ${tone}`}
      aria-labelledby="send-status-title"
      data-testid="send-status"
      data-phase={status.phase}
    >
      <div className="send-status-body">
        <h2 id="send-status-title" ref={heading} tabIndex={-1}>
          {status.phase === 'uploading' && (
            <>
              <span className="spinner" aria-hidden="true" /> Sending to Openfax…
            </>
          )}
          {status.phase === 'sent' && (
            <>
              <Icon name="check" /> Sent to Openfax
            </>
          )}
          {status.phase === 'failed' && (
            <>
              <Icon name="fail" />{' '}
              {failed.length === status.jobs.length ? 'The fax was not sent' : `${failed.length} of ${status.jobs.length} were not sent`}
            </>
          )}
        </h2>
        {status.notice && (
          <p>
            {status.notice.message} <strong>{status.notice.action}</strong>
          </p>
        )}
        <ul className="send-jobs">
          {status.jobs.map((j) => (
            <li key={j.jobId}>
              <span className="send-job-who">{j.name ? `${j.name} · ${j.display}` : j.display}</span>
              <span className="send-job-state" role="status">
                {STATE_WORDS[j.state] ?? j.state}
                {j.state === 'submitting' && j.totalBytes > 0 ? ` ${Math.round((j.sentBytes / j.totalBytes) * 100)}%` : ''}
              </span>
              {!j.error && <ProgressBar value={jobProgress(j)} label={`Upload to ${j.name ?? j.display}`} tone="sent" />}
              {j.error && (
                <p className="send-job-error">
                  {j.error.message} <strong>{j.error.action}</strong> {j.error.code && <small className="code">({j.error.code})</small>}
                </p>
              )}
            </li>
          ))}
        </ul>
        {status.phase === 'sent' && <p>Delivery takes a few minutes; the Outbox shows each result as it comes in.</p>}
        {status.phase === 'failed' && (
          <p>
            Your draft is kept: fix the problem, then send again.
            {failed.length < status.jobs.length
              ? ' Sending again goes only to those left under Recipients; the ones Openfax already has are listed apart and not sent again.'
              : ''}
          </p>
        )}
        <div className="field-row">
          <button type="button" className="button" onClick={() => navigate('outbox')}>
            Open the Outbox
          </button>
          {status.phase !== 'uploading' && (
            <button type="button" className="button" onClick={() => void dismiss()}>
              {status.phase === 'sent' ? 'New fax' : 'Edit and send again'}
            </button>
          )}
        </div>
      </div>
    </section>
  );
}

/** A header as the confirm shows it: quoted when set, said plainly when nothing will be printed. */
function headerWords(label: string, value: string, fallback?: string): string {
  if (value) return `${label} “${value}”`;
  return fallback ? `${label}: ${fallback}` : `No ${label} header`;
}
