// The one Chromium the end-to-end tests and the Chromium benchmarks drive: Debian's when
// present (no browser download is possible here), OPENFAX_CHROMIUM to override, otherwise
// Playwright's own where one is installed; and the flags that keep it quiet and comparable.

import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.OPENFAX_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
