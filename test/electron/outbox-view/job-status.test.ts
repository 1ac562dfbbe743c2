import { describe, expect, it } from 'vitest';
import { jobStatus, type StatusInput } from '../../../electron/outbox-view/job-status.ts';

const base: StatusInput = { state: 'queued', currentState: null, lastStatus: null, error: null, submitTries: 0, nextTryAt: null };

describe('jobStatus', () => {
  it('words each state and keeps the vendor code beside it', () => {
    expect(jobStatus({ ...base, state: 'draft' })).toMatchObject({ tone: 'draft', label: 'Draft' });
    expect(jobStatus({ ...base, state: 'queued' })).toMatchObject({ tone: 'in-progress', label: 'Queued' });
    expect(jobStatus({ ...base, state: 'submitting' })).toMatchObject({ tone: 'in-progress', label: 'Uploading' });
    expect(jobStatus({ ...base, state: 'submitted', currentState: 5 })).toEqual({
      tone: 'in-progress',
      label: 'In progress',
      detail: 'Dialling and sending',
      code: 'CurrentState 5',
      action: null,
    });
    expect(jobStatus({ ...base, state: 'delivered', currentState: 8, lastStatus: 0 })).toMatchObject({
      tone: 'delivered',
      label: 'Delivered',
      code: 'LastStatus 0',
    });
  });

  it('shows a redial wait in amber with the last call result', () => {
    const s = jobStatus({ ...base, state: 'submitted', currentState: 7, lastStatus: 2 });
    expect(s).toMatchObject({
      tone: 'waiting',
      label: 'Waiting to redial',
      detail: 'Last call: Line busy',
      code: 'CurrentState 7 · LastStatus 2',
    });
  });

  it('gives a failure its reason from LastStatus, or from our error when the vendor has none', () => {
    expect(jobStatus({ ...base, state: 'failed', currentState: 9, lastStatus: 3 })).toMatchObject({
      tone: 'failed',
      label: 'Failed',
      detail: 'No fax machine answered (voice or modem line?)',
      code: 'LastStatus 3',
    });
    expect(jobStatus({ ...base, state: 'failed', currentState: 10, lastStatus: null })).toMatchObject({
      detail: 'Failed: the document could not be converted',
      code: 'CurrentState 10',
    });
    const rejected = jobStatus({
      ...base,
      state: 'rejected',
      error: { kind: 'restricted', code: 'RestrictedFaxNumber', message: 'This number may not be dialled.', action: 'Check the number.' },
    });
    expect(rejected).toEqual({
      tone: 'failed',
      label: 'Refused',
      detail: 'This number may not be dialled.',
      code: 'RestrictedFaxNumber',
      action: 'Check the number.',
    });
  });

  it('marks jobs waiting on the person as needing attention, with what to do', () => {
    const s = jobStatus({
      ...base,
      state: 'needs-attention',
      error: {
        kind: 'unknown-outcome',
        code: null,
        message: 'We could not tell whether Openfax got this fax.',
        action: 'Check the portal, then retry.',
      },
    });
    expect(s).toMatchObject({ tone: 'attention', label: 'Needs attention', action: 'Check the portal, then retry.' });
  });

  it('shows an upload that will be retried as waiting, not as failed', () => {
    const s = jobStatus({
      ...base,
      submitTries: 2,
      nextTryAt: 1,
      error: { kind: 'network', code: 'ECONNREFUSED', message: 'Could not reach Openfax.', action: 'Check the connection.' },
    });
    expect(s).toMatchObject({ tone: 'waiting', label: 'Waiting to retry', code: 'ECONNREFUSED' });
  });
});
