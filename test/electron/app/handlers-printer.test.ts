// The printer channels through the real router, on the macOS plan (it needs no rights): the
// PDF service script appears in a temp home and goes again; a second set-up while one runs,
// and a platform without a printer, are refused with their codes. Only the desktop app's window
// (the electron transport) may check or change the printer; the browser host is refused.

import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { macServicePath } from '../../../electron/hotfolder/printer/macos.ts';
import { printerMethods } from '../../../shared/ipc/contract/printer.ts';
import { type HandlersHarness, itDispatchedEvery, startHandlers } from './handlers-harness.ts';

const dispatched = new Set<string>();
let h: HandlersHarness;
let home: string;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'openfax-printer-ipc-'));
  h = await startHandlers({ dispatched, transport: 'electron', printer: { platform: 'darwin', homeDir: home } });
});
afterAll(async () => {
  await h.close();
  rmSync(home, { recursive: true, force: true });
});

describe('printer channels', () => {
  it('explain the set-up, install the printer into the hot folder, and remove it', async () => {
    const before = await h.value('getPrinterSetup', undefined);
    expect(before).toMatchObject({ supported: true, installed: false, folder: join(h.documentsDir, 'Openfax Outbox') });
    expect(before.plan.length).toBeGreaterThan(0);

    const installed = await h.value('installPrinter', undefined);
    expect(installed).toMatchObject({ ok: true, setup: { installed: true } });
    expect(statSync(macServicePath(home)).mode & 0o111).not.toBe(0);
    expect(existsSync(before.folder)).toBe(true);

    const removed = await h.value('removePrinter', undefined);
    expect(removed).toMatchObject({ ok: true, setup: { installed: false } });
    expect(existsSync(macServicePath(home))).toBe(false);
  });

  it('refuse a second set-up while one runs, with its code', async () => {
    const first = h.dispatch('installPrinter', undefined);
    const second = await h.refusal('installPrinter', undefined);
    expect(second).toEqual({ code: 'printer-busy', message: 'The printer is being set up already. Wait for it to finish.' });
    expect(await first).toMatchObject({ ok: true, value: { ok: true } });
    expect(existsSync(macServicePath(home))).toBe(true);
  });

  it('refuse a payload where the channel takes none', async () => {
    expect(await h.refusal('removePrinter', { name: 'Other' })).toMatchObject({ code: 'invalid-payload' });
    expect(existsSync(macServicePath(home))).toBe(true);
  });

  it('refuse set-up where there is no printer to set up', async () => {
    const other = await startHandlers({ dispatched, transport: 'electron', printer: { platform: 'aix', homeDir: home } });
    try {
      const view = await other.value('getPrinterSetup', undefined);
      expect(view.supported).toBe(false);
      expect(await other.refusal('removePrinter', undefined)).toEqual({ code: 'printer-unsupported', message: view.reason });
    } finally {
      await other.close();
    }
  });

  it('tell the browser host that set-up is in the desktop app, and refuse its install and remove', async () => {
    expect(await h.value('removePrinter', undefined)).toMatchObject({ ok: true, setup: { installed: false } });
    const view = await h.value('getPrinterSetup', undefined, 'web');
    expect(view).toMatchObject({ supported: false, installed: false, checks: [], plan: [] });
    expect(view.reason).toMatch(/set up in the Openfax Desktop app/);
    const refusal = { code: 'printer-needs-desktop', message: view.reason };
    expect(await h.refusal('installPrinter', undefined, 'web')).toEqual(refusal);
    expect(existsSync(macServicePath(home))).toBe(false);

    // Set up from the desktop app, the browser cannot take it away either.
    expect(await h.value('installPrinter', undefined)).toMatchObject({ ok: true });
    expect(await h.refusal('removePrinter', undefined, 'web')).toEqual(refusal);
    expect(existsSync(macServicePath(home))).toBe(true);
  });

  itDispatchedEvery(printerMethods, dispatched);
});
