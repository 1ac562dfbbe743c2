// A mail merge's broadcast also counts its recipients whose document has no job: still being
// made (waiting, and said as "being prepared"), not made (refused before sending) or canceled
// with the merge. In every mix, the groups still add up to the recipients and the sentence says
// the same numbers.
import { describe, expect, it } from 'vitest';
import { broadcastCounts, broadcastCountsText, finishedCount } from '../../shared/broadcast-counts.ts';
import { JOB_STATES, type JobState } from '../../shared/domain.ts';

describe('broadcastCounts with rows not made yet', () => {
  it('adds up for every mix of job states and unmade rows', () => {
    const wrong: string[] = [];
    for (let seed = 0; seed < 5000; seed++) {
      let x = seed * 2654435761;
      const next = (n: number) => {
        x = (x * 1103515245 + 12345) % 2 ** 31;
        return x % n;
      };
      const byState = Object.fromEntries(JOB_STATES.map((s) => [s, next(3)])) as Record<JobState, number>;
      const unmade = { preparing: next(4), notMade: next(3), canceled: next(3) };
      const c = broadcastCounts(byState, unmade);
      const jobs = Object.values(byState).reduce((a, b) => a + b, 0);
      const rules = [
        c.total === jobs + unmade.preparing + unmade.notMade + unmade.canceled,
        c.refused + c.waiting + c.needsAttention + c.canceled + c.sent === c.total,
        c.delivered + c.failed + c.inProgress === c.sent,
        c.preparing === unmade.preparing && c.preparing <= c.waiting,
        finishedCount(c) === c.total - c.waiting - c.needsAttention - c.inProgress,
      ];
      const broken = rules.findIndex((ok) => !ok);
      if (broken >= 0 && wrong.length < 5) wrong.push(`rule ${broken}: ${JSON.stringify({ byState, unmade })}`);
    }
    expect(wrong).toEqual([]);
  });

  it('says the rows being prepared apart from those waiting to send', () => {
    const c = broadcastCounts({ queued: 2, delivered: 1 }, { preparing: 7, notMade: 1, canceled: 0 });
    expect(broadcastCountsText(c)).toBe(
      '11 recipients: 1 refused before sending · 7 being prepared · 2 waiting to send · 1 sent · 1 delivered',
    );
    expect(broadcastCounts({ queued: 2 })).toMatchObject({ preparing: 0, waiting: 2 });
  });
});
