// @vitest-environment happy-dom
// The Settings printer card: in the desktop app it sets the printer up with each step shown; in
// the browser host main says set-up is the desktop app's, and the card offers nothing to click.
import { describe, expect, it } from 'vitest';
import { PrinterSection } from '../../../renderer/src/screens/settings/printer-section.tsx';
import type { PrinterSetupView } from '../../../shared/ipc/contract/printer.ts';
import { fakeMain, render, until, user } from '../harness.ts';

function view(over: Partial<PrinterSetupView> = {}): PrinterSetupView {
  return {
    supported: true,
    reason: null,
    kind: 'A print queue named "Openfax".',
    printerName: 'Openfax',
    folder: '/home/ann/Documents/Openfax Outbox',
    installed: false,
    checks: [{ explain: 'The queue exists', ok: false }],
    plan: ['Add the queue'],
    rights: 'Adding a CUPS queue needs root.',
    command: 'sudo openfax printer install',
    ...over,
  };
}

const buttons = (el: HTMLElement) => [...el.querySelectorAll('button')].map((b) => b.textContent);

describe('Settings printer card', () => {
  it('sets the printer up in the desktop app, showing each step and where it prints', async () => {
    fakeMain.answer('getPrinterSetup', () => view());
    fakeMain.answer('installPrinter', () => ({
      ok: true,
      title: 'Set up',
      steps: [{ explain: 'Add the queue', status: 'done' }],
      setup: view({ installed: true, checks: [{ explain: 'The queue exists', ok: true }] }),
    }));
    const el = await render(<PrinterSection />);
    await until(() => expect(el.querySelector('[data-testid=printer-state]')?.textContent).toContain('Not set up'));
    const setUp = [...el.querySelectorAll('button')].find((b) => b.textContent === 'Set up the printer')!;
    await user(() => setUp.click());
    await until(() => expect(el.querySelector('[data-testid=printer-run]')?.textContent).toContain('Setting up the printer: finished'));
    expect(el.querySelector('[data-testid=printer-state]')?.textContent).toContain('Prints into /home/ann/Documents/Openfax Outbox');
    expect(buttons(el)).toEqual(['Set up again', 'Remove the printer']);
    expect(fakeMain.requestsTo('installPrinter')).toHaveLength(1);
  });

  it("shows main's reason where set-up is not here, with nothing to click", async () => {
    const reason = 'The printer is set up in the Openfax Desktop app: open it and go to Settings → Print to Openfax.';
    fakeMain.answer('getPrinterSetup', () => view({ supported: false, reason, checks: [], plan: [] }));
    const el = await render(<PrinterSection />);
    await until(() => expect(el.querySelector('[data-testid=printer-unavailable]')?.textContent).toBe(reason));
    expect(buttons(el)).toEqual([]);
    expect(fakeMain.requestsTo('installPrinter')).toEqual([]);
  });
});
