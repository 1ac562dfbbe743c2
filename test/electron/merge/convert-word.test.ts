// The Microsoft Word converter. Word cannot run here, so its scripts are never executed: these
// tests check that the script text is a constant whatever the paths hold (hostile folder names
// included), and drive the converter's batching, timeout and kill rules with a fake runner that
// checks what it is given (the script, the list file named in the environment, argv) and
// writes the PDFs as Word would.

import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConverter, findConverters } from '../../../electron/merge/convert/index.ts';
import type { OutputStream, ProcessExit, ProcessRunner, SpawnRequest } from '../../../electron/merge/convert/process-runner.ts';
import { wordLaunch } from '../../../electron/merge/convert/word.ts';
import {
  encodePowerShell,
  parseWordLine,
  WORD_APPLESCRIPT,
  WORD_LIST_ENV,
  WORD_POWERSHELL_SCRIPT,
  wordListText,
} from '../../../electron/merge/convert/word-scripts.ts';
import type { ConvertItem } from '../../../electron/merge/types.ts';
import { extractText } from '../../../electron/pdf/extract-text.ts';
import { collect, tempDir, tinyPdf } from './convert-fixtures.ts';

const HOSTILE = ["x'; Start-Process calc; '", '"& do shell script "say pwned" & "', '‘$(calc)’ `whoami` %PATH%'];
const WORD_PID = 4242;

interface FakeWord {
  runner: ProcessRunner;
  requests: SpawnRequest[];
  killedPids: number[];
  kills: number;
}

/** Plays Word: checks the request is the constant script with the documents as data, then "converts" them. */
function fakeWord(platform: 'win32' | 'darwin', regAnswer = '    (Default)    REG_SZ    Word.Application.16'): FakeWord {
  const fake: FakeWord = { runner: undefined as never, requests: [], killedPids: [], kills: 0 };
  fake.runner = {
    async killPid(pid) {
      fake.killedPids.push(pid);
    },
    start(request, onLine = () => {}) {
      fake.requests.push(request);
      let end!: (exit: ProcessExit) => void;
      const exited = new Promise<ProcessExit>((resolve) => (end = resolve));
      const say = (line: string, stream: OutputStream) => setImmediate(() => onLine(line, stream));
      const play = async () => {
        if (request.program.endsWith('reg.exe')) {
          expect(request.args).toEqual(['query', 'HKEY_CLASSES_ROOT\\Word.Application\\CurVer', '/ve']);
          say('HKEY_CLASSES_ROOT\\Word.Application\\CurVer', 'stdout');
          say(regAnswer, 'stdout');
          setImmediate(() => end({ code: regAnswer ? 0 : 1, signal: null }));
          return;
        }
        if (request.args[0] === '--version') {
          setImmediate(() => end({ code: 0, signal: null }));
          return;
        }
        let pairs: string[][];
        if (platform === 'win32') {
          expect(request.program).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
          expect(request.args.slice(0, 5)).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
          expect(request.args).toHaveLength(6);
          expect(Buffer.from(request.args[5]!, 'base64').toString('utf16le')).toBe(WORD_POWERSHELL_SCRIPT);
          expect(Object.keys(request.env ?? {})).toEqual([WORD_LIST_ENV]);
          const list = await readFile(request.env![WORD_LIST_ENV]!, 'utf8');
          pairs = list
            .split('\n')
            .filter(Boolean)
            .map((line) => line.split('\t'));
          say(`OPENFAX-PID ${WORD_PID}`, 'stdout');
        } else {
          expect(request.program).toBe('/usr/bin/osascript');
          expect(request.args.slice(0, 2)).toEqual(['-e', WORD_APPLESCRIPT]);
          expect(request.env).toBeUndefined();
          const rest = request.args.slice(2);
          pairs = [];
          for (let i = 0; i < rest.length; i += 2) pairs.push([rest[i]!, rest[i + 1]!]);
        }
        // AppleScript's `log` writes to stderr.
        const stream: OutputStream = platform === 'win32' ? 'stdout' : 'stderr';
        for (const [i, [source, output]] of pairs.entries()) {
          say(`OPENFAX-START ${i}`, stream);
          const [cmd, arg] = (await readFile(source!, 'utf8')).trim().split(' ');
          if (cmd === 'HANG') return; // until killed
          if (cmd === 'FAIL') say(`OPENFAX-FAIL ${i} This file is locked for editing.`, stream);
          else {
            await copyFile(arg!, output!);
            say(`OPENFAX-DONE ${i}`, stream);
          }
        }
        setImmediate(() => end({ code: 0, signal: null }));
      };
      play().catch((error: unknown) => {
        onLine(String(error), 'stderr');
        end({ code: 1, signal: null });
      });
      return {
        pid: undefined,
        exited,
        stderrTail: () => '',
        async kill() {
          fake.kills++;
          end({ code: null, signal: 'SIGKILL' });
        },
      };
    },
  };
  return fake;
}

describe('Microsoft Word scripts', () => {
  it('are constants: the paths reach them as data only, whatever the paths hold', () => {
    for (const hostile of HOSTILE) {
      const pairs = [{ source: `/w/${hostile}/d00000.docx`, output: `/w/${hostile}/d00000.pdf` }];
      const win = wordLaunch('win32', { SystemRoot: 'C:\\Windows' }, pairs, `/w/${hostile}/documents.txt`);
      expect(win.args.at(-1)).toBe(encodePowerShell(WORD_POWERSHELL_SCRIPT));
      expect(win.args.join(' ')).not.toContain(hostile);
      expect(win.env).toEqual({ [WORD_LIST_ENV]: `/w/${hostile}/documents.txt` });
      const mac = wordLaunch('darwin', {}, pairs, '');
      expect(mac.args).toEqual(['-e', WORD_APPLESCRIPT, pairs[0]!.source, pairs[0]!.output]);
    }
    // Nothing in the texts is filled in later.
    for (const script of [WORD_POWERSHELL_SCRIPT, WORD_APPLESCRIPT]) {
      expect(script).not.toMatch(/\$\{|\{\d\}|%s/);
    }
    expect(WORD_POWERSHELL_SCRIPT).toContain(`$env:${WORD_LIST_ENV}`);
    expect(WORD_POWERSHELL_SCRIPT).toContain('$word.Documents.Open($pair[0], $false, $true, $false)');
    expect(WORD_POWERSHELL_SCRIPT).toContain('ExportAsFixedFormat($pair[1], 17)');
    expect(WORD_POWERSHELL_SCRIPT).toContain('$word.DisplayAlerts = 0');
    expect(WORD_POWERSHELL_SCRIPT).toMatch(/finally \{\s+if \(\$word -ne \$null\) \{\s+\$word\.Quit\(\$false\)/);
    expect(WORD_APPLESCRIPT).toMatch(/^on run argv/);
    expect(WORD_APPLESCRIPT).toContain('file format format PDF');
    expect(WORD_APPLESCRIPT).toContain('close theDoc saving no');
  });

  it('the list file holds one docx<TAB>pdf line per document, and refuses a path that would break a line', () => {
    expect(wordListText([{ source: 'C:\\a\\d00000.docx', output: 'C:\\a\\d00000.pdf' }])).toBe('C:\\a\\d00000.docx\tC:\\a\\d00000.pdf\n');
    expect(() => wordListText([{ source: 'a\nb', output: 'c' }])).toThrow(/line break/);
  });

  it("reads the scripts' progress lines, and nothing else", () => {
    expect(parseWordLine('OPENFAX-START 3')).toEqual({ kind: 'started', at: 3 });
    expect(parseWordLine('OPENFAX-DONE 0\r')).toEqual({ kind: 'done', at: 0 });
    expect(parseWordLine('OPENFAX-FAIL 2 The file is corrupt.')).toEqual({ kind: 'failed', at: 2, detail: 'The file is corrupt.' });
    expect(parseWordLine('OPENFAX-PID 1234')).toEqual({ kind: 'pid', pid: 1234 });
    expect(parseWordLine('OPENFAX-PID 0')).toBeUndefined();
    expect(parseWordLine('Exception calling "Open"')).toBeUndefined();
  });
});

describe('Microsoft Word converter (a fake Word)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir('convert-word');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function items(work: string, specs: readonly string[]): Promise<ConvertItem[]> {
    const list: ConvertItem[] = [];
    for (const [i, spec] of specs.entries()) {
      const pdf = join(dir, `source-${i + 1}.pdf`);
      await writeFile(pdf, await tinyPdf(`Word row ${i + 1}`));
      const docxPath = join(work, `row-${String(i).padStart(5, '0')}.docx`);
      await writeFile(docxPath, spec === 'ROW' ? `PDF ${pdf}` : spec);
      list.push({ docxPath, pdfPath: join(work, `row-${i}.pdf`), label: `row ${i + 1}` } as ConvertItem);
    }
    return list;
  }

  for (const platform of ['win32', 'darwin'] as const) {
    it(`${platform}: converts a batch in one Word start from a folder with a hostile name`, async () => {
      const work = join(dir, HOSTILE[platform === 'win32' ? 0 : 1]!);
      await mkdir(work);
      const home = join(dir, 'home');
      await mkdir(join(home, 'Applications', 'Microsoft Word.app'), { recursive: true });
      await mkdir(join(home, 'Library', 'Containers', 'com.microsoft.Word', 'Data'), { recursive: true });
      const fake = fakeWord(platform);
      const env = { SystemRoot: 'C:\\Windows', HOME: home };
      const c = createConverter('word', { workDir: work, platform, runner: fake.runner, env });
      const list = await items(work, ['ROW', 'ROW', 'ROW']);
      const results = await collect(c.convert(list, new AbortController().signal));
      expect(results).toEqual([0, 1, 2].map((index) => ({ index, ok: true })));
      for (const [i, item] of list.entries()) expect(await extractText(item.pdfPath)).toContain(`Word row ${i + 1}`);
      const starts = fake.requests.filter((r) => !r.program.endsWith('reg.exe'));
      expect(starts).toHaveLength(1);
      expect(c.info).toMatchObject({ id: 'word', available: true, fidelity: 'exact' });
      if (platform === 'darwin') {
        // Staged inside Word's sandbox container, so Word opens and saves without asking.
        expect(starts[0]!.args[2]).toContain(join(home, 'Library', 'Containers', 'com.microsoft.Word', 'Data'));
        expect(c.info.detail).toBe(`Found at ${join(home, 'Applications', 'Microsoft Word.app')}`);
      } else expect(c.info.detail).toBe('Found (Word.Application.16)');
      await c.dispose();
    });
  }

  it('kills a Word that hangs on a document (and the Word process it started), then carries on', async () => {
    const fake = fakeWord('win32');
    const c = createConverter('word', {
      workDir: dir,
      platform: 'win32',
      runner: fake.runner,
      env: { SystemRoot: 'C:\\Windows' },
      timeoutMs: 300,
      startTimeoutMs: 300,
    });
    const list = await items(dir, ['ROW', 'HANG', 'ROW']);
    const results = await collect(c.convert(list, new AbortController().signal));
    expect(results.map((r) => (r.ok ? 'ok' : r.problem.code))).toEqual(['ok', 'converter-timeout', 'ok']);
    if (!results[1]!.ok) expect(results[1]!.problem.message).toMatch(/^Microsoft Word did not finish row 2's document within \d+ s/);
    expect(fake.kills).toBe(2);
    expect(fake.killedPids).toEqual([WORD_PID, WORD_PID]);
    expect(fake.requests.filter((r) => !r.program.endsWith('reg.exe'))).toHaveLength(3);
    await c.dispose();
  });

  it("fails the document Word refused, with Word's words, in the same start", async () => {
    const fake = fakeWord('win32');
    const c = createConverter('word', { workDir: dir, platform: 'win32', runner: fake.runner, env: { SystemRoot: 'C:\\Windows' } });
    const list = await items(dir, ['ROW', 'FAIL', 'ROW']);
    const results = await collect(c.convert(list, new AbortController().signal));
    expect(results.map((r) => (r.ok ? 'ok' : r.problem.code))).toEqual(['ok', 'converter-error', 'ok']);
    if (!results[1]!.ok)
      expect(results[1]!.problem.message).toBe("Microsoft Word could not convert row 2's document: This file is locked for editing.");
    expect(fake.requests.filter((r) => !r.program.endsWith('reg.exe'))).toHaveLength(1);
    await c.dispose();
  });

  it('is found through the registry on Windows, the app folder on macOS, and never on Linux', async () => {
    const env = { SystemRoot: 'C:\\Windows', PATH: '' };
    const win = await findConverters({ platform: 'win32', runner: fakeWord('win32').runner, env });
    expect(win[0]).toEqual({
      id: 'word',
      label: 'Microsoft Word',
      available: true,
      detail: 'Found (Word.Application.16)',
      fidelity: 'exact',
    });
    const none = await findConverters({ platform: 'win32', runner: fakeWord('win32', '').runner, env });
    expect(none[0]).toMatchObject({ available: false, detail: 'Not installed: Microsoft Word, when installed, gives the exact layout' });
    const home = join(dir, 'home');
    const mac = await findConverters({ platform: 'darwin', runner: fakeWord('darwin').runner, env: { HOME: home, PATH: '' } });
    if (!(await import('node:fs')).existsSync('/Applications/Microsoft Word.app')) expect(mac[0]!.available).toBe(false);
    await mkdir(join(home, 'Applications', 'Microsoft Word.app'), { recursive: true });
    const mac2 = await findConverters({ platform: 'darwin', runner: fakeWord('darwin').runner, env: { HOME: home, PATH: '' } });
    expect(mac2[0]!.available).toBe(true);
    const linux = await findConverters({ platform: 'linux', runner: fakeWord('darwin').runner, env: { PATH: '' } });
    expect(linux[0]).toMatchObject({ available: false, detail: 'Not available on this system: Microsoft Word runs on Windows and macOS' });
  });
});
