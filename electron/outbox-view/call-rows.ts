// Which vendor report rows are calls, and when a call happened: one reading for the timeline's
// "Call N" and the redial estimate. The store's IS_CALL (attempts-repo.ts) counts the same rows
// in SQL for the Attempts column; test/electron/outbox-view/calls-and-redial.test.ts checks that
// the two agree on every LastStatus and CurrentState.

import type { Attempt } from '../store/attempts-repo.ts';

/** Report fields a vendor row might carry for the time of the call (the page's table is cut short). */
const CALL_TIME_FIELDS = ['CallDate', 'CallTime', 'AttemptDate', 'LastAttemptDate', 'DateTime', 'CompletedDate'];

/** When the call was made by the vendor's own word, or undefined when the row carries no time of the call. */
export function vendorCallTime(a: Pick<Attempt, 'raw'>): number | undefined {
  for (const f of CALL_TIME_FIELDS) {
    const v = a.raw[f];
    if (typeof v === 'string' || typeof v === 'number') {
      const t = typeof v === 'number' ? v : Date.parse(v);
      if (Number.isFinite(t) && t > 0) return t;
    }
  }
  return undefined;
}

/** When the call was made: the vendor's own time when the row carries one, else when we first saw the row. */
export function callTime(a: Pick<Attempt, 'raw' | 'seenAt'>): number {
  return vendorCallTime(a) ?? a.seenAt;
}

/**
 * A row is a call once it has a call result: LastStatus -1 is "received", 8 and 9 (conversion,
 * credit) end a fax before any dialling. Without LastStatus, reaching the reporting state or
 * beyond means a call was made.
 */
export function isCallRow(a: Pick<Attempt, 'lastStatus' | 'currentState'>): boolean {
  if (a.lastStatus != null) return ![-1, 8, 9].includes(a.lastStatus);
  return a.currentState != null && [6, 7, 8, 9].includes(a.currentState);
}
