// For the converters' tests: real .docx files (the `docx` library), small real PDFs (pdf-lib),
// a stand-in soffice that misbehaves on cue, and a check that no process is left.

import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, PageBreak, Paragraph, TextRun } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { ConvertResult } from '../../../electron/merge/types.ts';
import { sofficeMissing as templatesSofficeMissing } from '../../fixtures/merge-templates.ts';

/** Why soffice cannot be used here, or undefined. Under CI a missing soffice is an error (.ci/run installs it). */
export function sofficeMissing(): string | undefined {
  const reason = templatesSofficeMissing();
  if (reason && process.env.CI) throw new Error(`${reason}: .ci/run installs LibreOffice, and the converter tests need it under CI.`);
  return reason;
}

export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `openfax-${prefix}-`));
}

/** A Word document whose text is `lines` (a page break before the second page's lines). */
export async function docx(lines: readonly string[], secondPage: readonly string[] = []): Promise<Uint8Array> {
  const children = lines.map((line) => new Paragraph({ children: [new TextRun(line)] }));
  if (secondPage.length) {
    children.push(new Paragraph({ children: [new PageBreak()] }));
    children.push(...secondPage.map((line) => new Paragraph({ children: [new TextRun(line)] })));
  }
  const doc = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** A one-page PDF saying `text`. */
export async function tinyPdf(text: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([612, 792]);
  page.drawText(text, { x: 72, y: 700, size: 14, font: await pdf.embedFont(StandardFonts.Helvetica) });
  return pdf.save();
}

export interface FakeMode {
  /** No "convert" lines (as Windows' soffice.exe may be). */
  quiet?: boolean;
  /** Every start fails at once, making nothing. */
  broken?: boolean;
  /** Its exit code once it has gone through the documents (0 unless told). */
  exitCode?: number;
}

/**
 * A stand-in soffice. Each "document" it is given is a line of instructions:
 * - `PDF <path>`: writes a copy of that PDF as its output;
 * - `HANG <pidfile>`: records its pid and a child's, and waits forever;
 * - `PARTIAL <pidfile>`: writes the start of a PDF, then hangs the same way;
 * - `CRASH`: dies of SIGSEGV;
 * - `SKIP`: says it cannot load it and makes nothing (as soffice does, exiting 0);
 * - `WAITFOR <file>` then `PDF <path>` on the next line: waits until that file exists.
 * Like soffice it prints "convert … -> … using filter" before each, unless `quiet`.
 */
export async function fakeSoffice(dir: string, mode: FakeMode = {}): Promise<string> {
  const path = join(
    dir,
    `soffice-${mode.broken ? 'broken' : 'fake'}${mode.quiet ? '-quiet' : ''}${mode.exitCode ? `-exit${mode.exitCode}` : ''}`,
  );
  const script = `#!/bin/sh
if [ "$1" = "--version" ]; then echo "LibreOffice 99.1.2.3 00(Build:1)"; exit 0; fi
${mode.broken ? 'echo "Warning: failed to launch javaldx - java may not function correctly" >&2\necho "soffice: the fake is broken on purpose" >&2\nexit 77' : ''}
outdir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --outdir) outdir="$2"; shift 2 ;;
    --convert-to) shift 2 ;;
    -*) shift ;;
    *)
      src="$1"; shift
      out="$outdir/$(basename "$src" .docx).pdf"
      ${mode.quiet ? ':' : 'echo "convert $src -> $out using filter : writer_pdf_Export"'}
      read -r cmd arg < "$src"
      case "$cmd" in
        PDF) cp "$arg" "$out" ;;
        HANG) echo $$ >> "$arg"; sleep 1000 & echo $! >> "$arg"; wait ;;
        PARTIAL) printf '%%PDF-1.4\\n1 0 obj\\n' > "$out"; echo $$ >> "$arg"; sleep 1000 & echo $! >> "$arg"; wait ;;
        CRASH) kill -SEGV $$ ;;
        SKIP) echo "Error: source file could not be loaded" >&2 ;;
        WAITFOR) while [ ! -e "$arg" ]; do sleep 0.02; done; cp "$(sed -n 2p "$src" | cut -d' ' -f2-)" "$out" ;;
      esac
      ;;
  esac
done
exit ${mode.exitCode ?? 0}
`;
  await writeFile(path, script);
  await chmod(path, 0o755);
  return path;
}

/** Whether a process still runs (a zombie waiting for its parent to reap it does not). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  if (process.platform !== 'linux') return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** The pids a hanging fake wrote. */
export async function pidsIn(file: string): Promise<number[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => Number(line));
}

export async function collect(results: AsyncIterable<ConvertResult>): Promise<ConvertResult[]> {
  const all: ConvertResult[] = [];
  for await (const r of results) all.push(r);
  return all.sort((a, b) => a.index - b.index);
}
