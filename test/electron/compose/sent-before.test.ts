// The rules behind "Edit and send again" and where a print goes, as plain functions.

import { describe, expect, it } from 'vitest';
import type { ComposeDraft, SendJobStatus } from '../../../shared/ipc/contract/compose.ts';
import { SETTINGS_DEFAULTS } from '../../../shared/settings.ts';
import { addGoesTo, arrivalGoesTo } from '../../../electron/compose/arrival.ts';
import { emptyDraft } from '../../../electron/compose/draft.ts';
import { settleSend } from '../../../electron/compose/sent-before.ts';

const base = emptyDraft({ ...SETTINGS_DEFAULTS }, 1, 'd');
const r = (n: string, name?: string) => ({ number: `1202555${n}`, display: `+1 202 555 ${n}`, ...(name ? { name } : {}) });
const job = (jobId: number, n: string, state: SendJobStatus['state']): SendJobStatus => ({
  jobId,
  number: `1202555${n}`,
  display: `+1 202 555 ${n}`,
  state,
  sentBytes: 0,
  totalBytes: 0,
});
const doc = {
  id: 'x',
  name: 'a.pdf',
  pages: 1,
  size: 1,
  paperSize: 'letter' as const,
  pagePaper: ['letter' as const],
  source: 'drop' as const,
};

describe('settleSend', () => {
  const draft: ComposeDraft = { ...base, recipients: [r('0150', 'Alice'), r('0151', 'Bob'), r('0152'), r('0153'), r('0154')] };
  const status = {
    startedAt: 1,
    phase: 'failed' as const,
    jobs: [
      job(1, '0150', 'submitted'),
      job(2, '0151', 'rejected'),
      job(3, '0152', 'needs-attention'),
      job(4, '0153', 'delivered'),
      job(5, '0154', 'auth-failed'),
    ],
  };

  it('keeps only the ones not sent; the accepted and the ones waiting in the Outbox are kept off', () => {
    const next = settleSend(draft, status);
    expect(next.recipients.map((x) => x.number)).toEqual(['12025550151', '12025550154']);
    expect(next.sentBefore.map((x) => [x.number, x.state, x.jobId])).toEqual([
      ['12025550150', 'submitted', 1],
      ['12025550152', 'needs-attention', 3],
      ['12025550153', 'delivered', 4],
    ]);
    expect(next.sentBefore[0]?.name).toBe('Alice');
    expect(next.send).toBe(status);
  });

  it('records a second send to a ticked-back recipient with its new job, once', () => {
    const first = settleSend(draft, status);
    const again = settleSend(
      { ...first, recipients: [...first.recipients, r('0150', 'Alice')] },
      { startedAt: 2, phase: 'failed', jobs: [job(9, '0150', 'submitted'), job(10, '0151', 'rejected'), job(11, '0154', 'rejected')] },
    );
    expect(again.sentBefore.filter((x) => x.number === '12025550150').map((x) => x.jobId)).toEqual([9]);
    expect(again.recipients.map((x) => x.number)).toEqual(['12025550151', '12025550154']);
  });

  it('changes nothing when nobody got it (an authentication failure)', () => {
    const next = settleSend(draft, { startedAt: 1, phase: 'failed', jobs: [job(1, '0150', 'auth-failed')] });
    expect(next.recipients).toEqual(draft.recipients);
    expect(next.sentBefore).toEqual([]);
  });
});

describe('where a document goes', () => {
  const holding: ComposeDraft = { ...base, documents: [doc] };
  it('a print joins an empty draft, starts a new one beside a draft with documents unless "add to this fax"', () => {
    expect(arrivalGoesTo(base, false)).toBe('this');
    expect(arrivalGoesTo(holding, false)).toBe('new');
    expect(arrivalGoesTo(holding, true)).toBe('this');
  });

  it('never joins a draft being sent or partly sent; a sent, emptied draft starts over', () => {
    const uploading = { ...holding, send: { startedAt: 1, phase: 'uploading' as const, jobs: [] } };
    expect(arrivalGoesTo(uploading, true)).toBe('new');
    expect(arrivalGoesTo({ ...holding, send: { ...uploading.send, phase: 'failed' } }, true)).toBe('new');
    expect(arrivalGoesTo({ ...base, send: { ...uploading.send, phase: 'sent' } }, false)).toBe('this');
    expect(addGoesTo(uploading)).toBe('new');
    expect(addGoesTo(holding)).toBe('this');
  });
});
