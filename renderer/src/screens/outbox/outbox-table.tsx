// The Outbox grid: virtualised (only visible rows are in the DOM), paged from main as the
// person scrolls, one tab stop with arrow keys between rows (Enter opens, → / ← expand and
// collapse a broadcast).

import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { JobRow, OutboxRow } from '../../../../shared/ipc/contract/jobs.ts';
import { useStore } from '../../store/index.ts';
import { BroadcastCells, GridCell, JobCells } from './outbox-rows.tsx';

const ROW_HEIGHT = 52;

type Item =
  | { type: 'row'; key: string; row: OutboxRow }
  | { type: 'recipient'; key: string; job: JobRow; broadcastId: number }
  | { type: 'pending'; key: string; broadcastId: number };

function flatten(rows: OutboxRow[], expanded: Record<number, true>, jobs: Record<number, JobRow[]>): Item[] {
  const items: Item[] = [];
  for (const row of rows) {
    items.push({ type: 'row', key: `${row.kind}:${row.id}`, row });
    if (row.kind !== 'broadcast' || !expanded[row.id]) continue;
    const list = jobs[row.id];
    if (!list) items.push({ type: 'pending', key: `pending:${row.id}`, broadcastId: row.id });
    else for (const job of list) items.push({ type: 'recipient', key: `r:${job.id}`, job, broadcastId: row.id });
  }
  return items;
}

const HEADERS = ['Status', 'Recipient', 'Document', 'Pages', 'Attempts', 'Cost', 'Submitted', 'Last update'];

export function OutboxTable() {
  const rows = useStore((s) => s.outboxRows);
  const expanded = useStore((s) => s.expandedBroadcasts);
  const broadcastJobs = useStore((s) => s.broadcastJobs);
  const hasMore = useStore((s) => s.outboxHasMore);
  const loading = useStore((s) => s.outboxLoading);
  const selection = useStore((s) => s.outboxSelection);
  const loadMore = useStore((s) => s.loadMoreOutbox);
  const select = useStore((s) => s.selectOutbox);
  const toggle = useStore((s) => s.toggleBroadcast);
  const items = useMemo(() => flatten(rows, expanded, broadcastJobs), [rows, expanded, broadcastJobs]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (i) => items[i]?.key ?? i,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const lastVisible = virtualItems[virtualItems.length - 1]?.index ?? 0;

  useEffect(() => {
    if (hasMore && !loading && lastVisible >= items.length - 15) void loadMore();
  }, [hasMore, loading, lastVisible, items.length, loadMore]);

  useEffect(() => {
    if (active >= items.length && items.length) setActive(items.length - 1);
  }, [active, items.length]);

  const open = useCallback(
    (item: Item | undefined) => {
      if (!item) return;
      if (item.type === 'recipient') select({ kind: 'job', id: item.job.id });
      else if (item.type === 'row') select({ kind: item.row.kind, id: item.row.id });
    },
    [select],
  );

  const focusRow = (index: number) => {
    const i = Math.max(0, Math.min(items.length - 1, index));
    setActive(i);
    virtualizer.scrollToIndex(i, { align: 'auto' });
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${i}"]`)?.focus());
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const item = items[active];
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    switch (e.key) {
      case 'ArrowDown':
        focusRow(active + 1);
        break;
      case 'ArrowUp':
        focusRow(active - 1);
        break;
      case 'PageDown':
        focusRow(active + page);
        break;
      case 'PageUp':
        focusRow(active - page);
        break;
      case 'Home':
        focusRow(0);
        break;
      case 'End':
        focusRow(items.length - 1);
        break;
      case 'Enter':
      case ' ':
        open(item);
        break;
      case 'ArrowRight':
        if (item?.type === 'row' && item.row.kind === 'broadcast' && !expanded[item.row.id]) void toggle(item.row.id);
        else return;
        break;
      case 'ArrowLeft':
        if (item?.type === 'row' && item.row.kind === 'broadcast' && expanded[item.row.id]) void toggle(item.row.id);
        else if (item?.type !== 'row' && item)
          focusRow(items.findIndex((x) => x.type === 'row' && x.row.kind === 'broadcast' && x.row.id === item.broadcastId));
        else return;
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const isSelected = (item: Item) =>
    selection !== null &&
    ((item.type === 'recipient' && selection.kind === 'job' && selection.id === item.job.id) ||
      (item.type === 'row' && selection.kind === item.row.kind && selection.id === item.row.id));

  return (
    // biome-ignore lint/a11y/useSemanticElements: a virtualised grid positions its rows absolutely, which table elements cannot be.
    <div
      className="outbox-grid"
      role="grid"
      aria-label="Faxes, newest first"
      aria-rowcount={items.length + 1}
      aria-colcount={HEADERS.length}
    >
      {/* biome-ignore lint/a11y/useSemanticElements: see the grid above. */}
      <div role="rowgroup" className="outbox-head">
        {/* biome-ignore lint/a11y/useSemanticElements: see the grid above. */}
        {/* biome-ignore lint/a11y/useFocusableInteractive: the header row is not a stop; the data rows are. */}
        <div role="row" aria-rowindex={1} className="outbox-row-grid">
          {HEADERS.map((h) => (
            // biome-ignore lint/a11y/useSemanticElements: see the grid above.
            // biome-ignore lint/a11y/useFocusableInteractive: headers are read, not focused.
            <div key={h} role="columnheader" className={`cell col-${h.toLowerCase().replace(' ', '-')}`}>
              {h}
            </div>
          ))}
        </div>
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: see the grid above. */}
      <div role="rowgroup" ref={scrollRef} className="outbox-body" onKeyDown={onKeyDown}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualItems.map((v) => {
            const item = items[v.index];
            if (!item) return null;
            const rowProps = {
              index: v.index,
              start: v.start,
              active: v.index === active,
              onFocus: () => setActive(v.index),
            };
            if (item.type === 'pending') {
              return (
                <GridRow key={item.key} {...rowProps} className="recipient-row">
                  <GridCell className="muted">Loading recipients…</GridCell>
                </GridRow>
              );
            }
            if (item.type === 'recipient') {
              return (
                <GridRow
                  key={item.key}
                  {...rowProps}
                  selected={isSelected(item)}
                  className="recipient-row"
                  testId="outbox-recipient"
                  onOpen={() => open(item)}
                >
                  <JobCells job={item.job} nested />
                </GridRow>
              );
            }
            const row = item.row;
            return (
              <GridRow
                key={item.key}
                {...rowProps}
                selected={isSelected(item)}
                className={row.kind === 'broadcast' ? 'broadcast-row' : ''}
                testId="outbox-row"
                kind={row.kind}
                id={row.id}
                onOpen={() => open(item)}
              >
                {row.kind === 'job' ? (
                  <JobCells job={row} />
                ) : (
                  <BroadcastCells row={row} expanded={!!expanded[row.id]} onToggle={() => void toggle(row.id)} />
                )}
              </GridRow>
            );
          })}
        </div>
      </div>
    </div>
  );
}

interface GridRowProps {
  index: number;
  start: number;
  active: boolean;
  selected?: boolean;
  className: string;
  testId?: string;
  kind?: string;
  id?: number;
  onFocus: () => void;
  onOpen?: () => void;
  children: ReactNode;
}

/** One absolutely positioned row; the active one is the grid's tab stop. */
function GridRow(p: GridRowProps) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: see the grid above.
    // biome-ignore lint/a11y/useKeyWithClickEvents: the rowgroup's keydown handler opens the active row (Enter, Space).
    <div
      role="row"
      aria-rowindex={p.index + 2}
      aria-selected={p.selected}
      tabIndex={p.active ? 0 : -1}
      data-index={p.index}
      data-testid={p.testId}
      data-kind={p.kind}
      data-id={p.id}
      className={`outbox-row outbox-row-grid ${p.className}`}
      style={{ transform: `translateY(${p.start}px)`, height: ROW_HEIGHT }}
      onFocus={p.onFocus}
      onClick={p.onOpen}
    >
      {p.children}
    </div>
  );
}
