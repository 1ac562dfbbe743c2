// A broadcast's progress: delivered (green), failed or refused (red) and sent awaiting a result
// (blue) of N, as a bar and in words (the words carry the meaning; the bar is a glance). The
// words and the numbers come from shared/broadcast-counts.ts, as on the row, the panel and the CLI.
// On the row (compact) the sentence leaves out "7 recipients:", which the row already says.
// A mail merge's recipients whose document is still being made show as a hatched part.

import { broadcastCountParts, broadcastCountsText, finishedCount } from '../../../../shared/broadcast-counts.ts';
import type { BroadcastCounts } from '../../../../shared/ipc/contract/jobs.ts';

export function BroadcastProgress({ counts, compact = false }: { counts: BroadcastCounts; compact?: boolean }) {
  const pct = (n: number) => `${counts.total ? (n / counts.total) * 100 : 0}%`;
  const words = broadcastCountsText(counts);
  return (
    <span className={`broadcast-progress${compact ? ' compact' : ''}`} data-testid="broadcast-progress">
      <span
        className="progress"
        role="progressbar"
        aria-label="Broadcast progress"
        aria-valuemin={0}
        aria-valuemax={counts.total}
        aria-valuenow={finishedCount(counts)}
        aria-valuetext={words}
      >
        <span className="p-ok" style={{ width: pct(counts.delivered) }} />
        <span className="p-fail" style={{ width: pct(counts.failed + counts.refused) }} />
        <span className="p-sent" style={{ width: pct(counts.inProgress) }} />
        <span className="p-preparing" style={{ width: pct(counts.preparing) }} />
      </span>
      <span className="progress-words" title={words}>
        {compact ? broadcastCountParts(counts).join(' · ') : words}
      </span>
    </span>
  );
}
