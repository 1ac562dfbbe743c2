// `npm run web`: the real app, served to a browser on loopback, for machines without
// Electron (ours included) and for the end-to-end tests.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createHandlers } from '../app/handlers/index.ts';
import { createHeadlessHost } from '../core/host.ts';
import { createIpcRouter } from '../app/ipc-router.ts';
import { createAppServices } from '../app/services.ts';
import { describeFaults, FAULT_SPEC_EXAMPLE, faultsFromSetting } from '../sandbox/fault-spec.ts';
import { createWebDocxPrinter } from './docx-print.ts';
import { startWebHost } from './web-host.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const dataDir = resolve(arg('data-dir') ?? process.env.OPENFAX_DATA_DIR ?? join(root, '.openfax-dev'));
const faults = faultsFromSetting(arg('sandbox-faults'), process.env);
if (!faults.ok) {
  process.stderr.write(`${faults.reason}\nFor example: --sandbox-faults ${FAULT_SPEC_EXAMPLE}\n`);
  process.exit(2);
}

// The mail merge's built-in DOCX converter: headless Chromium, started at the first print.
const docxPrint = createWebDocxPrinter();
const services = await createAppServices({
  dataDir,
  host: { ...createHeadlessHost('web'), printDocx: docxPrint.printDocx },
  version: pkg.version,
  logToFile: true,
  sandbox: { faults: faults.value },
});
const host = await startWebHost({
  router: createIpcRouter(createHandlers(services), { validateResponses: true }),
  events: services.events,
  rendererDir: join(process.env.OPENFAX_OUT_DIR ?? join(root, 'out'), 'renderer'),
  port: arg('port') ? Number(arg('port')) : 0,
  token: process.env.OPENFAX_WEB_TOKEN,
  docxPrint,
});

// Machine-readable first line for scripts and tests; then words for people.
process.stdout.write(`OPENFAX_WEB_URL=${host.url}\n`);
process.stdout.write(`\nOpenfax Desktop (browser host) is running.\n  Open: ${host.url}\n  Data: ${dataDir}\n  Stop: Ctrl+C\n\n`);
if (faults.value) process.stdout.write(`Sandbox faults on: ${describeFaults(faults.value)}.\n\n`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await host.close();
  await services.dispose();
  await docxPrint.dispose();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
