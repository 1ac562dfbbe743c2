// Preview benchmark, in Chromium against the browser host (the real app: services, handlers,
// the built renderer). A 300-page PDF is dropped on the window; we time from the drop event
// to the large page's canvas having ink (pixels read back, not an element present), then
// scroll the thumbnail strip from top to bottom a screen at a time, letting the visible
// thumbnails draw, and sample the renderer's JS heap (CDP Runtime.getHeapUsage) throughout.
// Targets: first page < 300 ms (median of the runs); heap < 300 MB during the scroll.
// Exits non-zero when one is missed.
//
//   npx electron-vite build && npx node bench/preview.ts      (BENCH_PAGES=N, BENCH_RUNS=N)

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/chromium.ts';
import { createHandlers } from '../electron/app/handlers/index.ts';
import { createHeadlessHost } from '../electron/core/host.ts';
import { createIpcRouter } from '../electron/app/ipc-router.ts';
import { createAppServices } from '../electron/app/services.ts';
import { createMemorySecretStore } from '../electron/secrets/secret-store.ts';
import { startWebHost } from '../electron/web/web-host.ts';

const FIRST_PAGE_TARGET_MS = 300;
const HEAP_TARGET_MB = 300;
const PAGES = Number(process.env.BENCH_PAGES ?? 300);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ROOT = resolve(import.meta.dirname, '..');

/** A text-heavy report: a heading, a table of ruled lines and body text on every page. */
export async function makeReportPdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pages; n++) {
    const page = doc.addPage([612, 792]);
    page.drawText(`Annual statement, page ${n} of ${pages}`, { x: 54, y: 730, size: 20, font: bold });
    for (let r = 0; r < 10; r++) {
      const y = 680 - r * 22;
      page.drawLine({ start: { x: 54, y }, end: { x: 558, y }, thickness: 0.75, color: rgb(0, 0, 0) });
      page.drawText(`Item ${n}.${r + 1}`, { x: 60, y: y - 15, size: 11, font: regular });
      page.drawText(`${(n * 37 + r * 11) % 1000}.00`, { x: 480, y: y - 15, size: 11, font: regular });
    }
    for (let l = 0; l < 18; l++) {
      page.drawText('Figures are in US dollars and rounded to the nearest cent; see the notes that follow.', {
        x: 54,
        y: 430 - l * 18,
        size: 10.5,
        font: regular,
      });
    }
  }
  return doc.save();
}

interface RunResult {
  firstPageMs: number;
  peakHeapMb: number;
  endHeapMb: number;
  maxCanvases: number;
  scrollSteps: number;
  thumbsDrawn: number;
}

async function heapMb(page: Page, cdp: Awaited<ReturnType<ReturnType<Page['context']>['newCDPSession']>>): Promise<number> {
  void page;
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
  return usedSize / (1024 * 1024);
}

async function oneRun(browser: Awaited<ReturnType<typeof chromium.launch>>, pdf: Uint8Array): Promise<RunResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'openfax-bench-preview-'));
  const services = await createAppServices({
    dataDir,
    host: createHeadlessHost('web'),
    hotFolder: { enabled: false },
    version: 'bench',
    secrets: createMemorySecretStore(),
    sandbox: { speed: 1000, inMemory: true },
  });
  const host = await startWebHost({
    router: createIpcRouter(createHandlers(services)),
    events: services.events,
    rendererDir: join(ROOT, 'out', 'renderer'),
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(host.url);
    await page.getByTestId('drop-target').waitFor();
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    // A person looks at the window for a moment before dropping: the app's idle-time warm-up
    // (the pdf.js worker) has run by then, as it would have.
    await page.waitForTimeout(1000);

    // The file is built in the page before the clock starts: only the app's work is timed.
    await page.evaluate((b64) => {
      const bin = atob(b64);
      const data = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) data[i] = bin.charCodeAt(i);
      (window as unknown as { benchFile: File }).benchFile = new File([data], 'statement.pdf', { type: 'application/pdf' });
    }, Buffer.from(pdf).toString('base64'));

    const firstPageMs = await page.evaluate(
      () =>
        new Promise<number>((resolveMs, reject) => {
          const file = (window as unknown as { benchFile: File }).benchFile;
          const dt = new DataTransfer();
          dt.items.add(file);
          const target = document.querySelector('main') ?? document.body;
          const t0 = performance.now();
          for (const type of ['dragenter', 'dragover', 'drop']) {
            target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
          }
          const probe = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
          const hasInk = () => {
            const c = document.querySelector<HTMLCanvasElement>('[data-testid=page-view-canvas]');
            if (!c || c.width === 0 || !probe) return false;
            // Sampled at 1/4 size: reading a few thousand pixels is enough to see ink.
            probe.canvas.width = Math.max(1, c.width >> 2);
            probe.canvas.height = Math.max(1, c.height >> 2);
            probe.drawImage(c, 0, 0, probe.canvas.width, probe.canvas.height);
            const d = probe.getImageData(0, 0, probe.canvas.width, probe.canvas.height).data;
            for (let i = 0; i < d.length; i += 4) if ((d[i] as number) < 128 && (d[i + 3] as number) > 0) return true;
            return false;
          };
          const tick = () => {
            if (hasInk()) resolveMs(performance.now() - t0);
            else if (performance.now() - t0 > 20_000) reject(new Error('the first page never showed ink'));
            else requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        }),
    );

    // Wait until main has the document (the strip then lists all pages).
    await page.getByTestId('document-row').filter({ hasText: 'statement.pdf' }).waitFor({ timeout: 60_000 });
    await page
      .getByTestId('page-count')
      .filter({ hasText: `of ${PAGES}` })
      .waitFor();

    let peak = await heapMb(page, cdp);
    let maxCanvases = 0;
    let steps = 0;
    let thumbsDrawn = 0;
    for (;;) {
      const state = await page.evaluate(() => {
        const strip = document.querySelector<HTMLElement>('[data-testid=thumbnail-strip]');
        if (!strip) return { done: true, canvases: 0 };
        strip.scrollTop += strip.clientHeight;
        return {
          done: strip.scrollTop + strip.clientHeight >= strip.scrollHeight - 1,
          canvases: document.querySelectorAll('canvas').length,
        };
      });
      steps += 1;
      // Let the thumbnails now in view draw before moving on (as a person scrolling would see them).
      thumbsDrawn = await page.evaluate(
        () =>
          new Promise<number>((done) => {
            const seen = ((window as unknown as { benchSeen?: Set<string> }).benchSeen ??= new Set<string>());
            const start = performance.now();
            const check = () => {
              const busy = document.querySelectorAll('[data-testid=thumbnail-strip] .page-canvas[data-status=loading]').length;
              if (busy === 0 || performance.now() - start > 2000) {
                for (const el of document.querySelectorAll('[data-testid=thumbnail-strip] [role=option]')) {
                  if (el.querySelector('.page-canvas[data-status=done]')) seen.add(el.id);
                }
                done(seen.size);
              } else requestAnimationFrame(check);
            };
            requestAnimationFrame(check);
          }),
      );
      maxCanvases = Math.max(maxCanvases, state.canvases);
      peak = Math.max(peak, await heapMb(page, cdp));
      if (state.done) break;
    }
    const end = await heapMb(page, cdp);
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return { firstPageMs, peakHeapMb: peak, endHeapMb: end, maxCanvases, scrollSteps: steps, thumbsDrawn };
  } finally {
    await context.close();
    await host.close();
    await services.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
    console.error('The renderer is not built: run `npx electron-vite build` first.');
    return 2;
  }
  process.env.OPENFAX_QUIET = '1';
  const pdf = await makeReportPdf(PAGES);
  console.log(
    `preview benchmark: ${PAGES}-page PDF, ${(pdf.byteLength / 1024).toFixed(0)} KB, ${RUNS} runs, Chromium ${CHROMIUM_PATH ?? '(Playwright)'}`,
  );
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const results: RunResult[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const r = await oneRun(browser, pdf);
      results.push(r);
      console.log(
        `  run ${i + 1}: first page ${r.firstPageMs.toFixed(0)} ms; strip scrolled in ${r.scrollSteps} screens, ` +
          `${r.thumbsDrawn} of ${PAGES} thumbnails drawn, never more than ${r.maxCanvases} canvases in the page; ` +
          `JS heap peak ${r.peakHeapMb.toFixed(1)} MB, after ${r.endHeapMb.toFixed(1)} MB`,
      );
    }
  } finally {
    await browser.close();
  }
  const firstPages = results.map((r) => r.firstPageMs).sort((a, b) => a - b);
  const median = firstPages[Math.floor(firstPages.length / 2)] as number;
  const worst = firstPages[firstPages.length - 1] as number;
  const peak = Math.max(...results.map((r) => r.peakHeapMb));
  // The median of the runs is judged: one run can lose a few hundred ms to another process on a small machine.
  const okFirst = median < FIRST_PAGE_TARGET_MS;
  const okHeap = peak < HEAP_TARGET_MB;
  console.log(
    `first page visible: median ${median.toFixed(0)} ms, worst ${worst.toFixed(0)} ms (target < ${FIRST_PAGE_TARGET_MS} ms) ${okFirst ? 'OK' : 'MISSED'}`,
  );
  console.log(`renderer JS heap while scrolling: peak ${peak.toFixed(1)} MB (target < ${HEAP_TARGET_MB} MB) ${okHeap ? 'OK' : 'MISSED'}`);
  return okFirst && okHeap ? 0 : 1;
}

if (import.meta.main) process.exitCode = await main();
