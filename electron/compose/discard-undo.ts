// A discarded draft can be brought back for a short while: its row is gone at once (a restart
// does not bring it back), but its staged documents stay until the time is up or the app
// quits. Only then are they deleted.

import type { ComposeDraft } from '../../shared/ipc/contract/compose.ts';

export interface DiscardUndo {
  /** Holds the draft for `ms`; `release` deletes its files once that passes. */
  hold(draft: ComposeDraft): string;
  /** The draft, if its time has not passed (it is no longer held). */
  take(token: string): ComposeDraft | undefined;
  /** Releases everything now (the app quits). */
  flush(): Promise<void>;
}

export function createDiscardUndo(ms: number, release: (draft: ComposeDraft) => Promise<void>): DiscardUndo {
  const held = new Map<string, { draft: ComposeDraft; timer: ReturnType<typeof setTimeout> }>();
  return {
    hold(draft) {
      const token = draft.id;
      const earlier = held.get(token);
      if (earlier) clearTimeout(earlier.timer);
      const timer = setTimeout(() => {
        held.delete(token);
        void release(draft);
      }, ms);
      held.set(token, { draft, timer });
      return token;
    },
    take(token) {
      const h = held.get(token);
      if (!h) return undefined;
      clearTimeout(h.timer);
      held.delete(token);
      return h.draft;
    },
    async flush() {
      const all = [...held.values()];
      held.clear();
      for (const h of all) {
        clearTimeout(h.timer);
        await release(h.draft);
      }
    },
  };
}
