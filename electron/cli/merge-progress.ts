// The running merge's progress on stderr: on a terminal, one line rewritten in place (the
// documents made and queued, then the broadcast in the Outbox's own words); otherwise a line
// each time another tenth of the rows is done, and the last one.

import type { MergeView } from '../../shared/ipc/contract/merge.ts';
import type { Outbox } from '../outbox/types.ts';
import { broadcastProgress } from '../store/broadcasts-repo.ts';
import { broadcastLine } from './format.ts';
import type { MergeSession } from './merge-session.ts';
import type { CliContext } from './types.ts';

/** "Made and queued 12 of 50 (1 could not be made)": where the merge's rows are. */
function mergeProgressText(p: NonNullable<MergeView['progress']>): string {
  return `Made and queued ${p.queued} of ${p.total}${p.failed ? ` (${p.failed} could not be made)` : ''}`;
}

export interface MergeProgressLine {
  /** Shows this view (the merge's last, which the coalesced events may not have brought yet). */
  update(view: MergeView | null): void;
  /** Stops listening; on a terminal, ends the line. */
  stop(): void;
}

/** Starts showing the progress of merge `mergeId`. */
export function showMergeProgress(ctx: CliContext, session: MergeSession, outbox: Outbox, mergeId: string): MergeProgressLine {
  const tty = ctx.io.stderr.isTTY === true;
  let merge = '';
  let broadcast = '';
  let shown = '';
  let lastStep = -1;
  let broadcastId: number | undefined;
  const show = (final: boolean) => {
    const line = [merge, broadcast].filter(Boolean).join(' · ');
    if (!line || line === shown) return;
    shown = line;
    if (tty) ctx.io.stderr.write(`\r${line}\x1b[K`);
    else if (final) ctx.io.stderr.write(`${line}\n`);
  };
  const changed = (view: MergeView) => {
    if (view.id !== mergeId || !view.progress) return;
    const p = view.progress;
    broadcastId = p.broadcastId;
    merge = mergeProgressText(p);
    const handled = p.queued + p.failed;
    // Not a terminal: a line per tenth of the rows (so a log shows it moving, not 500 lines).
    const step = Math.floor((handled * 10) / Math.max(1, p.total));
    if (broadcastId !== undefined) broadcast = broadcastLine(broadcastProgress(ctx.store().db, broadcastId));
    if (!tty && step !== lastStep) {
      lastStep = step;
      show(true);
    } else show(false);
  };
  session.listen((name, payload) => {
    if (name === 'mergeChanged') changed(payload as MergeView);
  });
  const off = outbox.on('broadcast-progress', (p) => {
    if (broadcastId === undefined || p.broadcastId !== broadcastId) return;
    broadcast = broadcastLine(p);
    if (tty) show(false);
  });
  let stopped = false;
  return {
    update: (view) => view && changed(view),
    stop() {
      if (stopped) return;
      stopped = true;
      session.listen(undefined);
      off();
      if (tty && shown) ctx.io.stderr.write('\n');
    },
  };
}
