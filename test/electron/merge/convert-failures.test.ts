// The LibreOffice converter when soffice misbehaves: a stand-in soffice (convert-fixtures.ts)
// hangs, crashes, skips or stalls on the documents told to, and converts the others by copying
// real PDFs. Judged by the PDFs on disk (their text, read with pdf.js), the problems' words,
// the processes started, and that none is left running.

import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProcessEvent } from '../../../electron/merge/convert/batch-runner.ts';
import { createConverter, findConverters } from '../../../electron/merge/convert/index.ts';
import { extractText } from '../../../electron/pdf/extract-text.ts';
import type { ConvertItem, ConvertResult } from '../../../electron/merge/types.ts';
import { collect, type FakeMode, fakeSoffice, isAlive, pidsIn, tempDir, tinyPdf } from './convert-fixtures.ts';

const suite = process.platform === 'win32' ? describe.skip : describe;

suite('LibreOffice converter: hangs, crashes and aborts (stand-in soffice)', () => {
  let dir: string;
  let pidFile: string;
  let events: ProcessEvent[];

  beforeEach(async () => {
    dir = await tempDir('convert-fail');
    pidFile = join(dir, 'pids.txt');
    events = [];
  });
  afterEach(async () => {
    for (const pid of await pidsIn(pidFile)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  /** One document per instruction line (see fakeSoffice); `ROW` is replaced by a PDF saying "Row n". */
  async function items(specs: readonly string[]): Promise<ConvertItem[]> {
    const out: ConvertItem[] = [];
    for (const [i, spec] of specs.entries()) {
      const pdf = join(dir, `source-${i + 1}.pdf`);
      await writeFile(pdf, await tinyPdf(`Row ${i + 1} of the test`));
      const docxPath = join(dir, `row-${String(i).padStart(5, '0')}.docx`);
      await writeFile(docxPath, `${spec.replaceAll('PIDS', pidFile).replaceAll('ROW', `PDF ${pdf}`)}\n`);
      out.push({ docxPath, pdfPath: join(dir, `made-${i + 1}.pdf`), label: `row ${i + 1}` } as ConvertItem);
    }
    return out;
  }

  async function converter(mode: FakeMode = {}, timeoutMs = 1500) {
    const work = join(dir, 'work');
    await rm(work, { recursive: true, force: true });
    await mkdir(work);
    return createConverter('libreoffice', {
      workDir: work,
      soffice: await fakeSoffice(dir, mode),
      timeoutMs,
      startTimeoutMs: 1000,
      onProcess: (e) => events.push(e),
    });
  }

  async function expectOwnText(list: readonly ConvertItem[], results: readonly ConvertResult[]) {
    for (const r of results.filter((x) => x.ok)) {
      const text = await extractText(list[r.index]!.pdfPath);
      expect(text).toContain(`Row ${r.index + 1} of the test`);
      for (let other = 0; other < list.length; other++) if (other !== r.index) expect(text).not.toContain(`Row ${other + 1} of`);
    }
  }

  const starts = () => events.filter((e) => e.kind === 'start').length;

  it('kills a document that hangs at its timeout, names its row, converts the others and leaves no process', async () => {
    const list = await items(['ROW', 'ROW', 'HANG PIDS', 'ROW', 'ROW']);
    const c = await converter();
    const results = await collect(c.convert(list, new AbortController().signal));
    expect(results.map((r) => r.ok)).toEqual([true, true, false, true, true]);
    const failed = results[2]!;
    if (failed.ok) throw new Error('row 3 should have failed');
    expect(failed.problem.code).toBe('converter-timeout');
    expect(failed.problem.message).toMatch(/^LibreOffice did not finish row 3's document within \d+ s; it was stopped\.$/);
    expect(failed.problem.action).toMatch(/other rows carry on/);
    await expectOwnText(list, results);
    expect(existsSync(list[2]!.pdfPath)).toBe(false);
    // The batch, row 3 alone (hung again), then rows 4-5 in a new start.
    expect(starts()).toBe(3);
    expect(events.filter((e) => e.kind === 'exit' && e.stopped === 'timeout')).toHaveLength(2);
    // Each of the two starts that reached row 3 wrote its shell's pid and its child's.
    const pids = await pidsIn(pidFile);
    expect(pids.length).toBeGreaterThanOrEqual(2);
    for (const pid of pids) expect(isAlive(pid), `process ${pid}`).toBe(false);
    await c.dispose();
  });

  it('does not take the half-written PDF of a document that hung', async () => {
    const list = await items(['ROW', 'PARTIAL PIDS', 'ROW']);
    const c = await converter();
    const results = await collect(c.convert(list, new AbortController().signal));
    expect(results.map((r) => (r.ok ? 'ok' : r.problem.code))).toEqual(['ok', 'converter-timeout', 'ok']);
    expect(existsSync(list[1]!.pdfPath)).toBe(false);
    await expectOwnText(list, results);
    await c.dispose();
  });

  it('carries on past a crash, naming the row it crashed on', async () => {
    const list = await items(['ROW', 'CRASH', 'ROW', 'ROW']);
    const c = await converter();
    const results = await collect(c.convert(list, new AbortController().signal));
    expect(results.map((r) => r.ok)).toEqual([true, false, true, true]);
    const failed = results[1]!;
    if (failed.ok) throw new Error('row 2 should have failed');
    expect(failed.problem.code).toBe('converter-crashed');
    expect(failed.problem.message).toContain("LibreOffice stopped (signal SIGSEGV) while converting row 2's document");
    expect(starts()).toBe(3);
    await expectOwnText(list, results);
    await c.dispose();
  });

  it('fails a document soffice could not load, in the same start, with what soffice said', async () => {
    const list = await items(['ROW', 'SKIP', 'ROW']);
    const c = await converter();
    const results = await collect(c.convert(list, new AbortController().signal));
    expect(results.map((r) => (r.ok ? 'ok' : r.problem.code))).toEqual(['ok', 'converter-unreadable', 'ok']);
    const failed = results[1]!;
    if (!failed.ok) expect(failed.problem.message).toContain('source file could not be loaded');
    expect(starts()).toBe(1);
    await c.dispose();
  });

  it('keeps every whole PDF of a start that ends in an error, without converting them again', async () => {
    const list = await items(['ROW', 'SKIP', 'ROW', 'ROW']);
    const c = await converter({ exitCode: 1 });
    const results = await collect(c.convert(list, new AbortController().signal));
    // Row 2 is known skipped when row 3 begins (soffice's line), so nothing is tried again.
    expect(results.map((r) => (r.ok ? 'ok' : r.problem.code))).toEqual(['ok', 'converter-unreadable', 'ok', 'ok']);
    expect(starts()).toBe(1);
    await expectOwnText(list, results);
    await c.dispose();
  });

  it('a document whose file is gone fails alone; the others convert', async () => {
    const list = await items(['ROW', 'ROW']);
    await rm(list[0]!.docxPath);
    const c = await converter();
    const results = await collect(c.convert(list, new AbortController().signal));
    expect(results.map((r) => (r.ok ? 'ok' : r.problem.code))).toEqual(['converter-error', 'ok']);
    await c.dispose();
  });

  for (const quiet of [false, true]) {
    it(`streams results while soffice still runs (${quiet ? 'no output lines: by the output folder' : 'by its output lines'})`, async () => {
      const gate = join(dir, 'gate');
      const list = await items(['ROW', 'ROW', `WAITFOR ${gate}\nROW`]);
      const c = await converter({ quiet }, 20_000);
      const seen: number[] = [];
      const it = c.convert(list, new AbortController().signal)[Symbol.asyncIterator]();
      // With its lines, row 2 is known done when row 3 begins; without, only row 1 is (row 2's PDF exists).
      const early = quiet ? 1 : 2;
      for (let n = 0; n < early; n++) {
        const r = await it.next();
        if (r.done) throw new Error('ended early');
        expect(r.value.ok).toBe(true);
        seen.push(r.value.index);
      }
      expect(events.map((e) => e.kind)).toEqual(['start']);
      await writeFile(gate, '');
      for (let r = await it.next(); !r.done; r = await it.next()) seen.push(r.value.index);
      expect(seen).toEqual([0, 1, 2]);
      expect(events.map((e) => e.kind)).toEqual(['start', 'exit']);
      await c.dispose();
    });
  }

  it('stops at once when aborted: nothing more is said, no process is left', async () => {
    const list = await items(['ROW', 'HANG PIDS', 'ROW']);
    // A timeout longer than the test's own: only the abort can end this.
    const c = await converter({}, 120_000);
    const abort = new AbortController();
    const seen: ConvertResult[] = [];
    for await (const r of c.convert(list, abort.signal)) {
      seen.push(r);
      // Row 2 has begun (that is what settled row 1); abort once it is really hanging.
      await expect.poll(async () => (await pidsIn(pidFile)).length).toBe(2);
      abort.abort();
    }
    expect(seen).toEqual([{ index: 0, ok: true }]);
    expect(events.at(-1)).toMatchObject({ kind: 'exit', stopped: 'abort' });
    const pids = await pidsIn(pidFile);
    expect(pids).toHaveLength(2);
    for (const pid of pids) expect(isAlive(pid), `process ${pid}`).toBe(false);
    await c.dispose();
  });

  it('a soffice that fails every start stops after three, with its own words', async () => {
    const list = await items(['ROW', 'ROW', 'ROW', 'ROW']);
    const c = await converter({ broken: true });
    const results = await collect(c.convert(list, new AbortController().signal));
    expect(results.every((r) => !r.ok)).toBe(true);
    expect(starts()).toBe(3);
    const last = results[3]!;
    if (last.ok) throw new Error('unreachable');
    expect(last.problem.code).toBe('converter-failed');
    expect(last.problem.message).toContain('the fake is broken on purpose');
    expect(last.problem.message).not.toContain('javaldx');
    await c.dispose();
  });

  it('runs one batch at a time when asked for two at once', async () => {
    const first = await items(['ROW', 'ROW']);
    const second = first.map((i, n) => ({ ...i, pdfPath: join(dir, `again-${n}.pdf`) }));
    const c = await converter();
    const signal = new AbortController().signal;
    const [a, b] = await Promise.all([collect(c.convert(first, signal)), collect(c.convert(second, signal))]);
    expect([...a, ...b].every((r) => r.ok)).toBe(true);
    expect(events.map((e) => e.kind)).toEqual(['start', 'exit', 'start', 'exit']);
    await c.dispose();
  });

  it('dispose removes everything the converter made', async () => {
    const list = await items(['ROW']);
    const c = await converter();
    await collect(c.convert(list, new AbortController().signal));
    const work = join(dir, 'work');
    expect((await readdir(work)).some((n) => n.startsWith('libreoffice-'))).toBe(true);
    await c.dispose();
    expect(await readdir(work)).toEqual([]);
    const after = await collect(c.convert(list, new AbortController().signal));
    expect(after[0]).toMatchObject({ ok: false, problem: { code: 'converter-unavailable' } });
  });

  it('makes its folder when the merge has not yet', async () => {
    const workDir = join(dir, 'not', 'yet');
    const c = createConverter('libreoffice', { workDir, soffice: await fakeSoffice(dir) });
    const list = await items(['ROW']);
    expect(await collect(c.convert(list, new AbortController().signal))).toEqual([{ index: 0, ok: true }]);
    await c.dispose();
    expect(await readdir(workDir)).toEqual([]);
  });

  it('a soffice path that points nowhere: unavailable, saying where it looked', async () => {
    const nowhere = join(dir, 'nowhere', 'soffice');
    const infos = await findConverters({ platform: 'linux', soffice: nowhere, refresh: true });
    const lo = infos.find((i) => i.id === 'libreoffice')!;
    expect(lo.available).toBe(false);
    expect(lo.detail).toBe(
      `Not found at ${nowhere} (the LibreOffice path that was set): correct it, or clear it to look in the usual places`,
    );
    const c = createConverter('libreoffice', { workDir: dir, soffice: nowhere });
    const results = await collect(c.convert(await items(['ROW']), new AbortController().signal));
    expect(results[0]).toMatchObject({ ok: false, problem: { code: 'converter-unavailable' } });
    if (!results[0]!.ok) expect(results[0]!.problem.message).toContain(nowhere);
    expect(c.info.available).toBe(false);
    await c.dispose();
  });

  it('the stand-in found through the path option is described with its version', async () => {
    const fake = await fakeSoffice(dir);
    const infos = await findConverters({ platform: 'linux', soffice: fake, refresh: true });
    expect(infos.find((i) => i.id === 'libreoffice')).toEqual({
      id: 'libreoffice',
      label: 'LibreOffice 99.1',
      available: true,
      detail: `Found at ${fake}`,
      fidelity: 'close',
    });
  });
});
