// The PDF check as built: electron-vite emits its child as a file of its own, the built main
// forks it as a utility process (the fake electron's, a real child process), reads documents
// there, and survives the child being killed in the middle of one.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const OUT = resolve(process.env.OPENFAX_OUT_DIR ?? join(ROOT, 'out'));
let report: any;
let fakeRoot: string;

// out/ is rebuilt by the global setup (test/global-setup.ts) whenever a source is newer.
beforeAll(() => {
  fakeRoot = mkdtempSync(join(tmpdir(), 'openfax-pdf-check-'));
  const out = execFileSync(process.execPath, ['--import', './test/fakes/electron-hooks.mjs', 'test/electron/pdf/run-built-pdf-check.ts'], {
    cwd: ROOT,
    env: { ...process.env, FAKE_ELECTRON_ROOT: fakeRoot, OPENFAX_QUIET: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  report = JSON.parse(out.trim().split('\n').pop() as string);
}, 90_000);
afterAll(() => rmSync(fakeRoot, { recursive: true, force: true }));

/** A bundle file and every file of the build it imports, statically or not. */
function bundleFiles(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(OUT, 'main', file), 'utf8');
    for (const [, next] of code.matchAll(/(?:\bfrom|\bimport\(?)\s*"\.\/([^"]+\.js)"/g)) visit(next);
  };
  visit(entry);
  return [...seen];
}

describe('the built PDF check', () => {
  it('is a file of its own in the build, and the main bundle has no pdf.js reader of documents', () => {
    expect(report.childFile).toEqual({ path: join(OUT, 'main', 'pdf-inspector-child.js'), exists: true });
    // pdf.js (its PDFWorker) and its worker code (WorkerMessageHandler) are bundled into the
    // files the child loads; main's own file, and every file it loads, has neither.
    const mainCode = bundleFiles('index.js').map((f) => readFileSync(join(OUT, 'main', f), 'utf8'));
    expect(mainCode.some((code) => code.includes('PDFWorker') || code.includes('WorkerMessageHandler'))).toBe(false);
    const childCode = bundleFiles('pdf-inspector-child.js').map((f) => readFileSync(join(OUT, 'main', f), 'utf8'));
    expect(childCode.some((code) => code.includes('class PDFWorker'))).toBe(true);
    expect(childCode.some((code) => code.includes('WorkerMessageHandler'))).toBe(true);
  });

  it('forks it as a utility process with a heap cap, and reads a document there', () => {
    expect(report.forked[0]).toEqual({
      modulePath: join(OUT, 'main', 'pdf-inspector-child.js'),
      options: { execArgv: ['--max-old-space-size=1024'], serviceName: 'Openfax PDF check', stdio: 'inherit', disclaim: true },
    });
    expect(report.first).toEqual({ ok: true, added: [{ name: 'Invoice.pdf', pages: 2 }], refused: [] });
    // Read in the utility process itself (whose process.type is 'utility', as in Electron), not
    // in the worker thread main falls back to when the child cannot start.
    expect(report.movedToThread).toBe(false);
    expect(report.firstInk).toEqual([
      { black: 'number', smallTextPt: 12 },
      { black: 'number', smallTextPt: 12 },
    ]);
  });

  it('refuses the document whose child was killed, with the reason, and reads the next in a new child', () => {
    expect(report.reached).toBe(true);
    expect(report.stopped).toEqual({
      ok: true,
      added: [],
      refused: [{ name: 'Slow.pdf', code: 'damaged', message: expect.stringMatching(/the PDF check stopped while reading it/) }],
    });
    expect(report.after).toEqual({ ok: true, added: [{ name: 'After.pdf', pages: 1 }], refused: [] });
    expect(report.children).toBe(2);
  });

  it('leaves no child running once the app has quit', () => {
    expect(report.leftRunning).toBe(0);
  });
});
