// pdf.js in the renderer. The legacy build: Electron 45's Chromium may lack built-ins the
// default build relies on (see stack-facts.md), and one build for Electron and the browser
// means the tests exercise what ships. The worker is a bundled file served from 'self'
// (Vite's ?url), which the strict CSP allows; eval is off.

import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy, PDFWorker } from 'pdfjs-dist/legacy/build/pdf.mjs';
import workerUrl from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

export type { PDFDocumentProxy, PDFPageProxy, RenderTask } from 'pdfjs-dist/legacy/build/pdf.mjs';

let worker: PDFWorker | undefined;

/**
 * Starts the pdf.js worker now and draws a one-line PDF off screen: loading the worker, the
 * parser's first run and the first text drawn cost a few hundred ms that would otherwise
 * fall on the first PDF the user drops. One worker serves every document.
 */
export function warmUpPdfJs(): void {
  if (worker) return;
  worker = new PDFWorker({ verbosity: 0 });
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void) => void }).requestIdleCallback ?? ((cb) => setTimeout(cb, 50));
  idle(() => {
    void (async () => {
      const doc = await openPdfBytes(tinyPdf());
      try {
        const page = await doc.getPage(1);
        const canvas = document.createElement('canvas');
        const viewport = page.getViewport({ scale: 0.1 });
        canvas.width = Math.ceil(viewport.width);
        canvas.height = Math.ceil(viewport.height);
        await page.render({ canvas, viewport }).promise;
        page.cleanup();
        canvas.width = 0;
      } finally {
        await doc.destroy();
      }
    })().catch(() => undefined);
  });
}

/** A valid one-page PDF with a line of Helvetica, built with its cross-reference table. */
function tinyPdf(): Uint8Array {
  const content = 'BT /F1 24 Tf 72 700 Td (Openfax) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let text = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = text.length;
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) text += `${String(at).padStart(10, '0')} 00000 n \n`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(text);
}

/** Opens a PDF from bytes; pdf.js gets its own copy (it may transfer the buffer to the worker). */
export function openPdfBytes(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  warmUpPdfJs();
  return getDocument({
    data: bytes.slice(),
    worker,
    isEvalSupported: false,
    enableXfa: false,
    // Fonts the PDF names without embedding are drawn from pdf.js's standard fonts, served
    // beside the page (electron.vite.config.ts), as main's fax rendering draws them; never
    // from the system, whose look-alikes differ from machine to machine.
    useSystemFonts: false,
    standardFontDataUrl: new URL('pdfjs/standard_fonts/', document.baseURI).href,
    verbosity: 0,
  }).promise;
}
