// @vitest-environment happy-dom
// The words a person reads on the Outbox: chips in words (the vendor's code only in the side
// panel), a broadcast's counts in one sentence, when a redial comes, and sandbox history tagged
// and apart from live history.
import { describe, expect, it } from 'vitest';
import type { JobStatusView } from '../../../shared/ipc/contract/jobs.ts';
import { OutboxScreen } from '../../../renderer/src/screens/outbox/outbox-screen.tsx';
import { broadcastRow, jobDetail, jobRow, summary } from '../fixtures.ts';
import { fakeMain, render, until, useStore, user, withViewport } from '../harness.ts';

const status = (tone: JobStatusView['tone'], label: string, code: string, detail: string | null = null): JobStatusView => ({
  tone,
  label,
  detail,
  code,
  action: null,
});

const rowsOf = (screen: HTMLElement) => [...screen.querySelectorAll<HTMLElement>('[data-testid=outbox-row]')];

describe('Outbox words', () => {
  it('shows chips in words only; the vendor codes are in the side panel', async () => {
    const jobs = [
      jobRow(4, { state: 'failed', status: status('failed', 'Failed', 'LastStatus 3', 'No fax machine answered') }),
      jobRow(3, { state: 'rejected', status: status('failed', 'Refused', 'RestrictedFaxNumber', 'This number may not be dialled') }),
      jobRow(2, {
        state: 'submitted',
        status: status('waiting', 'Waiting to redial', 'CurrentState 7 · LastStatus 2', 'Last call: Line busy'),
      }),
      jobRow(1, { status: status('delivered', 'Delivered', 'LastStatus 0') }),
    ];
    fakeMain.answer('listOutbox', () => ({ rows: jobs, hasMore: false, summary: summary() }));
    fakeMain.answer('getJobDetail', ({ jobId }) => jobDetail(jobs.find((j) => j.id === jobId) ?? jobs[0]!));
    withViewport(1000, 600);
    const screen = await render(<OutboxScreen />);
    await until(() => expect(rowsOf(screen)).toHaveLength(4));
    const text = rowsOf(screen).map((r) => r.textContent ?? '');
    for (const code of ['LastStatus', 'CurrentState', 'RestrictedFaxNumber']) {
      expect(text.filter((t) => t.includes(code))).toEqual([]);
    }
    expect([...screen.querySelectorAll('.chip')].map((c) => c.textContent)).toEqual([
      'Failed',
      'Refused',
      'Waiting to redial',
      'Delivered',
    ]);

    await user(() => rowsOf(screen)[1]!.click());
    await until(() => expect(screen.querySelector('[data-testid=job-panel]')?.textContent).toContain('RestrictedFaxNumber'));
  });

  it('says a broadcast’s counts in one sentence that adds up', async () => {
    // 7 recipients: 1 refused, 6 sent of which 2 delivered, 1 failed and 3 still at Openfax.
    const b = broadcastRow(9, ['rejected', 'delivered', 'delivered', 'failed', 'submitted', 'submitted', 'submitted']);
    fakeMain.answer('listOutbox', () => ({ rows: [b], hasMore: false, summary: summary() }));
    withViewport(1000, 600);
    const screen = await render(<OutboxScreen />);
    await until(() => expect(rowsOf(screen)).toHaveLength(1));
    const words = '7 recipients: 1 refused before sending · 6 sent · 2 delivered · 1 failed · 3 in progress';
    // The row already says "Broadcast to 7": its words are the rest of the sentence.
    expect(screen.querySelector('[data-testid=broadcast-progress]')?.textContent).toBe(words.replace('7 recipients: ', ''));
    expect(rowsOf(screen)[0]?.textContent).toContain('Broadcast to 7');
    const bar = screen.querySelector('[role=progressbar]');
    expect(bar?.getAttribute('aria-valuetext')).toBe(words);
    // Finished: the refused, the delivered and the failed one.
    expect(bar?.getAttribute('aria-valuenow')).toBe('4');

    await user(() => rowsOf(screen)[0]!.click());
    const panel = screen.querySelector('[data-testid=broadcast-panel]');
    expect(panel?.querySelector('[data-testid=broadcast-progress]')?.textContent).toBe(words);
    expect([...(panel?.querySelectorAll('button') ?? [])].map((x) => x.textContent)).toContain('Resend 2 failed');
  });

  it('says about when Openfax will redial, in local time, and nothing when it is not known', async () => {
    const at = Date.now() + 3 * 60_000;
    const hhmm = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(at));
    const waiting = status('waiting', 'Waiting to redial', 'CurrentState 7');
    fakeMain.answer('listOutbox', () => ({
      rows: [jobRow(2, { state: 'submitted', status: waiting, redialAt: at }), jobRow(1, { state: 'submitted', status: waiting })],
      hasMore: false,
      summary: summary(),
    }));
    withViewport(1000, 600);
    const screen = await render(<OutboxScreen />);
    await until(() => expect(rowsOf(screen)).toHaveLength(2));
    expect(rowsOf(screen)[0]?.textContent).toContain(`redial about ${hhmm}`);
    expect(rowsOf(screen)[1]?.textContent).not.toContain('redial about');
  });

  it('tags sandbox faxes and asks main for live ones only when the filter says so', async () => {
    fakeMain.answer('listOutbox', ({ account }) => ({
      rows: account === 'live' ? [jobRow(2, { side: 'live' })] : [jobRow(1, { side: 'sandbox' })],
      hasMore: false,
      summary: summary(),
    }));
    withViewport(1000, 600);
    const screen = await render(<OutboxScreen />);
    await until(() => expect(rowsOf(screen)).toHaveLength(1));
    expect(rowsOf(screen)[0]?.querySelector('[data-testid=sandbox-tag]')?.textContent).toBe('Sandbox');
    expect(fakeMain.requestsTo('listOutbox').at(-1)?.account).toBeUndefined();

    const select = screen.querySelector<HTMLSelectElement>('#outbox-account');
    expect(select?.value).toBe('sandbox');
    await user(() => {
      select!.value = 'live';
      select!.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await until(() => expect(rowsOf(screen)[0]?.getAttribute('data-id')).toBe('2'));
    expect(fakeMain.requestsTo('listOutbox').at(-1)?.account).toBe('live');
    expect(rowsOf(screen)[0]?.querySelector('[data-testid=sandbox-tag]')).toBeNull();

    // A sandbox row pushed while the list shows live faxes only stays out of it.
    await user(() => useStore.getState().applyJobsChanged({ jobs: [jobRow(3, { side: 'sandbox' })], broadcasts: [], summary: summary() }));
    expect(rowsOf(screen).map((r) => r.getAttribute('data-id'))).toEqual(['2']);
  });
});
