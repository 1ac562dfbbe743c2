// One line of the Outbox grid: a fax, a broadcast (with its progress), or a broadcast's recipient.

import type { ReactNode } from 'react';
import { finishedCount } from '../../../../shared/broadcast-counts.ts';
import type { BroadcastRow, JobRow } from '../../../../shared/ipc/contract/jobs.ts';
import { type JobSide, sideShown } from '../../../../shared/outbox-filters.ts';
import { redialAbout } from '../../../../shared/redial-estimate.ts';
import { Icon } from '../../components/icon.tsx';
import { StatusChip } from '../../components/status-chip.tsx';
import { useStore } from '../../store/index.ts';
import { BroadcastProgress } from './broadcast-progress.tsx';
import { clockTime, formatMoney, fullTime, shortTime } from './format.ts';
import { SandboxTag } from './sandbox-tag.tsx';

/** One cell of the Outbox grid. */
export function GridCell(props: { className?: string; title?: string; label?: string; colSpan?: number; children?: ReactNode }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: the virtualised grid positions its rows absolutely, which table elements cannot be.
    // biome-ignore lint/a11y/useFocusableInteractive: the row is the focus stop (roving tabindex); its cells are read, not focused.
    <div
      role="gridcell"
      className={`cell ${props.className ?? ''}`}
      title={props.title}
      aria-label={props.label}
      aria-colspan={props.colSpan}
    >
      {props.children}
    </div>
  );
}

/** Whether a row is sandbox history (one not yet sent goes with the account in use). */
function useIsSandbox(side: JobSide | null): boolean {
  const mode = useStore((s) => s.outboxSummary?.mode ?? 'sandbox');
  return sideShown('sandbox', side, mode);
}

/** Under the chip: the Sandbox tag (a broadcast's), or when a redial comes. The vendor's codes stay in the side panel. */
function StatusNotes({ sandbox, redial }: { sandbox: boolean; redial: string | null }) {
  if (!sandbox && !redial) return null;
  return (
    <span className="cell-sub status-notes">
      {sandbox && <SandboxTag />}
      {redial && (
        <span className="muted" title={`Openfax will redial ${redial}`}>
          redial {redial}
        </span>
      )}
    </span>
  );
}

/** A fax's cells; `nested` under its broadcast's row, which carries the Sandbox tag for all of them. */
export function JobCells({ job, nested = false }: { job: JobRow; nested?: boolean }) {
  const submitted = job.submittedAt ?? job.createdAt;
  const sandbox = useIsSandbox(job.side) && !nested;
  const redial = redialAbout(job.redialAt, Date.now(), clockTime);
  return (
    <>
      <GridCell className="cell-status">
        <StatusChip status={job.status} />
        <StatusNotes sandbox={false} redial={redial} />
      </GridCell>
      <GridCell className="cell-recipient">
        <span className="cell-main">{job.recipientName || job.number}</span>
        <span className="cell-sub muted">
          {sandbox && <SandboxTag />} {job.recipientName ? job.number : (job.recipientCompany ?? '')}
        </span>
      </GridCell>
      <GridCell className="cell-document" title={job.documentName}>
        <span className="cell-main">{job.documentName || '—'}</span>
        {job.status.detail && <span className="cell-sub muted">{job.status.detail}</span>}
      </GridCell>
      <GridCell className="cell-num">{job.pages}</GridCell>
      <GridCell className="cell-num" label={`${job.attempts} ${job.attempts === 1 ? 'call' : 'calls'} made, at most ${job.maxAttempts}`}>
        {job.attempts}/{job.maxAttempts}
      </GridCell>
      <GridCell className="cell-num">{formatMoney(job.cost)}</GridCell>
      <GridCell className="cell-time" title={fullTime(submitted)}>
        {shortTime(submitted)}
      </GridCell>
      <GridCell className="cell-time" title={fullTime(job.updatedAt)}>
        {shortTime(job.updatedAt)}
      </GridCell>
    </>
  );
}

export function BroadcastCells({ row, expanded, onToggle }: { row: BroadcastRow; expanded: boolean; onToggle: () => void }) {
  const sandbox = useIsSandbox(row.side);
  const finished = finishedCount(row.counts);
  return (
    <>
      <GridCell className="cell-status">
        <StatusChip status={row.status} />
        <StatusNotes sandbox={sandbox} redial={null} />
      </GridCell>
      <GridCell colSpan={2} className="cell-recipient cell-broadcast">
        <button
          type="button"
          className="expand-button"
          aria-expanded={expanded}
          aria-label={`${expanded ? 'Hide' : 'Show'} the ${row.total} recipients`}
          tabIndex={-1}
          onClick={(e) => {
            e.stopPropagation();
            onToggle();
          }}
        >
          <Icon name={expanded ? 'collapse' : 'expand'} size={14} />
        </button>
        <span className="cell-stack">
          <span className="cell-main" title={row.documentName}>
            Broadcast to {row.total} · <span className="broadcast-doc">{row.documentName}</span>
          </span>
          <BroadcastProgress counts={row.counts} compact />
        </span>
      </GridCell>
      <GridCell className="cell-num">{row.pages}</GridCell>
      <GridCell className="cell-num" label={`${finished} of ${row.total} finished`}>
        {finished}/{row.total}
      </GridCell>
      <GridCell className="cell-num">{formatMoney(row.cost)}</GridCell>
      <GridCell className="cell-time" title={fullTime(row.createdAt)}>
        {shortTime(row.createdAt)}
      </GridCell>
      <GridCell className="cell-time" title={fullTime(row.updatedAt)}>
        {shortTime(row.updatedAt)}
      </GridCell>
    </>
  );
}
