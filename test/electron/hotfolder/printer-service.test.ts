// The app's printer service on the macOS plan, which needs no rights: real files in a temp
// home, steps reported in order as they finish, status that follows the hot folder.

import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPrinterService, PrinterBusyError } from '../../../electron/hotfolder/printer/printer-service.ts';
import { macServicePath } from '../../../electron/hotfolder/printer/macos.ts';

function setup(platform: NodeJS.Platform = 'darwin') {
  const home = mkdtempSync(join(tmpdir(), 'openfax-printer-home-'));
  let folder = join(home, 'Documents', 'Openfax Outbox');
  const steps: Array<{ action: string; index: number; status: string }> = [];
  const service = createPrinterService({
    platform,
    homeDir: home,
    folder: () => folder,
    onStep: (action, index, step) => steps.push({ action, index, status: step.status }),
  });
  return { service, home, steps, moveFolder: (to: string) => (folder = to), folder: () => folder };
}

describe('printer service', () => {
  it('explains the plan, sets up step by step, follows the hot folder, and removes', async () => {
    const t = setup();
    const before = await t.service.view();
    expect(before).toMatchObject({ supported: true, installed: false, printerName: 'Openfax', folder: t.folder() });
    expect(before.kind).toContain('Send with Openfax');
    expect(before.plan).toHaveLength(4);

    const installed = await t.service.install();
    expect(installed.ok).toBe(true);
    expect(installed.setup.installed).toBe(true);
    expect(t.steps).toEqual([
      { action: 'install', index: 0, status: 'done' },
      { action: 'install', index: 1, status: 'done' },
      { action: 'install', index: 2, status: 'done' },
      { action: 'install', index: 3, status: 'info' },
    ]);
    const script = macServicePath(t.home);
    expect(statSync(script).mode & 0o111).not.toBe(0);
    expect(existsSync(t.folder())).toBe(true);

    // Settings moved the hot folder: the printer still delivers to the old one, so it is not "set up".
    t.moveFolder(join(t.home, 'Elsewhere'));
    expect((await t.service.view()).installed).toBe(false);

    const removed = await t.service.remove();
    expect(removed.ok).toBe(true);
    expect(existsSync(script)).toBe(false);
    expect(existsSync(join(t.home, 'Documents', 'Openfax Outbox'))).toBe(true);
  });

  it('runs one set-up at a time', async () => {
    const t = setup();
    const first = t.service.install();
    await expect(t.service.install()).rejects.toBeInstanceOf(PrinterBusyError);
    expect((await first).ok).toBe(true);
  });

  it('says plainly when there is no printer to set up', async () => {
    const t = setup('aix');
    const view = await t.service.view();
    expect(view).toMatchObject({ supported: false, installed: false, plan: [] });
    expect(view.reason).toMatch(/hot folder/);
    await expect(t.service.install()).rejects.toThrow(/no printer to set up/);
  });
});
