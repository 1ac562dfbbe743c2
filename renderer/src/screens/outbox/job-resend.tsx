// Sending a finished fax again from its panel. A delivered fax offers "Send again" as a
// secondary action; a failure redialling cannot fix asks for a corrected number first; every
// resend meets the duplicate guard, whose question is the shared dialog.

import { useState } from 'react';
import type { DuplicateSend } from '../../../../shared/duplicate-sends.ts';
import type { ActionOutcome, JobRow } from '../../../../shared/ipc/contract/jobs.ts';
import { DuplicateDialog } from '../../components/duplicate-dialog.tsx';
import { useStore } from '../../store/index.ts';
import { CorrectedNumber } from './corrected-number.tsx';

export interface JobResendProps {
  job: JobRow;
  available: boolean;
  busy: string | undefined;
  run(name: string, title: string, fn: () => Promise<ActionOutcome>): Promise<ActionOutcome | undefined>;
}

export function JobResend({ job, available, busy, run }: JobResendProps) {
  const resendJob = useStore((s) => s.resendJob);
  const select = useStore((s) => s.selectOutbox);
  const [asking, setAsking] = useState<{ duplicates: DuplicateSend[]; number?: string }>();
  const [refused, setRefused] = useState<string>();

  const resend = async (opts: { number?: string; allowDuplicate?: boolean } = {}) => {
    setAsking(undefined);
    const r = await run('resend', 'Resend', () => resendJob(job.id, opts));
    if (!r) return;
    if (!r.ok) {
      if (r.duplicates?.length) setAsking({ duplicates: r.duplicates, ...(opts.number ? { number: opts.number } : {}) });
      else if (r.field === 'number') setRefused([r.reason, r.action].filter(Boolean).join(' '));
      return;
    }
    setRefused(undefined);
    const newId = r.jobIds[0];
    if (newId !== undefined) select({ kind: 'job', id: newId });
  };

  const dialog = (
    <DuplicateDialog
      duplicates={asking?.duplicates ?? []}
      total={1}
      busy={!!busy}
      onSendAgain={() => void resend({ allowDuplicate: true, ...(asking?.number ? { number: asking.number } : {}) })}
      onSendOthers={() => setAsking(undefined)}
      onCancel={() => setAsking(undefined)}
    />
  );

  if (job.resendNeedsNumber) {
    return (
      <>
        <CorrectedNumber number={job.number} busy={busy === 'resend'} refused={refused} onSend={(number) => void resend({ number })} />
        {dialog}
      </>
    );
  }
  // Delivered: sending it again is the exception, not the next step.
  const secondary = job.state === 'delivered';
  return (
    <>
      <button
        type="button"
        className={secondary ? 'button' : 'button button-primary'}
        disabled={!!busy || !available}
        onClick={() => void resend()}
        data-testid="resend"
      >
        {busy === 'resend' ? 'Resending…' : secondary ? 'Send again' : 'Resend'}
      </button>
      {dialog}
    </>
  );
}

/** What can be said about canceling a fax that has no Cancel button. */
export function cancelNote(job: JobRow): string | null {
  if (job.state === 'submitting') return 'Being uploaded to Openfax now. Openfax offers no way to cancel a fax once it has it.';
  if (job.state === 'submitted') return 'Openfax has accepted this fax. Openfax offers no way to cancel it now.';
  if (job.canCancel && job.retryRisksDuplicate) {
    return 'Openfax may already have this fax: Cancel stops it from being sent again from here, but cannot take back a fax Openfax has.';
  }
  return null;
}
