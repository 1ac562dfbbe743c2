// Page count of an accepted PDF, read by pdf.js in a worker thread with a time and memory cap
// (pdf/pdf-inspector.ts), never on main's event loop: the sandbox answers on a loopback port with
// a demo key anyone on the machine can read, and a 600 KB PDF of 8,000 pages in one flat list
// held main's event loop for 12 s when pdf.js counted them here. A document the check gives up
// on counts as one the vendor's renderer cannot open.

import { open } from 'node:fs/promises';
import type { PdfInspector } from '../pdf/pdf-inspector.ts';
import { createThreadInspector, defaultPdfInspector } from '../pdf/thread-inspector.ts';

// A fax service's converter gives up on a document within seconds.
const COUNT_TIMEOUT_MS = 5000;
let inspector: PdfInspector | undefined;

/** The sandbox's page counter, with the converter's short cap: it answers while the submission waits. */
function sandboxPdfCheck(): PdfInspector {
  inspector ??= createThreadInspector({ timeoutMs: COUNT_TIMEOUT_MS, memoryMb: 512 });
  return inspector;
}

/**
 * Where the sandbox draws fax images (fax-images.ts) when the app gives no PDF check of its own:
 * this process's PDF check, with a drawing's own budget (30 s and 1 GB for every few pages),
 * not the counter's 5 s, and its own turn, so a long drawing never delays a submission's count.
 */
export function sandboxFaxDrawing(): PdfInspector {
  return defaultPdfInspector();
}

/**
 * Starts the workers (each loads pdf.js, and the drawing one the canvas: a few hundred ms); call
 * early to have them ready. `draws`: the sandbox draws with its own check (the app gave none),
 * so that one is warmed too; an app's check is the app's to warm.
 */
export function loadPdfJs({ draws = false }: { draws?: boolean } = {}): Promise<void> {
  const counted = sandboxPdfCheck().inspect(tinyPdf());
  const drawn = draws ? sandboxFaxDrawing().renderFax(tinyPdf(), { paper: 'letter', resolution: 'standard', pages: [1] }) : undefined;
  return Promise.allSettled([counted, drawn]).then(() => undefined);
}

/** A valid one-page PDF, built with correct xref offsets. */
function tinyPdf(): Uint8Array {
  const objects = [
    '<</Type/Catalog/Pages 2 0 R>>',
    '<</Type/Pages/Kids[3 0 R]/Count 1>>',
    '<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>',
  ];
  let text = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(text.length);
    text += `${i + 1} 0 obj${body}endobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) text += `${String(o).padStart(10, '0')} 00000 n \n`;
  text += `trailer<</Size ${objects.length + 1}/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(text);
}

/**
 * Number of pages, or undefined when the document cannot be opened, one of its pages cannot be
 * loaded, or counting them takes over 5 s: the vendor's renderer would fail on it too
 * (CurrentState 10, LastStatus 8).
 */
export async function countPdfPages(path: string, size: number): Promise<number | undefined> {
  // Without a cross-reference at its end, pdf.js rebuilds one by parsing the whole file, which
  // for 50 MB of damage takes tens of seconds; a fax service's converter gives up on such files.
  const tailSize = Math.min(size, 64 * 1024);
  const tail = Buffer.alloc(tailSize);
  const file = await open(path, 'r');
  try {
    await file.read(tail, 0, tailSize, size - tailSize);
  } finally {
    await file.close();
  }
  if (!tail.includes('startxref')) return undefined;
  try {
    return (await sandboxPdfCheck().inspect(path)).pages;
  } catch {
    return undefined;
  }
}
