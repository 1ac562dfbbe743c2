// @vitest-environment happy-dom
// The job panel's resend and cancel: a dead number is corrected in place (checked as typed)
// before anything goes, a delivered fax's "Send again" is secondary and meets the duplicate
// guard's dialog, and an accepted fax says Openfax offers no cancel.
import { describe, expect, it } from 'vitest';
import { OutboxScreen } from '../../../renderer/src/screens/outbox/outbox-screen.tsx';
import { jobDetail, jobRow, summary } from '../fixtures.ts';
import { fakeMain, render, type, until, user, withViewport } from '../harness.ts';

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

const button = (root: HTMLElement, name: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name) as HTMLButtonElement | undefined;

describe('job panel: resend and cancel', () => {
  it('asks for a corrected number, checked as it is typed, and resends to it only', async () => {
    const bad = jobRow(3, {
      state: 'failed',
      number: '+1 202 555 0104',
      resendNeedsNumber: 'Not a valid telephone number.',
      status: { tone: 'failed', label: 'Failed', detail: 'Not a valid telephone number', code: 'LastStatus 5', action: null },
    });
    fakeMain.answer('resendJob', ({ jobId }) => ({
      ok: true,
      jobIds: [jobId + 10],
      message: 'Sent again as a new fax to +1 212 555 0100.',
    }));
    const screen = await openPanel(bad);
    expect(screen.querySelector('[data-testid=resend]')).toBeNull();
    await user(() => button(screen, 'Correct the number and resend')?.click());
    const field = screen.querySelector('[data-testid=corrected-number]') as HTMLInputElement;
    expect(field.value).toBe('+1 202 555 0104');
    await type(field, '212 555');
    expect(button(screen, 'Resend to this number')?.disabled).toBe(true);
    expect(screen.querySelector('.corrected-number .field-error')?.textContent).toMatch(/too short/);
    await type(field, '212 555 0100');
    expect(screen.textContent).toContain('Will send to +1 212 555 0100.');
    await user(() => button(screen, 'Resend to this number')?.click());
    await until(() => expect(fakeMain.requestsTo('resendJob')).toHaveLength(1));
    expect(fakeMain.requestsTo('resendJob')[0]).toMatchObject({ jobId: 3, number: '212 555 0100' });
  });

  it('offers "Send again" on a delivered fax as a secondary action; a duplicate needs an explicit yes', async () => {
    const delivered = jobRow(4, { state: 'delivered', number: '+1 212 555 0100' });
    const at = new Date(2026, 11, 1, 9, 30).getTime();
    fakeMain.answer('resendJob', (req) =>
      req.allowDuplicate
        ? { ok: true, jobIds: [40], message: 'Sent again as a new fax.' }
        : {
            ok: false,
            reason: 'Openfax already accepted this document for +1 212 555 0100.',
            action: 'Confirm.',
            field: 'to',
            duplicates: [{ jobId: 4, faxNumber: '12125550100', number: '+1 212 555 0100', sentAt: at, outcome: 'delivered', detail: null }],
          },
    );
    const screen = await openPanel(delivered);
    const again = button(screen, 'Send again');
    expect(again?.className).not.toContain('button-primary');
    await user(() => again?.click());
    await until(() =>
      expect(screen.querySelector('[data-testid=duplicate-list]')?.textContent).toMatch(/^\+1 212 555 0100: sent .+, delivered\.$/),
    );
    expect(fakeMain.requestsTo('resendJob')).toHaveLength(1);
    await user(() => button(screen, 'Yes, send it again')?.click());
    await until(() => expect(fakeMain.requestsTo('resendJob')).toHaveLength(2));
    expect(fakeMain.requestsTo('resendJob')[1]).toMatchObject({ jobId: 4, allowDuplicate: true });
  });

  it('says plainly that Openfax offers no cancel for a fax it accepted, and offers Cancel before that', async () => {
    const accepted = jobRow(5, { state: 'submitted', canResend: false, canCancel: false, outTransId: '100001' });
    const screen = await openPanel(accepted);
    expect(button(screen, 'Cancel fax')).toBeUndefined();
    expect(screen.querySelector('[data-testid=no-cancel]')?.textContent).toBe(
      'Openfax has accepted this fax. Openfax offers no way to cancel it now.',
    );
  });
});
