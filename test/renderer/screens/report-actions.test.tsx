// @vitest-environment happy-dom
// The job panel's report buttons: shown once a fax Openfax accepted has ended, saying so while
// main makes the PDF, and handing the browser's download the file main named. A fax still in
// flight, on credit hold at Openfax, or refused before it reached Openfax, shows none; a report
// main cannot make says why. A broadcast's report counts its recipients' reports as main makes them.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutboxScreen } from '../../../renderer/src/screens/outbox/outbox-screen.tsx';
import { BroadcastReportActions } from '../../../renderer/src/screens/outbox/report-actions.tsx';
import { startReportSync } from '../../../renderer/src/store/sync/report-sync.ts';
import { broadcastRow, jobDetail, jobRow, summary } from '../fixtures.ts';
import { fakeMain, render, until, user, useStore, withViewport } from '../harness.ts';

async function openPanel(row: ReturnType<typeof jobRow>, available = true): Promise<HTMLElement> {
  fakeMain.answer('listOutbox', () => ({ rows: [row], hasMore: false, summary: summary() }));
  fakeMain.answer('getJobDetail', () => ({ ...jobDetail(row), document: { ...jobDetail(row).document, available } }));
  withViewport(1000, 600);
  const screen = await render(<OutboxScreen />);
  await until(() => expect(screen.querySelector('[data-testid=outbox-row]')).not.toBeNull());
  await user(() => (screen.querySelector('[data-testid=outbox-row]') as HTMLElement).click());
  await until(() => expect(screen.querySelector('[data-testid=job-panel]')).not.toBeNull());
  return screen;
}

const saveReport = (root: HTMLElement) => root.querySelector('[data-testid=save-report]') as HTMLButtonElement | null;
const withDocument = (root: HTMLElement) => root.querySelector('[data-testid=save-document-with-report]') as HTMLButtonElement | null;

afterEach(() => vi.restoreAllMocks());

describe('job panel: transmission report', () => {
  it('saves the report of an ended fax, saying so while main makes it, and downloads the file main named', async () => {
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:report');
    let finish: (() => void) | undefined;
    fakeMain.answer(
      'saveJobReport',
      ({ withDocument: both }) =>
        new Promise((resolve) => {
          finish = () => resolve({ kind: 'content', fileName: both ? 'a delivered.pdf' : 'a delivered report.pdf', base64: 'JVBERi0=' });
        }),
    );
    const screen = await openPanel(jobRow(7, { outTransId: '100007' }));
    await user(() => saveReport(screen)?.click());
    await until(() => expect(saveReport(screen)?.textContent).toBe('Making the report…'));
    expect(withDocument(screen)?.disabled).toBe(true);
    await user(() => finish?.());
    await until(() => expect(saveReport(screen)?.textContent).toBe('Save report'));
    expect(fakeMain.requestsTo('saveJobReport')).toEqual([{ jobId: 7, withDocument: false }]);
    expect(created).toHaveBeenCalledTimes(1);
    expect(useStore.getState().toasts.at(-1)).toMatchObject({ level: 'success', message: 'Downloaded as a delivered report.pdf.' });
  });

  it('shows why when main cannot make it, and offers the document only while it is kept', async () => {
    fakeMain.answer('saveJobReport', () => ({ kind: 'refused', reason: 'The PDF of fax 8 is no longer kept.' }));
    const screen = await openPanel(jobRow(8, { state: 'failed', outTransId: '100008' }), false);
    expect(withDocument(screen)?.disabled).toBe(true);
    await user(() => saveReport(screen)?.click());
    await until(() =>
      expect(useStore.getState().toasts.at(-1)).toMatchObject({ level: 'error', message: 'The PDF of fax 8 is no longer kept.' }),
    );
  });

  it('shows no report buttons for a fax in flight or one refused before it reached Openfax', async () => {
    const inFlight = await openPanel(jobRow(9, { state: 'submitted', outTransId: '100009', canResend: false }));
    expect(saveReport(inFlight)).toBeNull();
    const refused = await openPanel(jobRow(10, { state: 'rejected', outTransId: null }));
    expect(saveReport(refused)).toBeNull();
    // Openfax holds it for credit (CurrentState 11): not final there, so no report yet.
    const held = await openPanel(jobRow(11, { state: 'no-credit', outTransId: '100011' }));
    expect(saveReport(held)).toBeNull();
  });
});

describe('broadcast panel: transmission report', () => {
  it('shows how many recipients’ reports main has made while it makes them', async () => {
    const stop = startReportSync();
    try {
      let finish: (() => void) | undefined;
      fakeMain.answer(
        'saveBroadcastReport',
        () =>
          new Promise((resolve) => {
            finish = () => resolve({ kind: 'canceled' });
          }),
      );
      const screen = await render(<BroadcastReportActions row={broadcastRow(4, ['delivered', 'failed', 'delivered'])} />);
      const button = () => screen.querySelector('[data-testid=save-broadcast-report]') as HTMLButtonElement;
      const progress = () => screen.querySelector('[data-testid=broadcast-report-progress]');
      await user(() => button().click());
      await until(() => expect(button().textContent).toBe('Making the report…'));
      await user(() => fakeMain.emit('reportProgress', { broadcastId: 4, done: 2, total: 3 }));
      await until(() => expect(progress()?.textContent).toBe('2 of 3 recipients’ reports'));
      // Another broadcast's progress is not this one's.
      await user(() => fakeMain.emit('reportProgress', { broadcastId: 5, done: 9, total: 9 }));
      expect(progress()?.textContent).toBe('2 of 3 recipients’ reports');
      await user(() => finish?.());
      await until(() => expect(button().textContent).toBe('Save report'));
      expect(progress()).toBeNull();
    } finally {
      stop();
    }
  });
});
