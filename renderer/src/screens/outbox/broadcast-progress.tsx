// A broadcast's progress: delivered (green), failed (red) and sent awaiting a result (blue) of
// N, as a bar and in words (the words carry the meaning; the bar is a glance).

import type { BroadcastRow } from '../../../../shared/ipc/contract/jobs.ts';

function progressWords(row: Pick<BroadcastRow, 'sent' | 'delivered' | 'failed' | 'total'>): string {
  return `${row.sent} sent · ${row.delivered} delivered · ${row.failed} failed of ${row.total}`;
}

export function BroadcastProgress({ row, compact = false }: { row: BroadcastRow; compact?: boolean }) {
  const pct = (n: number) => `${row.total ? (n / row.total) * 100 : 0}%`;
  const words = progressWords(row);
  return (
    <span className={`broadcast-progress${compact ? ' compact' : ''}`} data-testid="broadcast-progress">
      <span
        className="progress"
        role="progressbar"
        aria-label="Broadcast progress"
        aria-valuemin={0}
        aria-valuemax={row.total}
        aria-valuenow={row.done}
        aria-valuetext={words}
      >
        <span className="p-ok" style={{ width: pct(row.delivered) }} />
        <span className="p-fail" style={{ width: pct(row.failed) }} />
        <span className="p-sent" style={{ width: pct(row.inFlight) }} />
      </span>
      <span className="progress-words">{words}</span>
    </span>
  );
}
