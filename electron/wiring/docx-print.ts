// The built-in DOCX converter in the desktop app: a hidden, sandboxed window with no preload
// loads app://openfax/docx-print.html, which lays the document out (docx-preview), and
// `webContents.printToPDF` prints it. The logic (queue, deadline, one-time documents) is
// Electron-free in electron/merge/convert/builtin-*.ts; this file only makes the windows.
//
// The window has a session of its own, in memory: the page shares no storage, cache or
// permission with the app's window, and that session's app:// serves the print page, its
// scripts and the one document being printed, nothing else.

import { basename, extname } from 'node:path';
import { BrowserWindow, session } from 'electron';
import { DOCX_PRINT_PAGE, docxPrintHash, isDocxPrintDocPath, readDocxPrintSignal } from '../../shared/docx-print.ts';
import { APP_SCHEME, appUrlPath } from '../core/renderer-files.ts';
import { createOneTimeDocuments, DOCX_RESPONSE_HEADERS } from '../merge/convert/builtin-documents.ts';
import { createDocxPrinter, type DocxPrinter, type PrintTab } from '../merge/convert/builtin-printer.ts';
import { notFound, rendererHandler } from './app-protocol.ts';

/** Not `persist:`: nothing the page does outlives the app. */
export const DOCX_PRINT_PARTITION = 'openfax-docx-print';
const PAGE_URL = `${APP_SCHEME}://openfax/${DOCX_PRINT_PAGE}`;

function openPrintWindow(url: string): PrintTab {
  const win = new BrowserWindow({
    show: false,
    width: 1000,
    height: 1300,
    webPreferences: {
      partition: DOCX_PRINT_PARTITION,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      devTools: false,
      spellcheck: false,
      // A hidden window's timers are throttled otherwise; the page waits on one (tab stops).
      backgroundThrottling: false,
      // Nobody clicks in a hidden window; a middle click would otherwise ask for a new one.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const contents = win.webContents;
  // Nowhere to go: the page is loaded once, by main, and opens nothing.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const signalled = new Promise<string>((resolve, reject) => {
    contents.on('page-title-updated', (_event, title) => {
      if (readDocxPrintSignal(title)) resolve(title);
    });
    contents.on('did-fail-load', (_event, code, description, _url, isMainFrame) => {
      if (isMainFrame) reject(new Error(`the page did not load: ${description} (${code})`));
    });
    contents.on('render-process-gone', (_event, details) => reject(new Error(`the page's renderer ended (${details.reason})`)));
  });
  // Closing the window first is not a failure anyone waits on.
  signalled.catch(() => {});
  win.loadURL(url).catch(() => {});
  return {
    signalled: () => signalled,
    async print() {
      return new Uint8Array(
        await contents.printToPDF({
          preferCSSPageSize: true,
          printBackground: true,
          margins: { top: 0, bottom: 0, left: 0, right: 0 },
        }),
      );
    },
    async close() {
      if (!win.isDestroyed()) win.destroy();
    },
  };
}

const ALLOWED_SCHEMES = new Set([`${APP_SCHEME}:`, 'blob:', 'data:']);

/** Whether the print page may load this URL: its own app: files, and blob:/data: made in the page. */
function isPrintPageUrl(url: string): boolean {
  try {
    return ALLOWED_SCHEMES.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** The printer behind `HostAdapter.printDocx`; call after the app is ready, dispose at quit. */
export function setupDocxPrint(rendererDir: string, opts: { timeoutMs?: number } = {}): DocxPrinter {
  const documents = createOneTimeDocuments();
  const ses = session.fromPartition(DOCX_PRINT_PARTITION);
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // The page's CSP already allows only app:, blob: and data:; the session refuses the rest itself,
  // so a document whose content reaches out (a linked picture, a font by URL) cannot make a
  // request from this machine even if the page's policy were wrong. docx-preview shows pictures
  // and fonts as blob: URLs made from the document, and data: URLs.
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isPrintPageUrl(details.url) }));
  // Of the renderer's pages, only the print page: the app's own page has no business here.
  const files = rendererHandler(rendererDir, (file) => extname(file.path) !== '.html' || basename(file.path) === DOCX_PRINT_PAGE);
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const path = appUrlPath(request.url);
    if (path === undefined || !isDocxPrintDocPath(path)) return files(request);
    const bytes = request.method === 'GET' ? documents.take(path) : undefined;
    return bytes ? new Response(new Uint8Array(bytes), { headers: DOCX_RESPONSE_HEADERS }) : notFound();
  });
  const printer = createDocxPrinter({
    surfaces: { open: async (url) => openPrintWindow(url) },
    documents,
    pageUrl: (docPath) => `${PAGE_URL}${docxPrintHash(docPath)}`,
    timeoutMs: opts.timeoutMs,
  });
  return {
    printDocx: printer.printDocx,
    async dispose() {
      await printer.dispose();
      ses.webRequest.onBeforeRequest(null);
      ses.protocol.unhandle(APP_SCHEME);
    },
  };
}
