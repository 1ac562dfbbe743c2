// PDF check benchmark: `npx node bench/pdf-inspect.ts`
//
// What moving pdf.js out of main costs (issue 18): one PDF inspected in this process
// (inspectPdf), through a worker thread (the browser host, the CLI) and through a child process
// standing in for Electron's utility process (the fake electron's, with process.parentPort).
// A cold start is the first document of a new child (it loads pdf.js); warm is the median of
// BENCH_RUNS more. Prints a table with the ratio to in-process; no targets, nothing to miss.

import { inspectPdf } from '../electron/pdf/inspect.ts';
import type { PdfInspector } from '../electron/pdf/pdf-inspector.ts';
import { createThreadInspector } from '../electron/pdf/thread-inspector.ts';
import { createUtilityInspector } from '../electron/pdf/utility-inspector.ts';
import { app, utilityProcess } from '../test/fakes/electron.ts';
import { makePdf } from '../test/fixtures/pdf/make-pdf.ts';

process.env.OPENFAX_QUIET ??= '1';
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const TEXT_PAGES = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

type Inspect = (bytes: Uint8Array) => Promise<unknown>;

async function measure(inspect: Inspect, docs: Uint8Array[]): Promise<{ cold: number; warm: number[] }> {
  const cold = await timed(() => inspect(docs[0] as Uint8Array));
  const warm: number[] = [];
  for (const doc of docs) {
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await timed(() => inspect(doc)));
    warm.push(median(runs));
  }
  return { cold, warm };
}

async function main(): Promise<number> {
  const sizes = [1, 20, 300];
  const docs = await Promise.all(
    sizes.map((pages) =>
      makePdf({ pages: Array.from({ length: pages }, (_, i) => `Statement page ${i + 1}\nBalance 1,234.56\n{{fax: 212 555 0100}}`) }),
    ),
  );
  const thread = createThreadInspector();
  const utility = createUtilityInspector({
    fork: (modulePath, args, options) => utilityProcess.fork(modulePath, args, options),
    memoryOf: (pid) => {
      const metric = app.getAppMetrics().find((m) => m.pid === pid);
      return metric ? metric.memory.workingSetSize * 1024 : undefined;
    },
  });
  const via =
    (i: PdfInspector): Inspect =>
    (bytes) =>
      i.inspect(bytes, { textMaxPages: TEXT_PAGES });
  try {
    const here = await measure((bytes) => inspectPdf(bytes, { textMaxPages: TEXT_PAGES }), docs);
    const inThread = await measure(via(thread), docs);
    const inChild = await measure(via(utility), docs);

    const ms = (n: number) => n.toFixed(1);
    const ratio = (n: number, base: number) => `${ms(n)} (×${(n / base).toFixed(2)})`;
    const rows: string[][] = [
      ['cold start, 1 page (ms)', ms(here.cold), ratio(inThread.cold, here.cold), ratio(inChild.cold, here.cold)],
      ...sizes.map((pages, i) => {
        const base = here.warm[i] as number;
        return [
          `warm, ${pages} page(s), median of ${RUNS} (ms)`,
          ms(base),
          ratio(inThread.warm[i] as number, base),
          ratio(inChild.warm[i] as number, base),
        ];
      }),
    ];
    const header = ['inspect (text of 5 pages)', 'in this process', 'worker thread', 'child process (utility)'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
    console.log(line(header));
    console.log(line(widths.map((w) => '-'.repeat(w))));
    for (const r of rows) console.log(line(r));
    return 0;
  } finally {
    await thread.dispose();
    await utility.dispose();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
