// The built-in converter's printer, whatever renders its page: one page at a time, a deadline
// per document, abort and dispose close the page, and the one-time document is gone after each
// print. The page here is a stand-in whose answers the test gives; builtin-web.test.ts and
// builtin-electron.test.ts run the real page and the real window wiring.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { DOCX_PRINT_READY, docxPrintErrorTitle } from '../../../shared/docx-print.ts';
import { createOneTimeDocuments } from '../../../electron/merge/convert/builtin-documents.ts';
import { createDocxPrinter, DocxPrintError, type PrintTab } from '../../../electron/merge/convert/builtin-printer.ts';

const PDF = new TextEncoder().encode('%PDF-1.7\n% stand-in\n%%EOF\n');
const DOCX = new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]);

/** A page the test drives: it reads its document when opened, then answers as told. */
class StandInTab implements PrintTab {
  readonly url: string;
  closed = false;
  /** The bytes the page fetched through its one-time path (undefined: none were there). */
  fetched: Uint8Array | undefined;
  private readonly answer = Promise.withResolvers<string>();
  printAnswer: () => Promise<Uint8Array> = async () => PDF;
  constructor(url: string, documents: ReturnType<typeof createOneTimeDocuments>) {
    this.url = url;
    this.fetched = documents.take(new URL(url).hash.slice(1));
  }
  say(title: string) {
    this.answer.resolve(title);
  }
  fail(err: Error) {
    this.answer.reject(err);
  }
  signalled() {
    return this.answer.promise;
  }
  print() {
    return this.printAnswer();
  }
  async close() {
    this.closed = true;
  }
}

function setup(timeoutMs?: number) {
  const documents = createOneTimeDocuments();
  const tabs: StandInTab[] = [];
  const opened = vi.fn();
  const waiting: Array<{ n: number; resolve: (t: StandInTab) => void }> = [];
  const printer = createDocxPrinter({
    documents,
    timeoutMs,
    pageUrl: (path) => `http://127.0.0.1:1/docx-print.html#${path}`,
    surfaces: {
      async open(url) {
        opened(url);
        const tab = new StandInTab(url, documents);
        tabs.push(tab);
        for (const w of waiting.filter((w) => w.n === tabs.length - 1)) w.resolve(tab);
        return tab;
      },
    },
  });
  /** The n-th page, once it is open (a signal, not a poll: the deadline test moves the clock itself). */
  const tab = (n: number) => (tabs[n] ? Promise.resolve(tabs[n]) : new Promise<StandInTab>((resolve) => waiting.push({ n, resolve })));
  return { documents, tabs, tab, printer, opened };
}

async function problemOf(promise: Promise<unknown>) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DocxPrintError);
  return (err as DocxPrintError).problem;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the built-in converter printer', () => {
  it('prints a document: the page reads it once by its one-time path, and nothing is kept after', async () => {
    const { documents, tab, printer } = setup();
    const printing = printer.printDocx(DOCX, new AbortController().signal);
    const page = await tab(0);
    expect(page.url).toMatch(/^http:\/\/127\.0\.0\.1:1\/docx-print\.html#\/merge-docx\/[0-9a-f]{32}$/);
    expect(page.fetched).toEqual(DOCX);
    page.say(DOCX_PRINT_READY);
    expect(await printing).toEqual(PDF);
    expect(page.closed).toBe(true);
    expect(documents.held).toBe(0);
    // The path the page used answers nothing any more.
    expect(documents.take(new URL(page.url).hash.slice(1))).toBeUndefined();
  });

  it("names the page's reason when it cannot lay the document out", async () => {
    const { tab, printer } = setup();
    const printing = printer.printDocx(DOCX, new AbortController().signal);
    (await tab(0)).say(docxPrintErrorTitle("Can't find end of central directory : is this a zip file ?"));
    const problem = await problemOf(printing);
    expect(problem.code).toBe('builtin-unreadable');
    expect(problem.message).toContain("Can't find end of central directory");
    expect(problem.action).toMatch(/save it again as \.docx/);
    expect((await tab(0)).closed).toBe(true);
  });

  it('refuses what is not a PDF, and a page that died', async () => {
    const { tab, printer } = setup();
    const notPdf = printer.printDocx(DOCX, new AbortController().signal);
    const first = await tab(0);
    first.printAnswer = async () => new TextEncoder().encode('<html>not a pdf</html>');
    first.say(DOCX_PRINT_READY);
    expect((await problemOf(notPdf)).code).toBe('builtin-failed');
    const died = printer.printDocx(DOCX, new AbortController().signal);
    (await tab(1)).fail(new Error("the page's renderer ended (crashed)"));
    const problem = await problemOf(died);
    expect(problem).toMatchObject({ code: 'builtin-failed' });
    expect(problem.message).toContain('crashed');
    expect((await tab(1)).closed).toBe(true);
  });

  it('stops a page that never answers at its deadline, closes it, and prints the next', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { tab, printer, documents } = setup(30_000);
    // Its outcome is taken at once: it settles while the clock is moved on.
    const hanging = problemOf(printer.printDocx(DOCX, new AbortController().signal));
    const next = printer.printDocx(DOCX, new AbortController().signal);
    const stuck = await tab(0);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(stuck.closed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const problem = await hanging;
    expect(problem.code).toBe('builtin-timeout');
    expect(problem.message).toContain('30 s');
    expect(stuck.closed).toBe(true);
    (await tab(1)).say(DOCX_PRINT_READY);
    expect(await next).toEqual(PDF);
    expect(documents.held).toBe(0);
  });

  it('runs one page at a time, in order', async () => {
    const { tabs, tab, printer, opened } = setup();
    const a = printer.printDocx(DOCX, new AbortController().signal);
    const b = printer.printDocx(DOCX, new AbortController().signal);
    const first = await tab(0);
    // The second waits for the first's page to close.
    await Promise.resolve();
    expect(tabs).toHaveLength(1);
    first.say(DOCX_PRINT_READY);
    await a;
    (await tab(1)).say(DOCX_PRINT_READY);
    await b;
    expect(opened).toHaveBeenCalledTimes(2);
    expect(tabs.every((t) => t.closed)).toBe(true);
  });

  it('aborts: the page in progress is closed; a print still waiting its turn never opens one', async () => {
    const { tabs, tab, printer, documents } = setup();
    const first = new AbortController();
    const waiting = new AbortController();
    const a = printer.printDocx(DOCX, first.signal);
    const b = printer.printDocx(DOCX, waiting.signal);
    const page = await tab(0);
    waiting.abort();
    await expect(b).rejects.toMatchObject({ name: 'AbortError' });
    first.abort();
    await expect(a).rejects.toMatchObject({ name: 'AbortError' });
    expect(page.closed).toBe(true);
    // A third print runs normally; the aborted second never got a page.
    const c = printer.printDocx(DOCX, new AbortController().signal);
    (await tab(1)).say(DOCX_PRINT_READY);
    expect(await c).toEqual(PDF);
    expect(tabs).toHaveLength(2);
    expect(documents.held).toBe(0);
    // Aborted before it starts: refused at once.
    await expect(printer.printDocx(DOCX, AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('closes a page that opens only after its print was given up', async () => {
    const documents = createOneTimeDocuments();
    const opening = Promise.withResolvers<PrintTab>();
    const printer = createDocxPrinter({ documents, pageUrl: (p) => `http://x/#${p}`, surfaces: { open: () => opening.promise } });
    const controller = new AbortController();
    const printing = printer.printDocx(DOCX, controller.signal);
    await vi.waitFor(() => expect(documents.held).toBe(1));
    controller.abort();
    await expect(printing).rejects.toMatchObject({ name: 'AbortError' });
    const late = { signalled: vi.fn(), print: vi.fn(), close: vi.fn(async () => {}) };
    opening.resolve(late);
    await vi.waitFor(() => expect(late.close).toHaveBeenCalledTimes(1));
    expect(late.signalled).not.toHaveBeenCalled();
  });

  it('dispose stops the print in progress and refuses new ones', async () => {
    const { tab, printer } = setup();
    const printing = printer.printDocx(DOCX, new AbortController().signal);
    const page = await tab(0);
    await printer.dispose();
    expect((await problemOf(printing)).code).toBe('builtin-unavailable');
    expect(page.closed).toBe(true);
    expect((await problemOf(printer.printDocx(DOCX, new AbortController().signal))).code).toBe('builtin-unavailable');
  });

  it('says so when the host serves no page yet', async () => {
    const documents = createOneTimeDocuments();
    const open = vi.fn();
    const printer = createDocxPrinter({ documents, pageUrl: () => undefined, surfaces: { open } });
    expect((await problemOf(printer.printDocx(DOCX, new AbortController().signal))).code).toBe('builtin-unavailable');
    expect(open).not.toHaveBeenCalled();
    expect(documents.held).toBe(0);
  });
});

describe('one-time documents', () => {
  it('answers each path once, only paths it made, and forgets what is withdrawn', () => {
    const documents = createOneTimeDocuments();
    const a = documents.offer(DOCX);
    const b = documents.offer(DOCX);
    expect(a.path).toMatch(/^\/merge-docx\/[0-9a-f]{32}$/);
    expect(a.path).not.toBe(b.path);
    expect(documents.take(a.path)).toEqual(DOCX);
    expect(documents.take(a.path)).toBeUndefined();
    b.withdraw();
    expect(documents.take(b.path)).toBeUndefined();
    for (const probe of ['/merge-docx/', '/merge-docx/../index.html', `${a.path}x`, a.path.toUpperCase(), '/index.html']) {
      expect(documents.take(probe), probe).toBeUndefined();
    }
    expect(documents.held).toBe(0);
  });
});
