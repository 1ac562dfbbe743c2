// One line of the Outbox grid: a fax, a broadcast (with its progress), or a broadcast's recipient.

import type { ReactNode } from 'react';
import type { BroadcastRow, JobRow } from '../../../../shared/ipc/contract/jobs.ts';
import { StatusChip } from '../../components/status-chip.tsx';
import { BroadcastProgress } from './broadcast-progress.tsx';
import { formatMoney, fullTime, shortTime } from './format.ts';

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

export function JobCells({ job }: { job: JobRow }) {
  const submitted = job.submittedAt ?? job.createdAt;
  return (
    <>
      <GridCell className="cell-status">
        <StatusChip status={job.status} />
        {job.status.code && <span className="code cell-sub">{job.status.code}</span>}
      </GridCell>
      <GridCell className="cell-recipient">
        <span className="cell-main">{job.recipientName || job.number}</span>
        <span className="cell-sub muted">{job.recipientName ? job.number : (job.recipientCompany ?? '')}</span>
      </GridCell>
      <GridCell className="cell-document" title={job.documentName}>
        <span className="cell-main">{job.documentName || '—'}</span>
        {job.status.detail && <span className="cell-sub muted">{job.status.detail}</span>}
      </GridCell>
      <GridCell className="cell-num">{job.pages}</GridCell>
      <GridCell className="cell-num" label={`${job.attempts} of ${job.maxAttempts} attempts`}>
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
  return (
    <>
      <GridCell className="cell-status">
        <StatusChip status={row.status} />
        <span className="code cell-sub">{row.status.detail}</span>
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
          <span aria-hidden="true">{expanded ? '▾' : '▸'}</span>
        </button>
        <span className="cell-stack">
          <span className="cell-main" title={row.documentName}>
            Broadcast to {row.total} · <span className="broadcast-doc">{row.documentName}</span>
          </span>
          <BroadcastProgress row={row} compact />
        </span>
      </GridCell>
      <GridCell className="cell-num">{row.pages}</GridCell>
      <GridCell className="cell-num" label={`${row.done} of ${row.total} finished`}>
        {row.done}/{row.total}
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
