// A vertical timeline of a job: queued, accepted, each call (result in words, code, duration,
// pages) and the outcome.

import type { TimelineEntry } from '../../../../shared/ipc/contract/jobs.ts';
import { Icon } from '../../components/icon.tsx';
import { StatusIcon } from '../../components/status-chip.tsx';
import { formatDuration, formatMoney, fullTime, shortTime } from './format.ts';

function facts(e: TimelineEntry): string[] {
  const out: string[] = [];
  const d = formatDuration(e.durationSeconds);
  if (d) out.push(d);
  if (e.pagesSent != null && e.pagesTotal != null) out.push(`${e.pagesSent} of ${e.pagesTotal} pages`);
  else if (e.pagesTotal != null && e.kind !== 'submitted') out.push(`${e.pagesTotal} pages`);
  if (e.cost != null && e.cost > 0) out.push(formatMoney(e.cost));
  return out;
}

export function AttemptTimeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <ol className="timeline" aria-label="What happened">
      {entries.map((e, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: entries have no identity but their place in the story.
        <li key={`${e.kind}-${i}`} className={`timeline-item tone-${e.tone}`} data-testid="timeline-entry">
          <span className="timeline-dot" aria-hidden="true">
            {e.kind === 'created' ? (
              <Icon name="compose" size={14} />
            ) : e.kind === 'submitted' ? (
              <Icon name="upload" size={14} />
            ) : (
              <StatusIcon tone={e.tone} />
            )}
          </span>
          <div className="timeline-body">
            <div className="timeline-title">{e.title}</div>
            <div className="timeline-meta muted">
              {e.at != null && (
                <time dateTime={new Date(e.at).toISOString()} title={fullTime(e.at)}>
                  {shortTime(e.at)}
                </time>
              )}
              {facts(e).map((f) => (
                <span key={f}>{f}</span>
              ))}
              {e.code && <span className="code">{e.code}</span>}
            </div>
            {e.detail && <div className="timeline-detail">{e.detail}</div>}
          </div>
        </li>
      ))}
    </ol>
  );
}
