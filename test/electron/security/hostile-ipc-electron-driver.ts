// Child-process driver for hostile-ipc-electron.test.ts: loads the BUILT main (out/, or
// $OPENFAX_OUT_DIR's) against the fake electron and calls every ipcMain handler the way a
// hostile renderer could: payloads outside the schema from the app's own page (each one
// structured-cloned, as Electron's IPC does), and well-formed payloads from senders that are
// not the app's page. It prints one JSON report for the test to judge.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { databasePath } from '../../../electron/store/paths.ts';
import { METHOD_NAMES, methods } from '../../../shared/ipc/contract.ts';
import { methodChannel } from '../../../shared/ipc/define.ts';
import { app, fake } from '../../fakes/electron.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';
import { prototypeIntruders, takeSnapshot } from './data-snapshot.ts';
import { HOSTILE_SEED, hostilePayload, overCapPayloads, validValue } from './hostile-payloads.ts';
import { until } from '../../fakes/until.ts';

const RUNS_PER_CHANNEL = Number(process.env.HOSTILE_RUNS ?? 40);
const outDir = resolve(process.env.OPENFAX_OUT_DIR ?? resolve(import.meta.dirname, '../../../out'));
await import(join(outDir, 'main', 'index.js'));

const win = await until(() => fake.windows[0]);
if (!win) throw new Error('main.ts created no window');
const ownUrl = win.loadedUrl ?? `file://${win.loadedFile}`;
type Answer = { ok: boolean; value?: any; error?: { code: string; message: string; issues?: unknown[] } };

function invoke(method: string, payload: unknown, sender: unknown = win!.webContents, frame: unknown = { url: ownUrl, parent: null }) {
  const handler = fake.handlers.get(methodChannel(method));
  if (!handler) return Promise.resolve({ ok: false, error: { code: 'no-handler', message: method } } as Answer);
  return handler({ sender, senderFrame: frame }, payload) as Promise<Answer>;
}

// Something for an attack to change: a setting, a contact, a group, a document in Compose.
for (const [method, payload] of [
  ['updateSettings', { patch: { fromHeader: 'ACME' } }],
  ['saveContact', { name: 'Ann O’Brien', fax: '+1 212 555 0100' }],
  ['saveGroup', { name: 'Clinic' }],
] as const) {
  const answer = await invoke(method, payload);
  if (!answer.ok || answer.value?.ok === false) throw new Error(`${method} did not take: ${JSON.stringify(answer)}`);
}
const pdfPath = join(mkdtempSync(join(app.getPath('temp'), 'open-with-')), 'Kept.pdf');
writeFileSync(pdfPath, await makePdf({ pages: ['Kept'] }));
app.emit('open-file', { preventDefault() {} }, pdfPath);
const documents = await until(async () => {
  const r = await invoke('getCompose', undefined);
  return r.ok && r.value.draft.documents.length === 1 ? r.value.draft.documents : undefined;
});
const hotFolder = await until(async () => {
  const r = await invoke('getHotFolder', undefined);
  return r.ok && r.value.status === 'watching' ? (r.value.folder as string) : undefined;
});
if (!documents || !hotFolder) throw new Error(`the app did not settle: documents ${!!documents}, hot folder ${hotFolder}`);
const userData = app.getPath('userData');
const snapshot = () => takeSnapshot(databasePath(userData), [userData, hotFolder]);
const before = snapshot();

// 1. Every channel, from the app's own page, with payloads outside its schema.
const failures: string[] = [];
for (const method of METHOD_NAMES) {
  const details = await fc.check(
    fc.asyncProperty(hostilePayload(methods[method].request, 'electron'), async (payload) => {
      const answer = await invoke(method, structuredClone(payload));
      if (answer?.ok !== false || answer.error?.code !== 'invalid-payload' || !answer.error.issues?.length) {
        throw new Error(`answered ${JSON.stringify(answer)?.slice(0, 300)}`);
      }
      const size = JSON.stringify(answer).length;
      if (size > 16_000) throw new Error(`a refusal of ${size} characters`);
    }),
    { seed: HOSTILE_SEED, numRuns: RUNS_PER_CHANNEL },
  );
  if (details.failed) failures.push(`${method}: ${fc.defaultReportMessage(details)?.slice(0, 1_500)}`);
}

// Fields whose cap is megabytes long (a document's base64), each once, one character over.
for (const method of METHOD_NAMES) {
  for (const { field, payload } of overCapPayloads(methods[method].request)) {
    const answer = await invoke(method, structuredClone(payload));
    if (answer?.error?.code !== 'invalid-payload')
      failures.push(`${method}: ${field} over its cap was answered ${JSON.stringify(answer)?.slice(0, 300)}`);
  }
}

// 2. Well-formed requests, the harmful ones first, from every sender that is not the app's page.
const harmful: Partial<Record<(typeof METHOD_NAMES)[number], unknown>> = {
  updateSettings: { patch: { theme: 'dark', fromHeader: 'EVIL' } },
  deleteContacts: { ids: [1] },
  deleteGroup: { id: 1 },
  saveContact: { name: 'Mallory', fax: '+1 212 555 0199' },
  removeComposeDocument: { id: documents[0].id },
  discardCompose: {},
  newComposeDraft: undefined,
  addComposePaths: { paths: [pdfPath] },
  saveAccount: { accountId: '1234567', apiKey: 'k'.repeat(32), apiUrl: 'http://127.0.0.1:9/' },
  setHotFolderPaused: { paused: true },
};
const notOurs: Array<[string, unknown, unknown]> = [
  ['another webContents', { id: 999 }, { url: ownUrl, parent: null }],
  ['a subframe of our page', win.webContents, { url: ownUrl, parent: { url: ownUrl } }],
  ['a frame on another site', win.webContents, { url: 'https://evil.example/', parent: null }],
  ['a file:// page', win.webContents, { url: 'file:///etc/passwd', parent: null }],
  ['our page on another host of our scheme', win.webContents, { url: ownUrl.replace(/^(\w+:\/\/)[^/]*/, '$1evil.example'), parent: null }],
  ['a frame that is gone', win.webContents, null],
  [
    'a frame disposed mid-call',
    win.webContents,
    {
      parent: null,
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    },
  ],
];
const admitted: string[] = [];
for (const method of METHOD_NAMES) {
  const payload = Object.hasOwn(harmful, method)
    ? harmful[method]
    : fc.sample(validValue(methods[method].request), { numRuns: 1, seed: HOSTILE_SEED })[0];
  for (const [who, sender, frame] of notOurs) {
    const answer = await invoke(method, payload, sender, frame).catch((err: unknown) => ({ threw: String(err) }));
    if ((answer as Answer)?.error?.code !== 'forbidden-sender')
      admitted.push(`${method} from ${who}: ${JSON.stringify(answer)?.slice(0, 200)}`);
  }
}

const after = snapshot();
const changed = [
  ...Object.keys({ ...before.rows, ...after.rows }).filter((t) => JSON.stringify(before.rows[t]) !== JSON.stringify(after.rows[t])),
  ...Object.keys(before.folders).flatMap((f) => {
    const a = before.folders[f] ?? {};
    const b = after.folders[f] ?? {};
    return Object.keys({ ...a, ...b })
      .filter((name) => a[name] !== b[name])
      .map((name) => join(f, name));
  }),
];
const still = await invoke('getAppInfo', undefined);
const report = {
  runsPerChannel: RUNS_PER_CHANNEL,
  channels: METHOD_NAMES.length,
  failures,
  admitted,
  changed,
  prototypeIntruders: prototypeIntruders(),
  stillAnswers: still.ok === true && still.value?.transport === 'electron',
};
app.quit();
await until(() => (fake.quitCalls >= 2 ? true : undefined));
process.stdout.write(`${JSON.stringify(report)}\n`);
process.exit(0);
