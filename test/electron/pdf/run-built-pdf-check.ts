// Child-process driver: loads the BUILT main (out/main/index.js, or $OPENFAX_OUT_DIR's) against
// the fake electron and adds documents to Compose over the real IPC channel, so the built PDF
// check (its own entry file) reads them in the fake utility process. Prints one JSON report.

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { app, fake, utilityProcess } from '../../fakes/electron.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';
import { slowPdf } from './hostile-pdfs.ts';
import { until } from '../../fakes/until.ts';

const outDir = resolve(process.env.OPENFAX_OUT_DIR ?? resolve(import.meta.dirname, '../../../out'));
await import(join(outDir, 'main', 'index.js'));

const win = await until(() => fake.windows[0]);
if (!win) throw new Error('main.ts created no window');
const ownUrl = (win as { loadedUrl?: string }).loadedUrl ?? `file://${win.loadedFile}`;

async function add(name: string, bytes: Uint8Array): Promise<any> {
  const handler = fake.handlers.get('openfax:addComposeFiles');
  if (!handler) return { missing: 'openfax:addComposeFiles' };
  const files = [{ name, dataBase64: Buffer.from(bytes).toString('base64') }];
  return handler({ sender: win?.webContents, senderFrame: { url: ownUrl, parent: null } }, { files });
}

const first = await add('Invoice.pdf', await makePdf({ pages: ['Invoice 42 for the May delivery', 'Terms: within thirty days'] }));
const checker = utilityProcess.forked.at(-1);
const forked = utilityProcess.forked.map((c) => ({ modulePath: c.modulePath, options: c.options }));

// A document that keeps the check busy for a minute; its child is killed as soon as the document
// reaches it, as the OS would kill a process that ran out of memory.
const postedBefore = checker?.posted ?? 0;
const slow = add('Slow.pdf', slowPdf(8000));
const reached = await until(() => ((checker?.posted ?? 0) > postedBefore ? true : undefined));
checker?.kill();
const stopped = await slow;
const after = await add('After.pdf', await makePdf({ pages: ['One page'] }));

const summary = (r: any) => ({
  ok: r?.ok,
  added: r?.value?.added?.map((d: any) => ({ name: d.name, pages: d.pages })),
  refused: r?.value?.refused?.map((f: any) => ({ name: f.name, code: f.code, message: f.message })),
});
const report = {
  childFile: { path: join(outDir, 'main', 'pdf-inspector-child.js'), exists: existsSync(join(outDir, 'main', 'pdf-inspector-child.js')) },
  forked,
  first: summary(first),
  // The ink facts Compose's warnings read, measured in the built child (pdf.js and its canvas there).
  firstInk: first?.value?.added?.[0]?.ink?.map((p: any) => ({ black: typeof p.black, smallTextPt: p.smallTextPt })),
  reached: reached === true,
  stopped: summary(stopped),
  after: summary(after),
  children: utilityProcess.forked.length,
  // The check moved into a worker thread of main (fallback-inspector.ts) because its child could not start.
  movedToThread: (() => {
    const log = join(app.getPath('userData'), 'openfax.log');
    return existsSync(log) && readFileSync(log, 'utf8').includes('moves to a worker thread');
  })(),
};

app.quit();
await until(() => (fake.quitCalls >= 2 ? true : undefined));
// Quitting disposes the services, and with them the check's child.
const running = () => utilityProcess.forked.filter((c) => c.pid !== undefined).length;
await until(() => (running() === 0 ? true : undefined), 5000);
const leftRunning = running();
process.stdout.write(`${JSON.stringify({ ...report, leftRunning })}\n`);
process.exit(0);
