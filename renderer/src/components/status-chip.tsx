// A fax status as icon + words + colour (never colour alone), with the vendor code beside it
// in small type when asked for.

import type { JobStatusView, StatusTone } from '../../../shared/ipc/contract/jobs.ts';

const LOOK: Record<StatusTone, { className: string; icon: string | null }> = {
  'in-progress': { className: 'chip-blue', icon: null },
  waiting: { className: 'chip-amber', icon: '↻' },
  delivered: { className: 'chip-green', icon: '✓' },
  failed: { className: 'chip-red', icon: '✕' },
  attention: { className: 'chip-red-outline', icon: '!' },
  draft: { className: 'chip-grey', icon: '✎' },
  canceled: { className: 'chip-grey', icon: '⊘' },
};

export function StatusIcon({ tone }: { tone: StatusTone }) {
  const look = LOOK[tone];
  if (!look.icon) return <span className="spinner" aria-hidden="true" />;
  return (
    <span className="chip-icon" aria-hidden="true">
      {look.icon}
    </span>
  );
}

export function StatusChip({ status, withCode = false }: { status: Pick<JobStatusView, 'tone' | 'label' | 'code'>; withCode?: boolean }) {
  return (
    <span className="status-chip">
      <span className={`chip ${LOOK[status.tone].className}`} data-tone={status.tone}>
        <StatusIcon tone={status.tone} />
        {status.label}
      </span>
      {withCode && status.code && <span className="code">{status.code}</span>}
    </span>
  );
}
