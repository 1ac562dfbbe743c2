// The built-in converter's Electron wiring (electron/wiring/docx-print.ts) against the fake
// electron: the hidden window's preferences, its own session (what its app:// serves, its
// permissions), navigation and new windows refused, the title signal, printToPDF's options, one
// window at a time, the deadline, abort and the window closed after every print. The page itself
// runs in Chromium in builtin-web.test.ts; no Electron binary runs here.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pagePolicy } from '../../../electron/core/renderer-files.ts';
import { DocxPrintError } from '../../../electron/merge/convert/builtin-printer.ts';
import { DOCX_PRINT_READY, docxPrintErrorTitle } from '../../../shared/docx-print.ts';
import { fake, session } from '../../fakes/electron.ts';

vi.mock('electron', () => import('../../fakes/electron.ts'));
const { DOCX_PRINT_PARTITION, setupDocxPrint } = await import('../../../electron/wiring/docx-print.ts');

const ROOT = resolve(import.meta.dirname, '../../..');
const RENDERER = join(process.env.OPENFAX_OUT_DIR ?? join(ROOT, 'out'), 'renderer');
const DOCX = new Uint8Array([0x50, 0x4b, 3, 4, 9, 9, 9]);
type FakeWindow = (typeof fake.windows)[number];

const printSession = () => session.fromPartition(DOCX_PRINT_PARTITION);
const serve = (url: string, method = 'GET') => {
  const handler = printSession().protocolHandlers.get('app');
  if (!handler) throw new Error('no app:// handler on the print session');
  return Promise.resolve(handler(new Request(url, { method })));
};

let printer: ReturnType<typeof setupDocxPrint>;
let before: number;

/** The n-th print window made by this test, once it exists (made synchronously by the print's turn). */
function printWindow(n: number): Promise<FakeWindow> {
  return vi.waitFor(() => fake.windows[before + n] ?? Promise.reject(new Error(`print window ${n} not open yet`)));
}

/** What the page sets as its title once laid out. */
function say(win: FakeWindow, title: string) {
  win.webContents.emit('page-title-updated', { preventDefault() {} }, title, true);
}

async function problemOf(promise: Promise<unknown>) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DocxPrintError);
  return (err as DocxPrintError).problem;
}

beforeEach(() => {
  before = fake.windows.length;
  printer = setupDocxPrint(RENDERER);
});
afterEach(async () => {
  vi.useRealTimers();
  await printer.dispose();
});

describe('the built-in converter in Electron (fake electron)', () => {
  it('opens a hidden, sandboxed window with no preload in a session of its own, on the print page', async () => {
    const printing = printer.printDocx(DOCX, new AbortController().signal);
    const win = await printWindow(0);
    expect(win.options.show).toBe(false);
    expect(win.options.webPreferences).toMatchObject({
      partition: DOCX_PRINT_PARTITION,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(win.options.webPreferences.preload).toBeUndefined();
    expect(DOCX_PRINT_PARTITION).not.toMatch(/^persist:/);
    expect(win.loadedUrl).toMatch(/^app:\/\/openfax\/docx-print\.html#\/merge-docx\/[0-9a-f]{32}$/);
    say(win, DOCX_PRINT_READY);
    await printing;
  });

  it('prints on the ready signal with the CSS page size and no margins, then closes the window', async () => {
    const printing = printer.printDocx(DOCX, new AbortController().signal);
    const win = await printWindow(0);
    // The page says other things before it is done (its own title while it loads).
    say(win, 'Openfax document');
    await Promise.resolve();
    expect(win.webContents.printed).toHaveLength(0);
    say(win, DOCX_PRINT_READY);
    const pdf = await printing;
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
    expect(win.webContents.printed).toEqual([
      { preferCSSPageSize: true, printBackground: true, margins: { top: 0, bottom: 0, left: 0, right: 0 } },
    ]);
    expect(win.isDestroyed()).toBe(true);
  });

  it("serves the document once at the window's one-time URL, the print page with its own policy, and nothing of the app", async () => {
    const printing = printer.printDocx(DOCX, new AbortController().signal);
    const win = await printWindow(0);
    const docUrl = `app://openfax${new URL(win.loadedUrl!).hash.slice(1)}`;
    expect((await serve(docUrl, 'HEAD')).status).toBe(404);
    const first = await serve(docUrl);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(new Uint8Array(await first.arrayBuffer())).toEqual(DOCX);
    expect((await serve(docUrl)).status).toBe(404);
    const page = await serve('app://openfax/docx-print.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(pagePolicy(readFileSync(join(RENDERER, 'docx-print.html'), 'utf8')));
    const script = /src="\.\/(assets\/docx-print-[^"]+\.js)"/.exec(await page.text())?.[1];
    expect((await serve(`app://openfax/${script}`)).status).toBe(200);
    for (const refused of ['app://openfax/index.html', 'app://openfax/', 'app://openfax/../main/index.js', 'app://other/docx-print.html']) {
      expect((await serve(refused)).status, refused).toBe(404);
    }
    say(win, DOCX_PRINT_READY);
    await printing;
    expect((await serve(docUrl)).status).toBe(404);
  });

  it('refuses navigation, new windows and every permission', async () => {
    const printing = printer.printDocx(DOCX, new AbortController().signal);
    const win = await printWindow(0);
    for (const [event, url] of [
      ['will-navigate', 'https://evil.example/'],
      ['will-navigate', 'app://openfax/index.html'],
      ['will-redirect', 'app://openfax/index.html'],
    ] as const) {
      let prevented = false;
      win.webContents.emit(event, { preventDefault: () => (prevented = true) }, url);
      expect(prevented, `${event} ${url}`).toBe(true);
    }
    expect(win.webContents.windowOpenHandler?.({ url: 'https://openfax.com/help' })).toEqual({ action: 'deny' });
    const granted = await new Promise((r) => printSession().permissionRequestHandler?.({}, 'media', r));
    expect(granted).toBe(false);
    expect(printSession().permissionCheckHandler?.({}, 'clipboard-read')).toBe(false);
    say(win, DOCX_PRINT_READY);
    await printing;
  });

  it("names the page's reason, and a renderer that died; closes the window each time", async () => {
    const unreadable = printer.printDocx(DOCX, new AbortController().signal);
    const first = await printWindow(0);
    say(first, docxPrintErrorTitle('the file is a ZIP archive with no Word document in it'));
    expect(await problemOf(unreadable)).toMatchObject({
      code: 'builtin-unreadable',
      message: expect.stringContaining('no Word document in it'),
    });
    expect(first.isDestroyed()).toBe(true);
    const crashed = printer.printDocx(DOCX, new AbortController().signal);
    const second = await printWindow(1);
    second.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(await problemOf(crashed)).toMatchObject({ code: 'builtin-failed', message: expect.stringContaining('crashed') });
    expect(second.isDestroyed()).toBe(true);
    const failed = printer.printDocx(DOCX, new AbortController().signal);
    const third = await printWindow(2);
    third.webContents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', third.loadedUrl, true);
    expect(await problemOf(failed)).toMatchObject({ code: 'builtin-failed', message: expect.stringContaining('ERR_FILE_NOT_FOUND') });
    expect(third.isDestroyed()).toBe(true);
  });

  it("the print session cancels every request that is not the page's own (app:, blob:, data:), and stops judging when disposed", () => {
    const listener = printSession().beforeRequest;
    if (!listener) throw new Error('no webRequest.onBeforeRequest on the print session');
    const verdict = (url: string) => {
      let answer: { cancel?: boolean } | undefined;
      listener({ url, method: 'GET', resourceType: 'image' }, (response: { cancel?: boolean }) => {
        answer = response;
      });
      if (!answer) throw new Error(`no answer for ${url}`);
      return answer.cancel === true ? 'cancelled' : 'allowed';
    };
    for (const url of [
      'http://127.0.0.1:18777/beacon.png',
      'https://example.com/font.woff',
      'file:///etc/passwd',
      'file://host/share/picture.png',
      'ws://127.0.0.1:1/',
      'ftp://example.com/x',
      'chrome://gpu',
      'not a url',
    ])
      expect(verdict(url), url).toBe('cancelled');
    for (const url of [
      'app://openfax/docx-print.html',
      'blob:app://openfax/5d2c3e1a-0000-4000-8000-000000000000',
      'data:image/png;base64,AAAA',
    ])
      expect(verdict(url), url).toBe('allowed');
  });

  it('removes its request filter when disposed', async () => {
    await printer.dispose();
    expect(printSession().beforeRequest).toBeNull();
    printer = setupDocxPrint(RENDERER);
  });

  it('opens one window at a time', async () => {
    const a = printer.printDocx(DOCX, new AbortController().signal);
    const b = printer.printDocx(DOCX, new AbortController().signal);
    const first = await printWindow(0);
    await Promise.resolve();
    expect(fake.windows.length - before).toBe(1);
    say(first, DOCX_PRINT_READY);
    await a;
    const second = await printWindow(1);
    expect(first.isDestroyed()).toBe(true);
    say(second, DOCX_PRINT_READY);
    await b;
  });

  it('closes a window whose page never answers at the deadline, and one whose print is aborted', async () => {
    await printer.dispose();
    printer = setupDocxPrint(RENDERER, { timeoutMs: 20_000 });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const hanging = problemOf(printer.printDocx(DOCX, new AbortController().signal));
    // The window is made in the print's first turn; no timer is involved in getting there.
    await vi.advanceTimersByTimeAsync(0);
    const stuck = fake.windows[before];
    expect(stuck).toBeDefined();
    await vi.advanceTimersByTimeAsync(19_999);
    expect(stuck!.isDestroyed()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await hanging).code).toBe('builtin-timeout');
    expect(stuck!.isDestroyed()).toBe(true);
    vi.useRealTimers();
    const controller = new AbortController();
    const aborted = printer.printDocx(DOCX, controller.signal);
    const win = await printWindow(1);
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(win.isDestroyed()).toBe(true);
  });

  it('stops serving when disposed', async () => {
    await printer.dispose();
    expect(printSession().protocolHandlers.has('app')).toBe(false);
    expect((await problemOf(printer.printDocx(DOCX, new AbortController().signal))).code).toBe('builtin-unavailable');
    // The next test's setup handles the scheme again: disposing undid it completely.
    printer = setupDocxPrint(RENDERER);
  });
});
