// The built-in DOCX converter under the browser host: headless Chromium (playwright-core),
// started on the first print and closed on dispose, loads renderer/docx-print.html from the web
// host's own server and prints it with `page.pdf`. Each document gets a fresh browser context,
// so nothing one person's document leaves behind (blob: URLs, cache) meets the next.

import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { DOCX_PRINT_ERROR, DOCX_PRINT_PAGE, DOCX_PRINT_READY, docxPrintHash } from '../../shared/docx-print.ts';
import { createLogger } from '../core/logger.ts';
import { createOneTimeDocuments, type OneTimeDocuments } from '../merge/convert/builtin-documents.ts';
import {
  createDocxPrinter,
  type DocxPrinter,
  DocxPrintError,
  type PrintSurfaces,
  type PrintTab,
  unavailableProblem,
} from '../merge/convert/builtin-printer.ts';

const log = createLogger('docx-print');

export interface WebDocxPrinter extends DocxPrinter {
  /** What the web host serves under the one-time paths (`startWebHost({ docxPrint })`). */
  readonly documents: OneTimeDocuments;
  /** The web host calls this once it listens: the page is loaded from that origin. */
  attach(origin: string): void;
}

export interface WebDocxPrinterOptions {
  /** Chromium to run; default OPENFAX_CHROMIUM, then /usr/bin/chromium, then Playwright's own. */
  executablePath?: string;
  timeoutMs?: number;
  /** The page loaded, in the renderer folder (tests name one that never answers). */
  page?: string;
}

/** The Chromium the e2e suite drives too (test/e2e/chromium.ts): Debian's, unless told otherwise. */
export function defaultChromium(): string | undefined {
  return process.env.OPENFAX_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
}

const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function tab(context: BrowserContext, url: string): PrintTab {
  const opened = context.newPage();
  // A page closed before it was waited on is not a failure anyone hears of.
  opened.catch(() => {});
  return {
    async signalled() {
      const page = await opened;
      const crashed = new Promise<never>((_, reject) => page.once('crash', () => reject(new Error('the page crashed'))));
      const answered = (async () => {
        await page.goto(url, { waitUntil: 'commit', timeout: 0 });
        // Playwright evaluates this over the DevTools protocol, which the page's CSP does not
        // govern; the page itself says nothing but its title.
        const title = await page.waitForFunction(
          ([ready, error]) => (document.title === ready || document.title.startsWith(error) ? document.title : false),
          [DOCX_PRINT_READY, DOCX_PRINT_ERROR] as const,
          { timeout: 0, polling: 50 },
        );
        return String(await title.jsonValue());
      })();
      return Promise.race([answered, crashed]);
    },
    async print() {
      const page = await opened;
      return new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    },
    async close() {
      await context.close();
    },
  };
}

export function createWebDocxPrinter(opts: WebDocxPrinterOptions = {}): WebDocxPrinter {
  const documents = createOneTimeDocuments();
  const executablePath = opts.executablePath ?? defaultChromium();
  let origin: string | undefined;
  let browser: Promise<Browser> | undefined;

  function launched(): Promise<Browser> {
    if (browser) return browser;
    const starting = chromium
      .launch({
        executablePath,
        args: CHROMIUM_ARGS,
        // Chromium's own sandbox, except as root, where Chromium refuses to start with it.
        chromiumSandbox: process.getuid?.() !== 0,
      })
      .then((b) => {
        b.on('disconnected', () => {
          if (browser === starting) browser = undefined;
        });
        return b;
      });
    browser = starting;
    // A browser that could not start is tried again at the next print.
    starting.catch(() => {
      if (browser === starting) browser = undefined;
    });
    return starting;
  }

  const surfaces: PrintSurfaces = {
    async open(url) {
      let b: Browser;
      try {
        b = await launched();
      } catch (err) {
        log.warn(`Chromium did not start: ${(err as Error).message.split('\n')[0]}`);
        throw new DocxPrintError(
          unavailableProblem(
            `Chromium did not start${executablePath ? ` from ${executablePath}` : ''}`,
            'Install Chromium, or set OPENFAX_CHROMIUM to its path, and try again; or pick another converter (LibreOffice or Word) for this merge.',
          ),
          err,
        );
      }
      const context = await b.newContext({ acceptDownloads: false, serviceWorkers: 'block', viewport: { width: 1000, height: 1300 } });
      return tab(context, url);
    },
  };

  const page = opts.page ?? DOCX_PRINT_PAGE;
  const printer = createDocxPrinter({
    surfaces,
    documents,
    pageUrl: (docPath) => (origin ? `${origin}/${page}${docxPrintHash(docPath)}` : undefined),
    timeoutMs: opts.timeoutMs,
  });

  return {
    documents,
    attach(at) {
      origin = at;
    },
    printDocx: printer.printDocx,
    async dispose() {
      await printer.dispose();
      const running = browser;
      browser = undefined;
      await running?.then((b) => b.close()).catch(() => {});
    },
  };
}
