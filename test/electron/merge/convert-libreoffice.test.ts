// The LibreOffice converter against the real soffice: real .docx files (the `docx` library)
// converted in one start, each PDF's text read back with pdf.js, results streamed while soffice
// runs, the private profile reused and removed, and a person's own LibreOffice left alone.
// Needs soffice (.ci/run installs it): skipped with the reason without it, failed under CI.

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcessEvent } from '../../../electron/merge/convert/batch-runner.ts';
import { createConverter, findConverters, pageMismatch } from '../../../electron/merge/convert/index.ts';
import { nodeProcessRunner, type ProcessRunner } from '../../../electron/merge/convert/process-runner.ts';
import type { ConvertItem } from '../../../electron/merge/types.ts';
import { extractText } from '../../../electron/pdf/extract-text.ts';
import { collect, docx, isAlive, sofficeMissing, tempDir } from './convert-fixtures.ts';

const missing = sofficeMissing();
const suite = missing ? describe.skip : describe;
if (missing) console.warn(`Skipping the real LibreOffice converter tests: ${missing}`);
const REAL = 120_000;

const name = (n: number) => `Doctor Alpha-${n}`;
const account = (n: number) => `ACC-${1000 + n}`;

suite('LibreOffice converter (real soffice)', () => {
  let dir: string;
  // Quotes, an accent, a space, # and %: the profile's file URL must escape them.
  let work: string;

  beforeAll(async () => {
    dir = await tempDir('convert-lo');
    work = join(dir, 'work dir ’é #%');
    await mkdir(work);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function documents(prefix: string, count: number, pages: 1 | 2 = 1): Promise<ConvertItem[]> {
    const list: ConvertItem[] = [];
    for (let n = 1; n <= count; n++) {
      const docxPath = join(dir, `${prefix}-${String(n).padStart(5, '0')}.docx`);
      const body = [`Dear ${name(n)},`, `Your account ${account(n)} is in order.`];
      await writeFile(docxPath, await docx(body, pages === 2 ? [`Second page for ${name(n)}`] : []));
      list.push({ docxPath, pdfPath: join(dir, `${prefix}-${n}.pdf`) });
    }
    return list;
  }

  async function pages(path: string): Promise<number> {
    return (await PDFDocument.load(await readFile(path))).getPageCount();
  }

  it(
    'converts a batch of 10 in one start, each PDF its own, the first streamed before soffice exits',
    async () => {
      const events: (ProcessEvent | { kind: 'result'; index: number })[] = [];
      const c = createConverter('libreoffice', { workDir: work, onProcess: (e) => events.push(e) });
      const list = await documents('batch', 10);
      for await (const r of c.convert(list, new AbortController().signal)) {
        expect(r).toEqual({ index: r.index, ok: true });
        events.push({ kind: 'result', index: r.index });
      }
      expect(events.filter((e) => e.kind === 'start')).toHaveLength(1);
      expect(events.filter((e) => e.kind === 'result').map((e) => (e as { index: number }).index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      // Streaming: at least the first result came before soffice exited.
      expect(events[1]).toEqual({ kind: 'result', index: 0 });
      expect(events.findIndex((e) => e.kind === 'exit')).toBeGreaterThan(1);
      for (const [i, item] of list.entries()) {
        const text = await extractText(item.pdfPath);
        expect(text).toContain(name(i + 1));
        expect(text).toContain(account(i + 1));
        for (let other = 1; other <= 10; other++) if (other !== i + 1) expect(text).not.toContain(account(other));
        expect(await pages(item.pdfPath)).toBe(1);
      }
      expect(c.info).toMatchObject({ id: 'libreoffice', available: true, fidelity: 'close' });
      expect(c.info.label).toMatch(/^LibreOffice \d+\.\d+$/);

      // Its private profile was made in its own folder, and the next batch uses it again.
      const own = (await readdir(work)).filter((n) => n.startsWith('libreoffice-'));
      expect(own).toHaveLength(1);
      const profile = join(work, own[0]!, 'profile');
      expect(existsSync(join(profile, 'user'))).toBe(true);
      const second = await documents('again', 2, 2);
      const results = await collect(c.convert(second, new AbortController().signal));
      expect(results.every((r) => r.ok)).toBe(true);
      expect(await pages(second[0]!.pdfPath)).toBe(2);
      expect(pageMismatch(1, await pages(second[0]!.pdfPath))).toEqual({ template: 1, pdf: 2 });
      expect(await extractText(second[1]!.pdfPath)).toContain(`Second page for ${name(2)}`);
      expect((await readdir(work)).filter((n) => n.startsWith('libreoffice-'))).toEqual(own);

      await c.dispose();
      expect(existsSync(profile)).toBe(false);
      expect(await readdir(work)).toEqual([]);
    },
    REAL,
  );

  it(
    'converts while the person has LibreOffice open on their own profile, and leaves theirs alone',
    async () => {
      // The person's LibreOffice: the default profile of a HOME of its own, which our converter shares.
      const home = join(dir, 'home');
      await mkdir(home);
      const theirPid = join(dir, 'theirs.pid');
      let theirOutput = '';
      const theirs: ChildProcess = spawn('soffice', ['--headless', '--norestore', `--pidfile=${theirPid}`], {
        env: { ...process.env, HOME: home },
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      theirs.stdout?.on('data', (d: Buffer) => (theirOutput += d.toString()));
      theirs.stderr?.on('data', (d: Buffer) => (theirOutput += d.toString()));
      const registry = join(home, '.config', 'libreoffice', '4', 'user', 'registrymodifications.xcu');
      try {
        await expect.poll(() => existsSync(theirPid) && existsSync(registry), { timeout: 60_000, interval: 100 }).toBe(true);
        const theirSofficeBin = Number((await readFile(theirPid, 'utf8')).trim());
        expect(isAlive(theirSofficeBin)).toBe(true);

        const base = nodeProcessRunner();
        const sameHome: ProcessRunner = {
          killPid: base.killPid,
          start: (request, onLine) => base.start({ ...request, env: { ...request.env, HOME: home } }, onLine),
        };
        const c = createConverter('libreoffice', { workDir: work, runner: sameHome });
        const list = await documents('beside', 2);
        const results = await collect(c.convert(list, new AbortController().signal));
        expect(results.every((r) => r.ok)).toBe(true);
        expect(await extractText(list[1]!.pdfPath)).toContain(account(2));
        await c.dispose();
        // Theirs did not get our documents, and still runs.
        expect(theirOutput).not.toContain('convert ');
        expect(isAlive(theirSofficeBin)).toBe(true);

        // The control: a soffice without a private profile hands its documents to theirs.
        const out = join(dir, 'control');
        await mkdir(out);
        await promisify(execFile)('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', out, list[0]!.docxPath], {
          env: { ...process.env, HOME: home },
          timeout: 60_000,
        });
        await expect.poll(() => theirOutput, { timeout: 30_000 }).toContain('convert ');
      } finally {
        if (theirs.pid) {
          try {
            process.kill(-theirs.pid, 'SIGKILL');
          } catch {}
        }
        const bin = Number((await readFile(theirPid, 'utf8').catch(() => '')).trim());
        if (bin && isAlive(bin)) process.kill(bin, 'SIGKILL');
      }
    },
    REAL,
  );

  it('is found on the PATH and preferred over the built-in converter', async () => {
    const infos = await findConverters({ platform: process.platform, refresh: true });
    expect(infos.map((i) => i.id)).toEqual(['word', 'libreoffice', 'builtin']);
    const lo = infos[1]!;
    expect(lo.available).toBe(true);
    expect(lo.detail).toMatch(/^Found at \//);
  });
});
