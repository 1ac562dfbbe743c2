// A fax status as icon + words + colour (never colour alone). The chip carries words only: the
// vendor's code is shown beside it in small type only when asked for (the detail panel).

import type { JobStatusView, StatusTone } from '../../../shared/ipc/contract/jobs.ts';
import { Icon, type IconName } from './icon.tsx';

const LOOK: Record<StatusTone, { className: string; icon: IconName | null }> = {
  'in-progress': { className: 'chip-blue', icon: null },
  waiting: { className: 'chip-amber', icon: 'redial' },
  delivered: { className: 'chip-green', icon: 'check' },
  failed: { className: 'chip-red', icon: 'fail' },
  attention: { className: 'chip-red-outline', icon: 'alert' },
  draft: { className: 'chip-grey', icon: 'compose' },
  canceled: { className: 'chip-grey', icon: 'canceled' },
};

export function StatusIcon({ tone }: { tone: StatusTone }) {
  const look = LOOK[tone];
  if (!look.icon) return <span className="spinner" aria-hidden="true" />;
  return (
    <span className="chip-icon" aria-hidden="true">
      <Icon name={look.icon} size={14} />
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
