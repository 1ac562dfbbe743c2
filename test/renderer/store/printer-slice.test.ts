// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { PrinterSetupView } from '../../../shared/ipc/contract/printer.ts';
import { fakeMain, useStore } from '../harness.ts';

function setup(installed: boolean): PrinterSetupView {
  return {
    supported: true,
    reason: null,
    kind: 'a printer named Openfax',
    printerName: 'Openfax',
    folder: '/home/ann/Faxes',
    installed,
    checks: [{ explain: 'The queue exists', ok: installed }],
    plan: ['Add the queue'],
    rights: 'Needs administrator rights.',
    command: 'openfax printer install',
  };
}

describe('printer slice', () => {
  it('reads the set-up, or says why not', async () => {
    fakeMain.refuse('getPrinterSetup', 'CUPS is not running.');
    await useStore.getState().loadPrinterSetup();
    expect(useStore.getState().printerError).toBe('CUPS is not running.');
    fakeMain.answer('getPrinterSetup', () => setup(false));
    await useStore.getState().loadPrinterSetup();
    expect(useStore.getState()).toMatchObject({ printerError: undefined, printerSetup: { installed: false } });
  });

  it('fills the steps in as main reports them, then takes the result', async () => {
    let finish!: () => void;
    const done = new Promise<void>((r) => (finish = r));
    const step = { explain: 'Add the queue', status: 'done' } as const;
    fakeMain.answer('installPrinter', async () => {
      await done;
      return { ok: true, title: 'Set up', steps: [step], setup: setup(true) };
    });
    const running = useStore.getState().runPrinterSetup('install');
    expect(useStore.getState().printerRun).toEqual({ action: 'install', steps: [] });
    useStore.getState().applyPrinterStep({ action: 'install', index: 0, step });
    // A step of another run (the other action) is not this run's.
    useStore.getState().applyPrinterStep({ action: 'remove', index: 1, step });
    expect(useStore.getState().printerRun?.steps).toEqual([step]);
    finish();
    await running;
    expect(useStore.getState()).toMatchObject({ printerRun: { result: { ok: true } }, printerSetup: { installed: true } });
  });
});
