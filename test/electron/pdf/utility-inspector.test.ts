// The PDF check as Electron runs it: a utility process, here the fake electron's (a real child
// process with Electron's `process.parentPort`), with its heap cap and the working-set watchdog.
// The wiring (electron/wiring/pdf-inspector.ts) passes Electron's own utilityProcess and metrics.

import { afterAll, describe, expect, it } from 'vitest';
import { PdfError } from '../../../electron/pdf/pdf-errors.ts';
import { createUtilityInspector, type UtilityHost } from '../../../electron/pdf/utility-inspector.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';
import { app, utilityProcess } from '../../fakes/electron.ts';
import { inflatingPdf, slowPdf } from './hostile-pdfs.ts';
import { whileTicking } from './ticks.ts';

const host: UtilityHost = {
  fork: (modulePath, args, options) => utilityProcess.fork(modulePath, args, options),
  memoryOf: (pid) => {
    const metric = app.getAppMetrics().find((m) => m.pid === pid);
    return metric ? metric.memory.workingSetSize * 1024 : undefined;
  },
};
const inspector = createUtilityInspector(host, { timeoutMs: 1500, memoryMb: 256 });
afterAll(() => inspector.dispose());

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('PdfInspector on a utility process', () => {
  it('reads a PDF in a process of its own, forked with a heap cap', async () => {
    const info = await inspector.inspect(await makePdf({ pages: ['Invoice 42', 'Terms'] }), { textMaxPages: 2 });
    expect(info).toMatchObject({ pages: 2, paperSize: 'letter', text: 'Invoice 42\n\nTerms' });
    const child = utilityProcess.forked.at(-1);
    expect(child?.modulePath).toMatch(/electron\/pdf\/inspector-child\.ts$/);
    expect(child?.options).toMatchObject({ execArgv: ['--max-old-space-size=256'], serviceName: 'Openfax PDF check' });
    expect(child?.pid).not.toBe(process.pid);
  });

  it('kills the child of a document that takes too long, and reads the next in a new one', async () => {
    const before = utilityProcess.forked.length;
    // The warm child from the first test reads it.
    const pid = utilityProcess.forked.at(-1)?.pid as number;
    expect(alive(pid)).toBe(true);
    const { result, elapsedMs, longestGapMs } = await whileTicking(() => inspector.inspect(slowPdf()).catch((e: unknown) => e));
    expect(result).toBeInstanceOf(PdfError);
    expect(result).toMatchObject({ code: 'too-complex', message: expect.stringMatching(/took longer than 1.5 s/) });
    expect(elapsedMs).toBeLessThan(10_000);
    expect(longestGapMs).toBeLessThan(1000);
    expect((await inspector.inspect(await makePdf())).pages).toBe(1);
    expect(utilityProcess.forked.length).toBe(before + 1);
    expect(alive(pid)).toBe(false);
  });

  it('kills the child of a document that needs more memory than its cap', async () => {
    const roomy = createUtilityInspector(host, { timeoutMs: 20_000, memoryMb: 256 });
    try {
      const error = await roomy.inspect(await inflatingPdf(1024), { textMaxPages: 1 }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'too-complex', message: expect.stringMatching(/needed more than 256 MB of memory/) });
      expect((await roomy.inspect(await makePdf())).pages).toBe(1);
    } finally {
      await roomy.dispose();
    }
  });
});
