// A broadcast's counts, in every mix of job states (each state 0, 1 or 2 times: 3^11 mixes):
// the groups add up to the recipients, what was sent adds up from its outcomes, and the
// sentence says exactly those numbers.
import { describe, expect, it } from 'vitest';
import { broadcastCountParts, broadcastCounts, broadcastCountsText, countsOfStates, finishedCount } from '../../shared/broadcast-counts.ts';
import { JOB_STATES, type JobState } from '../../shared/domain.ts';
import type { BroadcastCounts } from '../../shared/ipc/contract/jobs.ts';

function* everyMix(max: number): Generator<Partial<Record<JobState, number>>> {
  const n = JOB_STATES.length;
  const digits = new Array<number>(n).fill(0);
  for (;;) {
    yield Object.fromEntries(JOB_STATES.map((s, i) => [s, digits[i]]));
    let i = 0;
    while (i < n && digits[i] === max) digits[i++] = 0;
    if (i === n) return;
    digits[i] = (digits[i] ?? 0) + 1;
  }
}

/** Reads "7 recipients: 1 refused before sending · 6 sent · …" back into numbers. */
function readBack(text: string): Record<string, number> {
  const [head, rest = ''] = text.split(': ');
  const out: Record<string, number> = { recipients: Number.parseInt(head ?? '', 10) };
  for (const part of rest ? rest.split(' · ') : []) {
    const m = /^(\d+) (.+)$/.exec(part);
    if (!m) throw new Error(`unreadable part "${part}"`);
    out[m[2] === 'need attention' ? 'needs attention' : (m[2] ?? '')] = Number(m[1]);
  }
  return out;
}

describe('broadcastCounts', () => {
  it('adds up in every mix of states, and the sentence says the same numbers', () => {
    const words: Array<[keyof BroadcastCounts, string]> = [
      ['refused', 'refused before sending'],
      ['canceled', 'canceled'],
      ['waiting', 'waiting to send'],
      ['needsAttention', 'needs attention'],
      ['sent', 'sent'],
      ['delivered', 'delivered'],
      ['failed', 'failed'],
      ['inProgress', 'in progress'],
    ];
    let mixes = 0;
    const wrong: string[] = [];
    // Checked by hand and reported once: an expect() per mix makes 177,147 mixes slow.
    for (const mix of everyMix(2)) {
      mixes += 1;
      const c = broadcastCounts(mix);
      const total = Object.values(mix).reduce((a: number, b) => a + (b ?? 0), 0);
      const expected: Record<string, number> = { recipients: c.total };
      for (const [key, word] of words) if (c[key] > 0) expected[word] = c[key];
      const rules = [
        c.total === total,
        c.refused + c.waiting + c.needsAttention + c.canceled + c.sent === c.total,
        c.delivered + c.failed + c.inProgress === c.sent,
        c.inProgress === mix.submitted,
        c.refused === (mix.rejected ?? 0) + (mix['auth-failed'] ?? 0) + (mix['no-credit'] ?? 0),
        finishedCount(c) === c.total - c.waiting - c.needsAttention - c.inProgress,
        JSON.stringify(readBack(broadcastCountsText(c))) === JSON.stringify(expected),
      ];
      const broken = rules.findIndex((ok) => !ok);
      if (broken >= 0 && wrong.length < 5) wrong.push(`rule ${broken} for ${JSON.stringify(mix)}: ${broadcastCountsText(c)}`);
    }
    expect(wrong).toEqual([]);
    expect(mixes).toBe(3 ** JOB_STATES.length);
  });

  it('words the issue’s example as the issue does', () => {
    const c = countsOfStates(['rejected', 'delivered', 'delivered', 'failed', 'submitted', 'submitted', 'submitted']);
    expect(broadcastCountsText(c)).toBe('7 recipients: 1 refused before sending · 6 sent · 2 delivered · 1 failed · 3 in progress');
  });

  it('says nothing but the number when there are no recipients, and singular words for one', () => {
    expect(broadcastCountsText(countsOfStates([]))).toBe('0 recipients');
    expect(broadcastCountsText(countsOfStates(['needs-attention']))).toBe('1 recipient: 1 needs attention');
    expect(broadcastCountParts(countsOfStates(['queued', 'submitting', 'needs-attention', 'needs-attention']))).toEqual([
      '2 waiting to send',
      '2 need attention',
    ]);
  });
});
