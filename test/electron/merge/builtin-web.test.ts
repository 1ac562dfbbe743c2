// The built-in converter under the browser host, for real: headless Chromium loads the built
// renderer/docx-print.html from the web host's own server, lays out a .docx made here with the
// `docx` library, and prints it. Judged by the PDF itself: its pages, their size, and pdf.js's
// text of each page. Needs Chromium (/usr/bin/chromium or OPENFAX_CHROMIUM): skipped with the
// reason without it, failed under CI.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Document, Footer, Header, Packer, PageBreak, Paragraph, Tab, Table, TableCell, TableRow, TabStopType, TextRun } from 'docx';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createIpcRouter } from '../../../electron/app/ipc-router.ts';
import { createEventBus } from '../../../electron/core/event-bus.ts';
import { DocxPrintError } from '../../../electron/merge/convert/builtin-printer.ts';
import { extractText } from '../../../electron/pdf/extract-text.ts';
import { createWebDocxPrinter, defaultChromium, type WebDocxPrinter } from '../../../electron/web/docx-print.ts';
import { startWebHost, type WebHost } from '../../../electron/web/web-host.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const RENDERER = join(process.env.OPENFAX_OUT_DIR ?? join(ROOT, 'out'), 'renderer');
const CHROMIUM = defaultChromium();
const chromiumFound = !!CHROMIUM && existsSync(CHROMIUM);
if (!chromiumFound && process.env.CI)
  throw new Error('Chromium is missing: .ci/run installs it, and the built-in converter test needs it under CI.');
const suite = chromiumFound ? describe : describe.skip;
if (!chromiumFound) console.warn('builtin-web.test.ts skipped: no Chromium at /usr/bin/chromium and OPENFAX_CHROMIUM is not set.');

/** Word's sizes in twips. */
const LETTER = { width: 12240, height: 15840 };
const A4 = { width: 11906, height: 16838 };

async function docx(
  size: { width: number; height: number },
  children: Array<Paragraph | Table>,
  extra: { header?: string; footer?: string } = {},
) {
  const doc = new Document({
    styles: { default: { document: { run: { font: 'Times New Roman', size: 24 } } } },
    sections: [
      {
        properties: { page: { size, margin: { top: 1440, bottom: 1440, left: 1440, right: 1440, header: 720, footer: 720 } } },
        ...(extra.header ? { headers: { default: new Header({ children: [new Paragraph(extra.header)] }) } } : {}),
        ...(extra.footer ? { footers: { default: new Footer({ children: [new Paragraph(extra.footer)] }) } } : {}),
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** The letter of the brief: two pages by a page break, a right-aligned tab stop. */
function letter(name: string): Promise<Uint8Array> {
  return docx(LETTER, [
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: 9360 }],
      children: [new TextRun(`Dear ${name},`), new TextRun({ children: [new Tab(), 'Account 40917'] })],
    }),
    new Paragraph('Your results are ready for collection at the front desk.'),
    new Paragraph({ children: [new PageBreak()] }),
    new Paragraph(`Second page for ${name}: please sign and fax back.`),
  ]);
}

async function pageSizes(pdf: Uint8Array) {
  const doc = await PDFDocument.load(pdf);
  return doc.getPages().map((p) => p.getSize());
}

/** pdf.js's text of each page, one string per page. */
async function pageTexts(pdf: Uint8Array): Promise<string[]> {
  const source = await PDFDocument.load(pdf);
  const texts: string[] = [];
  for (const index of source.getPageIndices()) {
    const one = await PDFDocument.create();
    const [page] = await one.copyPages(source, [index]);
    one.addPage(page!);
    texts.push((await extractText(await one.save())).replace(/\s+/g, ' ').trim());
  }
  return texts;
}

async function problemOf(promise: Promise<unknown>) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DocxPrintError);
  return (err as DocxPrintError).problem;
}

const never = () => new AbortController().signal;

suite('the built-in converter in headless Chromium (browser host)', () => {
  let printer: WebDocxPrinter;
  let host: WebHost;

  beforeAll(async () => {
    printer = createWebDocxPrinter({ timeoutMs: 30_000 });
    // The host as `npm run web` starts it, with no handlers: the page never calls main.
    host = await startWebHost({
      router: createIpcRouter({} as never),
      events: createEventBus(),
      rendererDir: RENDERER,
      docxPrint: printer,
    });
  });
  afterAll(async () => {
    await printer?.dispose();
    await host?.close();
  });

  it('prints a two-page Letter document as two Letter pages with its own text on each', async () => {
    const pdf = await printer.printDocx(await letter('Dr. Alice Smith'), never());
    const sizes = await pageSizes(pdf);
    expect(sizes).toHaveLength(2);
    for (const size of sizes) {
      expect(Math.abs(size.width - 612)).toBeLessThanOrEqual(1);
      expect(Math.abs(size.height - 792)).toBeLessThanOrEqual(1);
    }
    const [first, second] = await pageTexts(pdf);
    expect(first).toMatch(/^Dear Dr\. Alice Smith, Account 40917 Your results are ready for collection at the front desk\.$/);
    expect(second).toBe('Second page for Dr. Alice Smith: please sign and fax back.');
    expect(printer.documents.held).toBe(0);
  });

  it('prints an A4 document on A4', async () => {
    const pdf = await printer.printDocx(await docx(A4, [new Paragraph('An A4 notice for Bob Jones.')]), never());
    const sizes = await pageSizes(pdf);
    expect(sizes).toHaveLength(1);
    expect(Math.abs(sizes[0]!.width - 595.28)).toBeLessThanOrEqual(1);
    expect(Math.abs(sizes[0]!.height - 841.89)).toBeLessThanOrEqual(1);
    expect(await pageTexts(pdf)).toEqual(['An A4 notice for Bob Jones.']);
  });

  it('continues text that runs past its page on a new page with the same header and footer', async () => {
    const paragraphs = Array.from({ length: 80 }, (_, i) => new Paragraph(`Line ${i + 1} of the patient list for Carol White.`));
    const pdf = await printer.printDocx(await docx(LETTER, paragraphs, { header: 'Riverside Clinic', footer: 'Confidential' }), never());
    const texts = await pageTexts(pdf);
    expect(texts.length).toBeGreaterThanOrEqual(2);
    for (const text of texts) {
      expect(text.startsWith('Riverside Clinic')).toBe(true);
      expect(text.endsWith('Confidential')).toBe(true);
    }
    // Every line once, in order, none cut between pages.
    const lines = texts.flatMap((t) => [...t.matchAll(/Line (\d+) of the patient list for Carol White\./g)].map((m) => Number(m[1])));
    expect(lines).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
  });

  it('splits a table longer than its page between rows', async () => {
    const rows = Array.from(
      { length: 70 },
      (_, i) =>
        new TableRow({
          children: [new TableCell({ children: [new Paragraph(`Patient ${i + 1}`)] }), new TableCell({ children: [new Paragraph('Due')] })],
        }),
    );
    const pdf = await printer.printDocx(
      await docx(LETTER, [new Paragraph('Patients of Dr. Ivan Petrov'), new Table({ rows })], {
        header: 'Riverside Clinic',
        footer: 'Confidential',
      }),
      never(),
    );
    const texts = await pageTexts(pdf);
    expect(texts.length).toBeGreaterThanOrEqual(2);
    for (const text of texts) {
      expect(text.startsWith('Riverside Clinic')).toBe(true);
      expect(text.endsWith('Confidential')).toBe(true);
    }
    const patients = texts.flatMap((t) => [...t.matchAll(/Patient (\d+) Due/g)].map((m) => Number(m[1])));
    expect(patients).toEqual(Array.from({ length: 70 }, (_, i) => i + 1));
  });

  it('refuses a file that is not a Word document with the reason, at once rather than at the deadline', async () => {
    const started = performance.now();
    const problem = await problemOf(printer.printDocx(new TextEncoder().encode('This is a text file named .docx'), never()));
    expect(problem.code).toBe('builtin-unreadable');
    expect(problem.message).toContain(
      'could not read this document (the file is not a Word document: a .docx is a ZIP archive, and this is not one)',
    );
    expect(performance.now() - started).toBeLessThan(30_000);
    // A ZIP that holds no Word document.
    const zip = new Uint8Array(await Packer.toBuffer(new Document({ sections: [] })));
    const notWord = zip.slice();
    // Rename word/document.xml inside the archive (its name appears in the local and central headers).
    const name = new TextEncoder().encode('word/document.xml');
    for (let i = 0; i + name.length <= notWord.length; i++) {
      if (name.every((b, j) => notWord[i + j] === b)) notWord[i + 5] = 'D'.charCodeAt(0);
    }
    expect(await problemOf(printer.printDocx(notWord, never()))).toMatchObject({
      code: 'builtin-unreadable',
      message: expect.stringContaining('a ZIP archive with no Word document in it'),
    });
    // The printer is fine afterwards.
    expect(await pageSizes(await printer.printDocx(await letter('Dan Brown'), never()))).toHaveLength(2);
  });

  it('stops a page that never answers at the deadline', async () => {
    // A page that is not the print page loads and never signals.
    const silent = createWebDocxPrinter({ timeoutMs: 1500, page: 'no-such-page.html' });
    const other = await startWebHost({
      router: createIpcRouter({} as never),
      events: createEventBus(),
      rendererDir: RENDERER,
      docxPrint: silent,
    });
    try {
      const problem = await problemOf(silent.printDocx(await letter('Eve Adams'), never()));
      expect(problem.code).toBe('builtin-timeout');
      expect(silent.documents.held).toBe(0);
    } finally {
      await silent.dispose();
      await other.close();
    }
  });

  it('aborts a print in progress, and the next prints', async () => {
    const controller = new AbortController();
    const printing = printer.printDocx(await letter('Frank Moore'), controller.signal);
    // The page has fetched its document: the print is under way.
    await vi.waitFor(() => expect(printer.documents.held).toBe(0), { timeout: 20_000 });
    controller.abort();
    await expect(printing).rejects.toMatchObject({ name: 'AbortError' });
    expect(await pageSizes(await printer.printDocx(await letter('Grace Lee'), never()))).toHaveLength(2);
  });

  it('serves a document once, to its own page, and 404s after', async () => {
    const bytes = await letter('Hana Kim');
    const offered = printer.documents.offer(bytes);
    const url = `${host.origin}${offered.path}`;
    // Another site's request is refused and does not use the document up.
    expect((await fetch(url, { headers: { 'Sec-Fetch-Site': 'cross-site' } })).status).toBe(404);
    expect((await fetch(url, { method: 'HEAD' })).status).toBe(404);
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(new Uint8Array(await first.arrayBuffer())).toEqual(bytes);
    expect((await fetch(url)).status).toBe(404);
    // A made-up name of the same shape is a 404 too.
    expect((await fetch(`${host.origin}/merge-docx/${'0'.repeat(32)}`)).status).toBe(404);
  });

  it('serves the print page with its own policy, loading none of the app', async () => {
    const page = await fetch(`${host.origin}/docx-print.html`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("font-src 'self' data: blob:");
    expect(csp).not.toContain('unsafe-inline');
    expect((await fetch(`${host.origin}/index.html`)).headers.get('content-security-policy')).toContain("'wasm-unsafe-eval'");
    // The page loads docx-preview's bundle, never the app's.
    const html = await page.text();
    expect(html).toMatch(/assets\/docx-print-[\w-]+\.js/);
    expect(html).not.toMatch(/assets\/index-[\w-]+\.js/);
  });
});
