// The command the printer panel tells a person to paste into a terminal (with sudo on Linux):
// a hostile folder name arrives as one argument, never as shell syntax. sh runs it here for
// real (with `openfax` and `sudo` as functions that print their arguments); PowerShell is not
// on these machines, so its literal is read back by PowerShell's own quoting rule.

import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { pasteCommand, psQuote } from '../../../electron/hotfolder/printer/paste-command.ts';
import { HOSTILE_FOLDER_NAMES } from '../hotfolder/printer-commands.ts';
import { HOSTILE_SEED } from './hostile-payloads.ts';

const run = promisify(execFile);
const cwd = mkdtempSync(join(tmpdir(), 'openfax-paste-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

/** The arguments sh hands to `openfax` when the pasted line runs. */
async function shArgs(line: string): Promise<string[]> {
  const prelude = `openfax() { for a in "$@"; do printf '%s\\0' "$a"; done; }\nsudo() { "$@"; }\n`;
  const { stdout } = await run('/bin/sh', ['-c', prelude + line], { cwd });
  return stdout.split('\0').slice(0, -1);
}

/** Reads a PowerShell single-quoted literal back: a doubled quote character is one of it. */
function psRead(literal: string): { value: string; rest: string } {
  const quotes = "'‘’‚‛";
  expect(quotes).toContain(literal[0]);
  let value = '';
  for (let i = 1; i < literal.length; i++) {
    const c = literal[i];
    if (!quotes.includes(c)) value += c;
    else if (i + 1 < literal.length && quotes.includes(literal[i + 1])) value += literal[++i];
    else return { value, rest: literal.slice(i + 1) };
  }
  throw new Error('unterminated literal');
}

const folderText = fc.oneof(
  fc.constantFrom(...HOSTILE_FOLDER_NAMES.filter((n) => !n.includes('\n'))),
  fc.string({ unit: fc.constantFrom(...'‘’‚‛\'"`$();|&\\<>*? x#{}%!~'.split('')), maxLength: 30 }),
);

describe('the pasted printer command', () => {
  it('hands sh the folder as one argument, whatever its name (Linux with sudo, macOS)', async () => {
    await fc.assert(
      fc.asyncProperty(folderText, fc.constantFrom('linux', 'darwin') as fc.Arbitrary<NodeJS.Platform>, async (name, platform) => {
        const folder = `/home/ann/${name}`;
        const line = pasteCommand(platform, folder, 'Openfax');
        expect(line.startsWith(platform === 'linux' ? 'sudo openfax ' : 'openfax ')).toBe(true);
        expect(await shArgs(line)).toEqual(['printer', 'install', '--folder', folder]);
      }),
      { seed: HOSTILE_SEED, numRuns: 60 },
    );
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('hands PowerShell the folder as one single-quoted literal (‘ ’ ‚ ‛ doubled too)', () => {
    fc.assert(
      fc.property(folderText, (name) => {
        const folder = `C:\\Users\\ann\\${name}`;
        const line = pasteCommand('win32', folder, 'Openfax');
        const prefix = 'openfax printer install --folder ';
        expect(line.startsWith(prefix)).toBe(true);
        expect(psRead(line.slice(prefix.length))).toEqual({ value: folder, rest: '' });
      }),
      { seed: HOSTILE_SEED, numRuns: 300 },
    );
    expect(psQuote('x’+(Start-Process calc)+’')).toBe("'x’’+(Start-Process calc)+’’'");
  });

  it('names a printer other than the default the same way, and leaves out a value with a line break', async () => {
    expect(await shArgs(pasteCommand('linux', '/f', 'Fax $(id)'))).toEqual(['printer', 'install', '--folder', '/f', '--name', 'Fax $(id)']);
    expect(pasteCommand('linux', '/home/ann/two\nlines; touch PWNED', 'Openfax')).toBe('sudo openfax printer install');
    expect(pasteCommand('win32', 'C:\\f', 'Openfax')).toBe("openfax printer install --folder 'C:\\f'");
  });
});
