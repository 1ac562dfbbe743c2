// The Electron host's yes/no question, against the fake electron: a warning box on the window
// with Cancel first, the default and what Escape answers; only the confirm button says yes.

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, dialog } from '../../fakes/electron.ts';

vi.mock('electron', () => import('../../fakes/electron.ts'));
const { createElectronHost } = await import('../../../electron/wiring/host.ts');

const question = { title: 'T', message: 'Send your Openfax API key to fax.example.test?', detail: 'D', confirmLabel: 'Send the key' };

beforeEach(() => {
  dialog.messageBoxes.length = 0;
  dialog.messageBoxAnswers.length = 0;
});

describe('the Electron host confirm', () => {
  it('asks on the window, Cancel first and the default; answers true only for the confirm button', async () => {
    const win = new BrowserWindow({});
    const host = createElectronHost(
      () => win as never,
      () => win as never,
    );
    dialog.messageBoxAnswers.push(1, 0);
    expect(await host.confirm?.(question)).toBe(true);
    expect(await host.confirm?.(question)).toBe(false);
    // Nothing scripted: the box is closed as with Escape.
    expect(await host.confirm?.(question)).toBe(false);
    expect(dialog.messageBoxes).toHaveLength(3);
    expect(dialog.messageBoxes[0]).toEqual({
      window: win,
      options: {
        type: 'warning',
        title: 'T',
        message: question.message,
        detail: 'D',
        buttons: ['Cancel', 'Send the key'],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      },
    });
  });

  it('asks without a window when none is open', async () => {
    const host = createElectronHost(
      () => undefined,
      () => new BrowserWindow({}) as never,
    );
    dialog.messageBoxAnswers.push(1);
    expect(await host.confirm?.(question)).toBe(true);
    expect(dialog.messageBoxes[0]?.window).toBeUndefined();
  });
});
