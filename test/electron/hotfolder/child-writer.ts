// Writers in a process of their own, the way a printer driver or an editor writes: one handle
// kept open over all writes, at the writer's own pace. Before each write and before closing, the
// child checks that the file it holds is still the one at its path, so a test can prove the hot
// folder did not take it while it was open. And PDFs shaped the way such writers leave them.

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The child: argv = target, source of the bytes, JSON plan. Prints "opened", then one JSON line.
const CHILD = `
const fs = require('node:fs');
const [target, source, planJson] = process.argv.slice(1);
const plan = JSON.parse(planJson);
const bytes = fs.readFileSync(source);
const fd = fs.openSync(target, plan.append ? 'a' : 'w');
const still = [];
const there = () => { try { return fs.statSync(target).ino === fs.fstatSync(fd).ino; } catch { return false; } };
const pause = (ms) => new Promise((r) => setTimeout(r, ms));
(async () => {
  process.stdout.write('opened\\n');
  let at = 0;
  for (const length of plan.chunks) {
    still.push(there());
    fs.writeSync(fd, bytes, at, length);
    at += length;
    await pause(plan.pauseMs);
  }
  if (plan.holdUntilStdinEnds) await new Promise((r) => { process.stdin.on('end', r); process.stdin.resume(); });
  still.push(there());
  fs.closeSync(fd);
  process.stdout.write(JSON.stringify({ still }) + '\\n');
})();
`;

export interface ChildWriter {
  /** The child has the file open (for writing) and is about to write. */
  opened: Promise<void>;
  /** Lets a writer started with `holdUntilStdinEnds` close its file. */
  release(): void;
  /** After the child closed the file: whether the file was still at its path at every step. */
  done: Promise<{ stillThere: boolean[] }>;
}

export interface WritePlan {
  /** Pause after each chunk (the writer's own pace). */
  pauseMs: number;
  /** Keep the file open after the last chunk until `release()`. */
  holdUntilStdinEnds?: boolean;
  /** Open an existing file to add to it (its bytes and mtime stay as they are until a write). */
  append?: boolean;
}

/** Writes `chunks` to `target` from a child process, one handle open throughout. */
export async function writeFromChild(target: string, chunks: Uint8Array[], plan: WritePlan): Promise<ChildWriter> {
  const dir = await mkdtemp(join(tmpdir(), 'child-writer-'));
  const source = join(dir, 'bytes');
  await writeFile(source, Buffer.concat(chunks));
  const child = spawn(
    process.execPath,
    ['-e', CHILD, target, source, JSON.stringify({ chunks: chunks.map((c) => c.byteLength), ...plan })],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let out = '';
  let openedNow: () => void = () => {};
  const opened = new Promise<void>((ok) => {
    openedNow = ok;
  });
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => {
    out += text;
    if (out.startsWith('opened\n')) openedNow();
  });
  const done = new Promise<{ stillThere: boolean[] }>((ok, fail) => {
    child.on('error', fail);
    child.on('exit', (code) => {
      void rm(dir, { recursive: true, force: true });
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) return fail(new Error(`writer exited ${code}: ${out}`));
      ok({ stillThere: (JSON.parse(last) as { still: boolean[] }).still });
    });
  });
  if (!plan.holdUntilStdinEnds) child.stdin.end();
  return { opened, release: () => child.stdin.end(), done };
}

/** `bytes` cut into pieces ending at each of `ends` (byte offsets), then the rest. */
export function cutAt(bytes: Uint8Array, ends: number[]): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let from = 0;
  for (const end of [...ends, bytes.byteLength]) {
    if (end > from) pieces.push(bytes.subarray(from, end));
    from = end;
  }
  return pieces;
}

/**
 * An incremental update for a PDF with a classic cross-reference table, as an editor appends it
 * when a document is saved again: a new Info dictionary, its own table and a trailer with /Prev.
 */
export function incrementalUpdate(pdf: Uint8Array, producer: string): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const prev = Number(/startxref\s+(\d+)\s*%%EOF\s*$/.exec(text)?.[1]);
  const trailer = text.slice(text.lastIndexOf('trailer'));
  const size = Number(/\/Size\s+(\d+)/.exec(trailer)?.[1]);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(trailer)?.[1];
  if (!Number.isFinite(prev) || !Number.isFinite(size) || !root) throw new Error('not a PDF with a classic trailer');
  const objectAt = pdf.byteLength + 1;
  let update = `\n${size} 0 obj\n<< /Producer (${producer}) >>\nendobj\n`;
  const xrefAt = pdf.byteLength + update.length;
  update += `xref\n0 1\n0000000000 65535 f \n${size} 1\n${String(objectAt).padStart(10, '0')} 00000 n \n`;
  update += `trailer\n<< /Size ${size + 1} /Root ${root} /Info ${size} 0 R /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(update, 'latin1');
}

/** The offset just past the first `%%EOF` line: where a linearised file's first-page section ends. */
export function firstEofEnd(pdf: Uint8Array): number {
  const at = Buffer.from(pdf).indexOf('%%EOF');
  if (at < 0) throw new Error('no %%EOF');
  return at + '%%EOF\n'.length;
}

/** A Ghostscript PDF of `pages`, linearised by qpdf. */
export async function linearizedPdf(pages: string[]): Promise<{ plain: Uint8Array; linear: Uint8Array }> {
  const { ghostscriptPdf } = await import('../../fixtures/pdf/make-pdf.ts');
  const { execFile } = await import('node:child_process');
  const dir = await mkdtemp(join(tmpdir(), 'linear-'));
  try {
    await ghostscriptPdf(join(dir, 'gs.pdf'), pages);
    await new Promise<void>((ok, fail) =>
      execFile('qpdf', ['--linearize', join(dir, 'gs.pdf'), join(dir, 'linear.pdf')], (e) => (e ? fail(e) : ok())),
    );
    return { plain: await readFile(join(dir, 'gs.pdf')), linear: await readFile(join(dir, 'linear.pdf')) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
