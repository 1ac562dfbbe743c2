// A launch made while the app quits is started again once it has ended (main.ts): this program
// as it runs here, with only the documents that launch was given.

import { describe, expect, it } from 'vitest';
import { relaunchOptions } from '../../../electron/wiring/runtime-paths.ts';

const SECOND = ['/opt/Openfax Desktop/openfax-desktop', '--allow-file-access-from-files', '/home/someone/Letter.pdf', 'notes.txt'];

describe('relaunchOptions', () => {
  it('an installed app: the documents only, not the switches Chromium or a login start added', () => {
    expect(
      relaunchOptions(SECOND, { argv: ['/opt/Openfax Desktop/openfax-desktop', '--hidden'], packaged: true, appImage: undefined }),
    ).toEqual({
      args: ['/home/someone/Letter.pdf'],
    });
  });

  it('an AppImage: started by its file, since the mount it runs from goes with this process', () => {
    expect(
      relaunchOptions(SECOND, { argv: ['/tmp/.mount_Openfa/openfax-desktop'], packaged: true, appImage: '/home/someone/Openfax.AppImage' }),
    ).toEqual({
      args: ['/home/someone/Letter.pdf'],
      execPath: '/home/someone/Openfax.AppImage',
    });
  });

  it('a development build keeps its app folder first', () => {
    expect(
      relaunchOptions(['electron', '.'], {
        argv: ['/repo/node_modules/electron/dist/electron', '.', '--hidden'],
        packaged: false,
        appImage: undefined,
      }),
    ).toEqual({
      args: ['.'],
    });
  });
});
