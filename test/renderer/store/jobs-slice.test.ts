// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { JobRow } from '../../../shared/ipc/contract/jobs.ts';
import { jobDetail, jobRow, summary } from '../fixtures.ts';
import { fakeMain, useStore } from '../harness.ts';

/** Main's outbox: newest first, filtered by state, paged by sortId. */
function answerOutbox(rows: JobRow[]) {
  fakeMain.answer('listOutbox', ({ filter, before, limit }) => {
    const hits = rows
      .filter((r) => filter === 'all' || (filter === 'delivered' ? r.state === 'delivered' : r.state !== 'delivered'))
      .filter((r) => before === undefined || r.sortId < before)
      .sort((a, b) => b.sortId - a.sortId);
    return { rows: hits.slice(0, limit), hasMore: hits.length > limit, summary: summary({ inFlight: 1 }) };
  });
}

const sending = (id: number) =>
  jobRow(id, { state: 'submitting', status: { tone: 'in-progress', label: 'Uploading', detail: null, code: null, action: null } });

describe('jobs slice', () => {
  it('lists the outbox newest first, then again for a filter', async () => {
    answerOutbox([jobRow(1), sending(2), jobRow(3)]);
    await useStore.getState().loadOutbox();
    expect(useStore.getState()).toMatchObject({ outboxLoaded: true, outboxLoading: false, outboxSummary: { inFlight: 1 } });
    expect(useStore.getState().outboxRows.map((r) => r.id)).toEqual([3, 2, 1]);

    await useStore.getState().setOutboxFilter('delivered');
    expect(fakeMain.requestsTo('listOutbox').at(-1)).toMatchObject({ filter: 'delivered', search: '' });
    expect(useStore.getState().outboxRows.map((r) => r.id)).toEqual([3, 1]);
  });

  it('pages on from the last row it has', async () => {
    answerOutbox(Array.from({ length: 150 }, (_, i) => jobRow(i + 1)));
    await useStore.getState().loadOutbox();
    expect(useStore.getState()).toMatchObject({ outboxHasMore: true });
    await useStore.getState().loadMoreOutbox();
    expect(fakeMain.requestsTo('listOutbox').at(-1)).toMatchObject({ before: 51 });
    expect(useStore.getState().outboxRows).toHaveLength(150);
    expect(useStore.getState().outboxHasMore).toBe(false);
  });

  it('says why the outbox could not be read', async () => {
    fakeMain.refuse('listOutbox', 'The database is locked.');
    await useStore.getState().loadOutbox();
    expect(useStore.getState()).toMatchObject({ outboxLoading: false, outboxError: 'The database is locked.' });
  });

  it('takes pushed changes in place, and new matching rows at the top', async () => {
    answerOutbox([jobRow(1), sending(2)]);
    await useStore.getState().loadOutbox();
    useStore.getState().applyJobsChanged({ jobs: [jobRow(2), sending(3)], broadcasts: [], summary: summary({ inFlight: 1 }) });
    const rows = useStore.getState().outboxRows as JobRow[];
    expect(rows.map((r) => [r.id, r.state])).toEqual([
      [3, 'submitting'],
      [2, 'delivered'],
      [1, 'delivered'],
    ]);
  });

  it('opens a fax’s details, and follows changes to it', async () => {
    let job = sending(5);
    fakeMain.answer('getJobDetail', ({ jobId }) => (jobId === 5 ? jobDetail(job) : null));
    await useStore.getState().selectOutbox({ kind: 'job', id: 5 });
    expect(useStore.getState().jobDetail?.job.state).toBe('submitting');

    job = jobRow(5);
    useStore.getState().applyJobsChanged({ jobs: [job], broadcasts: [], summary: summary() });
    await expect.poll(() => useStore.getState().jobDetail?.job.state).toBe('delivered');

    await useStore.getState().selectOutbox({ kind: 'job', id: 6 });
    expect(useStore.getState()).toMatchObject({ jobDetail: undefined, jobDetailError: 'This fax is no longer in the outbox.' });
  });

  it('loads the badge count on its own', async () => {
    fakeMain.answer('getOutboxSummary', () => summary({ inFlight: 4 }));
    await useStore.getState().loadOutboxSummary();
    expect(useStore.getState().outboxSummary?.inFlight).toBe(4);
  });
});

describe('outbox actions', () => {
  it('asks main to resend, retry and cancel, and returns main’s outcome', async () => {
    fakeMain.answer('resendJob', ({ jobId }) => ({ ok: true, jobIds: [jobId + 100], message: 'Sent again as a new fax.' }));
    fakeMain.answer('retryJob', () => ({ ok: false, reason: 'Openfax may have it already.', action: 'Tick the box to send it anyway.' }));
    fakeMain.answer('cancelBroadcast', () => ({ ok: true, jobIds: [1, 2], message: '2 faxes canceled.' }));
    expect(await useStore.getState().resendJob(7)).toEqual({ ok: true, jobIds: [107], message: 'Sent again as a new fax.' });
    await useStore.getState().resendJob(8, { number: '212 555 0100', allowDuplicate: true });
    expect(await useStore.getState().retryJob(7, false)).toMatchObject({ ok: false });
    expect(await useStore.getState().cancelBroadcast(3)).toMatchObject({ ok: true });
    expect(fakeMain.calls.map((c) => [c.name, c.request])).toEqual([
      ['resendJob', { jobId: 7, allowDuplicate: false, skipDuplicates: false }],
      ['resendJob', { jobId: 8, number: '212 555 0100', allowDuplicate: true, skipDuplicates: false }],
      ['retryJob', { jobId: 7, acceptDuplicateRisk: false }],
      ['cancelBroadcast', { broadcastId: 3 }],
    ]);
  });

  it("gives a job's PDF bytes, or main's reason", async () => {
    fakeMain.answer('getJobDocument', ({ jobId }) =>
      jobId === 1
        ? { ok: true, name: 'a.pdf', base64: Buffer.from('%PDF-1.7').toString('base64') }
        : { ok: false, reason: 'The PDF is no longer kept.' },
    );
    expect(new TextDecoder().decode(await useStore.getState().loadJobDocument(1))).toBe('%PDF-1.7');
    await expect(useStore.getState().loadJobDocument(2)).rejects.toThrow('The PDF is no longer kept.');
  });

  it('exports the list as filtered, with the search as typed', async () => {
    useStore.setState({ outboxFilter: 'failed' });
    fakeMain.answer('exportJobsCsv', () => ({ kind: 'saved', path: '/home/ann/outbox.csv', rows: 1 }));
    await useStore.getState().exportOutboxCsv('acme');
    expect(fakeMain.requestsTo('exportJobsCsv')).toEqual([{ filter: 'failed', search: 'acme' }]);
    expect(useStore.getState().toasts).toMatchObject([{ title: 'Job list exported', message: '1 fax saved to /home/ann/outbox.csv.' }]);
  });

  it('tells why a PDF could not be opened', async () => {
    fakeMain.answer('openJobDocument', () => ({ opened: false, reason: 'No PDF viewer is set up.' }));
    await useStore.getState().openJobDocument(1);
    expect(useStore.getState().toasts).toMatchObject([{ title: 'Could not open the PDF', message: 'No PDF viewer is set up.' }]);
  });
});
