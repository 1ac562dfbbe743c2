// electron-updater calls require('electron') where it quits to install (BaseUpdater) and for
// Squirrel.Mac (MacUpdater). In the tests' own process that would load the real package, which
// tries to download Electron: this points it at the fake instead, and hands the tests the same
// instance electron-updater sees (its autoUpdater is Squirrel).

import { createRequire, registerHooks } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const FAKE = pathToFileURL(resolve(import.meta.dirname, '../../fakes/electron.ts')).href;

registerHooks({
  resolve(specifier, context, next) {
    if (specifier === 'electron') return { url: FAKE, format: 'module-typescript', shortCircuit: true };
    return next(specifier, context);
  },
});

export const electronForUpdater = createRequire(import.meta.url)('electron') as typeof import('../../fakes/electron.ts');
