// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { OutboxScreen } from '../../../renderer/src/screens/outbox/outbox-screen.tsx';
import { jobDetail, jobRow, summary } from '../fixtures.ts';
import { fakeMain, render, until, useStore, user, withViewport } from '../harness.ts';

const failed = jobRow(2, {
  recipientName: 'Bob Burns',
  state: 'failed',
  status: { tone: 'failed', label: 'Failed', detail: 'No answer', code: 'LastStatus 1', action: 'Try again later.' },
});

describe('Outbox screen', () => {
  it('shows the rows main lists, newest first, with the counts on the filters', async () => {
    const counts = { all: 2, 'in-progress': 0, delivered: 1, failed: 1, canceled: 0, 'needs-attention': 0 };
    fakeMain.answer('listOutbox', () => ({
      rows: [failed, jobRow(1, { recipientName: 'Alice Ames' })],
      hasMore: false,
      summary: summary({ counts, bySide: { sandbox: counts, live: summary().counts } }),
    }));
    withViewport(1000, 600);
    const screen = await render(<OutboxScreen />);
    await until(() => expect(screen.querySelectorAll('[data-testid=outbox-row]')).toHaveLength(2));
    const rows = [...screen.querySelectorAll('[data-testid=outbox-row]')];
    expect(rows.map((r) => r.getAttribute('data-id'))).toEqual(['2', '1']);
    expect(rows[0]?.textContent).toContain('Bob Burns');
    expect(rows[0]?.textContent).toContain('Failed');
    // The vendor's code is for the side panel, not the row.
    expect(rows[0]?.textContent).not.toContain('LastStatus 1');
    expect(rows[1]?.textContent).toContain('Alice Ames');
    const failedFilter = [...screen.querySelectorAll('button.filter-button')].find((b) => b.textContent?.startsWith('Failed'));
    expect(failedFilter?.textContent).toBe('Failed1');
  });

  it('says when there is nothing yet, and when the outbox cannot be read', async () => {
    fakeMain.answer('listOutbox', () => ({ rows: [], hasMore: false, summary: summary() }));
    withViewport(1000, 600);
    const screen = await render(<OutboxScreen />);
    await until(() => expect(screen.textContent).toContain('No faxes yet.'));

    fakeMain.refuse('listOutbox', 'The database is locked.');
    await user(() => useStore.getState().loadOutbox());
    expect(screen.querySelector('[role=alert]')?.textContent).toContain('The outbox could not be read. The database is locked.');
  });

  it('opens the side panel of a clicked fax', async () => {
    fakeMain.answer('listOutbox', () => ({ rows: [failed], hasMore: false, summary: summary() }));
    fakeMain.answer('getJobDetail', () => jobDetail(failed));
    withViewport(1000, 600);
    const screen = await render(<OutboxScreen />);
    await until(() => expect(screen.querySelector('[data-testid=outbox-row]')).not.toBeNull());
    await user(() => (screen.querySelector('[data-testid=outbox-row]') as HTMLElement).click());
    await until(() => expect(screen.querySelector('[data-testid=job-panel]')?.textContent).toContain('No answer'));
    expect(fakeMain.requestsTo('getJobDetail')).toEqual([{ jobId: 2 }]);
  });
});
