// The converters' small pure parts: soffice's arguments (the profile as a proper file URL, on
// Windows too), reading its output lines and version, where it is looked for, the preference
// order, the page check, and the words of a problem.

import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findConverters, pageMismatch, preferredConverter } from '../../../electron/merge/convert/index.ts';
import { sofficeArgs, startedByLine } from '../../../electron/merge/convert/libreoffice.ts';
import { lineSplitter, tailKeeper } from '../../../electron/merge/convert/process-runner.ts';
import { documentName, stderrExcerpt } from '../../../electron/merge/convert/problems.ts';
import { createChannel } from '../../../electron/merge/convert/result-channel.ts';
import {
  findSoffice,
  libreOfficeLabel,
  parseSofficeVersion,
  pathCandidates,
  usualSofficePlaces,
} from '../../../electron/merge/convert/soffice-find.ts';
import { nodeProcessRunner } from '../../../electron/merge/convert/process-runner.ts';
import type { ConverterInfo } from '../../../electron/merge/types.ts';
import { fakeSoffice, tempDir } from './convert-fixtures.ts';

describe('soffice arguments and output', () => {
  it('puts the private profile as a file URL and never a shell string', () => {
    const args = sofficeArgs('/data/merges/a b/é#%/profile', '/out', ['/in/d00000.docx', '/in/d00001.docx'], 'linux');
    expect(args).toEqual([
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--nodefault',
      '--nologo',
      '-env:UserInstallation=file:///data/merges/a%20b/%C3%A9%23%25/profile',
      '--convert-to',
      'pdf:writer_pdf_Export',
      '--outdir',
      '/out',
      '/in/d00000.docx',
      '/in/d00001.docx',
    ]);
    const win = sofficeArgs('C:\\Users\\Zoë\\AppData\\Roaming\\Openfax\\profile', 'C:\\out', [], 'win32');
    expect(win[5]).toBe('-env:UserInstallation=file:///C:/Users/Zo%C3%AB/AppData/Roaming/Openfax/profile');
  });

  it('reads which document soffice has begun from its "convert" lines', () => {
    expect(startedByLine('convert /tmp/run-1/in/d00003.docx -> /tmp/run-1/out/d00003.pdf using filter : writer_pdf_Export')).toBe(3);
    expect(startedByLine('convert C:\\w\\run-1\\in\\d00012.docx -> C:\\w\\run-1\\out\\d00012.pdf using filter : writer_pdf_Export\r')).toBe(
      12,
    );
    expect(startedByLine('convert /tmp/a -> b/d00001.docx using filter : x')).toBeUndefined();
    expect(startedByLine('Warning: failed to launch javaldx - java may not function correctly')).toBeUndefined();
  });

  it('names the version the way people know it', () => {
    expect(parseSofficeVersion('LibreOffice 25.2.3.2 520(Build:2)')).toBe('25.2.3.2');
    expect(parseSofficeVersion('LibreOffice 7.4.7.2 40(Build:2)\n')).toBe('7.4.7.2');
    expect(parseSofficeVersion('LibreOfficeDev 26.2.0.0.alpha0')).toBe('26.2.0.0');
    expect(parseSofficeVersion('')).toBeUndefined();
    expect(libreOfficeLabel('25.2.3.2')).toBe('LibreOffice 25.2');
    expect(libreOfficeLabel(undefined)).toBe('LibreOffice');
  });

  it('splits output into lines across chunks, and keeps only the end of stderr', () => {
    const lines: string[] = [];
    const split = lineSplitter((l) => lines.push(l));
    split.push('conv');
    split.push('ert a\r\nsecond\nthi');
    split.end();
    expect(lines).toEqual(['convert a', 'second', 'thi']);
    const tail = tailKeeper(10);
    tail.add('0123456789');
    tail.add('abc');
    expect(tail.text()).toBe('3456789abc');
  });

  it('a channel gives what was pushed, in order, then ends', async () => {
    const ch = createChannel<number>();
    ch.push(1);
    const got: number[] = [];
    const reading = (async () => {
      for await (const n of ch) got.push(n);
    })();
    ch.push(2);
    ch.close();
    ch.push(3);
    await reading;
    expect(got).toEqual([1, 2]);
  });
});

describe('where soffice is looked for', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir('convert-find');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('knows the installers’ places on each system', () => {
    expect(usualSofficePlaces('win32', {})).toEqual([
      'C:\\Program Files\\LibreOffice\\program\\soffice.exe',
      'C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe',
    ]);
    expect(usualSofficePlaces('win32', { ProgramFiles: 'D:\\Apps', 'ProgramFiles(x86)': 'D:\\Apps32' })[0]).toBe(
      'D:\\Apps\\LibreOffice\\program\\soffice.exe',
    );
    expect(usualSofficePlaces('darwin', {})).toEqual(['/Applications/LibreOffice.app/Contents/MacOS/soffice']);
    expect(pathCandidates('win32', { Path: 'C:\\a;"C:\\Program Files\\LibreOffice\\program";' })).toEqual([
      'C:\\a\\soffice.exe',
      'C:\\Program Files\\LibreOffice\\program\\soffice.exe',
    ]);
    expect(pathCandidates('linux', { PATH: '/x:/y' })).toEqual(['/x/soffice', '/x/libreoffice', '/y/soffice', '/y/libreoffice']);
  });

  it.skipIf(process.platform === 'win32')(
    'takes OPENFAX_SOFFICE, then the PATH (soffice or libreoffice), and asks its version',
    async () => {
      const runner = nodeProcessRunner();
      const bin = join(dir, 'bin');
      await mkdir(bin);
      const fake = await fakeSoffice(dir);
      const onPath = join(bin, 'libreoffice');
      await writeFile(onPath, '#!/bin/sh\necho "LibreOffice 24.8.1.2 00(Build:2)"\n');
      await chmod(onPath, 0o755);
      const viaPath = await findSoffice({ platform: 'linux', env: { PATH: bin }, runner });
      expect(viaPath).toEqual({ found: true, soffice: { path: onPath, via: 'path', version: '24.8.1.2' } });
      const viaEnv = await findSoffice({ platform: 'linux', env: { PATH: bin, OPENFAX_SOFFICE: fake }, runner });
      expect(viaEnv).toMatchObject({ found: true, soffice: { path: fake, via: 'env', version: '99.1.2.3' } });
      // A file that is not executable is not a program.
      await chmod(onPath, 0o644);
      expect(await findSoffice({ platform: 'linux', soffice: onPath, env: {}, runner })).toEqual({
        found: false,
        reason: 'given-missing',
        path: onPath,
      });
    },
  );

  it.skipIf(process.platform === 'win32')('answers from what it found before, until asked to look again', async () => {
    const env = { PATH: '', OPENFAX_SOFFICE: join(dir, 'soffice') };
    const before = await findConverters({ platform: 'linux', env });
    expect(before[1]!.available).toBe(false);
    await rename(await fakeSoffice(dir), env.OPENFAX_SOFFICE);
    expect((await findConverters({ platform: 'linux', env }))[1]!.available).toBe(false);
    expect((await findConverters({ platform: 'linux', env, refresh: true }))[1]!.available).toBe(true);
  });
});

describe('choosing a converter, and the page check', () => {
  const info = (id: ConverterInfo['id'], available: boolean): ConverterInfo => ({
    id,
    available,
    label: id,
    detail: '',
    fidelity: 'close',
  });

  it('prefers Word, then LibreOffice, then the built-in one, among those available', () => {
    expect(preferredConverter([info('word', true), info('libreoffice', true), info('builtin', true)])).toBe('word');
    expect(preferredConverter([info('word', false), info('libreoffice', true), info('builtin', true)])).toBe('libreoffice');
    expect(preferredConverter([info('builtin', true), info('word', false), info('libreoffice', false)])).toBe('builtin');
    expect(preferredConverter([info('word', false), info('libreoffice', false), info('builtin', false)])).toBeNull();
  });

  it('flags a page count unlike the template’s, and judges nothing when the template states none', () => {
    expect(pageMismatch(2, 2)).toBeUndefined();
    expect(pageMismatch(2, 3)).toEqual({ template: 2, pdf: 3 });
    expect(pageMismatch(undefined, 3)).toBeUndefined();
    expect(pageMismatch(0, 1)).toBeUndefined();
  });

  it('names a document by its label, else by its file; shows what soffice said without its Java noise', () => {
    expect(documentName({ docxPath: '/w/row-00041.docx', pdfPath: '', label: 'row 42' } as never)).toBe("row 42's document");
    expect(documentName({ docxPath: '/w/row-00041.docx', pdfPath: '' })).toBe('“row-00041.docx”');
    expect(
      stderrExcerpt('Warning: failed to launch javaldx - java may not function correctly\nError: source file could not be loaded\n'),
    ).toBe('Error: source file could not be loaded');
    expect(stderrExcerpt('x'.repeat(500)).length).toBe(301);
  });
});
