// The bottom of the merge: the estimate for the whole merge, what still stops it (each with its
// fix), and one Send button, disabled with the reason while anything does. Once it runs: its
// progress with Pause, Resume and Cancel, and the way to its row in the Outbox; at the end, a summary.

import { useId } from 'react';
import { Icon } from '../../components/icon.tsx';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import { useStore } from '../../store/index.ts';
import { doneText, estimateText, progressText, sendLabel } from './merge-words.ts';

function DuplicateQuestion() {
  const refusal = useStore((s) => s.mergeDuplicateRefusal);
  const dismiss = useStore((s) => s.dismissMergeDuplicates);
  const start = useStore((s) => s.startMerge);
  const busy = useStore((s) => Boolean(s.mergeBusy.send));
  return (
    <ModalDialog
      open={refusal !== undefined}
      title="Openfax already has some of these faxes"
      description="Nothing has been sent this time."
      onClose={dismiss}
    >
      <p data-testid="merge-duplicate-message">{refusal}</p>
      <p>Send them again only if those recipients should get their fax a second time.</p>
      <div className="field-row dialog-actions">
        <button type="button" className="button" onClick={dismiss} data-testid="duplicate-cancel">
          Don’t send
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={busy}
          onClick={() => void start(true)}
          data-testid="duplicate-send-again"
        >
          Yes, send them again
        </button>
      </div>
    </ModalDialog>
  );
}

function RunPanel() {
  const merge = useStore((s) => s.merge);
  const busy = useStore((s) => Boolean(s.mergeBusy.send));
  const error = useStore((s) => s.mergeErrors.send);
  const pause = useStore((s) => s.pauseMerge);
  const resume = useStore((s) => s.resumeMerge);
  const cancel = useStore((s) => s.cancelMerge);
  const discard = useStore((s) => s.discardMerge);
  const navigate = useStore((s) => s.navigate);
  const select = useStore((s) => s.selectOutbox);
  if (!merge) return null;
  const p = merge.progress;
  const ended = merge.state === 'done' || merge.state === 'canceled';
  const pct = (n: number) => `${p?.total ? (n / p.total) * 100 : 0}%`;
  const openOutbox = () => {
    navigate('outbox');
    if (p?.broadcastId !== undefined) void select({ kind: 'broadcast', id: p.broadcastId });
  };
  return (
    <div className={`card merge-run${ended ? ' merge-run-done' : ''}`} data-testid="merge-run">
      <h2 className="merge-run-title">
        {merge.state === 'running' && (
          <>
            <span className="spinner" aria-hidden="true" /> Making and sending the faxes
          </>
        )}
        {merge.state === 'paused' && 'Paused'}
        {merge.state === 'done' && (
          <>
            <Icon name="check" /> Merge done
          </>
        )}
        {merge.state === 'canceled' && (
          <>
            <Icon name="canceled" /> Merge canceled
          </>
        )}
      </h2>
      {p && (
        <>
          <span
            className="progress merge-progress"
            role="progressbar"
            aria-label="Merge progress"
            aria-valuemin={0}
            aria-valuemax={p.total}
            aria-valuenow={p.queued + p.failed + p.skipped + p.canceled}
            aria-valuetext={progressText(p)}
          >
            <span className="p-ok" style={{ width: pct(p.queued) }} />
            <span className="p-fail" style={{ width: pct(p.failed) }} />
            {/* Not sent by choice or by the guard: grey, so no segment stays "in progress" once the merge is over. */}
            <span className="p-skip" data-testid="merge-progress-skip" style={{ width: pct(p.skipped + p.canceled) }} />
            {!ended && (
              <span
                className="p-sent"
                data-testid="merge-progress-making"
                style={{ width: pct(Math.max(0, p.rendered - p.queued - p.failed - p.skipped)) }}
              />
            )}
          </span>
          <p className="merge-progress-words" data-testid="merge-progress">
            {progressText(p)}
          </p>
        </>
      )}
      {ended && <p data-testid="merge-done">{doneText(merge)}</p>}
      {merge.state === 'paused' && <p className="muted">No more documents are made until you resume. Faxes already in the Outbox go on.</p>}
      <div className="field-row">
        {merge.state === 'running' && (
          <button type="button" className="button" disabled={busy} onClick={() => void pause()}>
            Pause
          </button>
        )}
        {merge.state === 'paused' && (
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void resume()}>
            Resume
          </button>
        )}
        {!ended && (
          <button type="button" className="button button-danger" disabled={busy} onClick={() => void cancel()}>
            Cancel the rest
          </button>
        )}
        {p?.broadcastId !== undefined && (
          <button type="button" className="link-button" onClick={openOutbox} data-testid="merge-open-outbox">
            See it in the Outbox
          </button>
        )}
        {ended && (
          <button type="button" className="button" disabled={busy} onClick={() => void discard()}>
            Start a new merge
          </button>
        )}
      </div>
      {!ended && (
        <p className="field-hint">Cancel stops making documents; faxes already in the Outbox stay there (cancel them in the Outbox).</p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function SendSection() {
  const merge = useStore((s) => s.merge);
  const busy = useStore((s) => Boolean(s.mergeBusy.send));
  const error = useStore((s) => s.mergeErrors.send);
  const start = useStore((s) => s.startMerge);
  const discard = useStore((s) => s.discardMerge);
  const progress = useStore((s) => s.mergeProgress);
  const id = useId();
  if (!merge) return null;
  if (merge.state !== 'draft') return <RunPanel />;
  const { blockers, estimate } = merge;
  const blocked = blockers.length > 0;
  return (
    <section className="merge-section merge-send" aria-labelledby={`${id}-title`} data-testid="merge-send">
      <h2 id={`${id}-title`} className="visually-hidden">
        Send
      </h2>
      <p className="estimate" data-testid="merge-estimate">
        {estimateText(estimate)}
      </p>
      {blocked && (
        <div id={`${id}-blockers`} className="banner banner-amber merge-blockers" data-testid="merge-blockers">
          <Icon name="warning" />
          <div>
            <strong>Before it can be sent:</strong>
            <ul>
              {blockers.map((b) => (
                <li key={`${b.code}:${b.message}`}>
                  {b.message} <span className="muted">{b.action}</span>
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
      <button
        type="button"
        className="button button-primary send-button"
        disabled={blocked || busy || estimate.faxes === 0}
        aria-describedby={blocked ? `${id}-blockers` : undefined}
        onClick={() => void start()}
        data-testid="merge-send-button"
      >
        {busy ? 'Checking…' : sendLabel(estimate.faxes)}
      </button>
      {busy && progress && (
        <p className="field-hint" role="status">
          {progress.step}…
        </p>
      )}
      {error && (
        <p className="field-error" role="alert" data-testid="merge-send-error">
          {error}
        </p>
      )}
      <DuplicateQuestion />
      <button type="button" className="link-button merge-discard" onClick={() => void discard()}>
        Discard this merge
      </button>
    </section>
  );
}
