// The macOS "Send with Openfax" entry is a shell script that must name the hot folder (macOS
// runs it with only the title, the options and the PDF). The folder is a value the user chose,
// so the script is run here, by a real /bin/sh, with folder names built to break out of quoting:
// the PDF must land in exactly that folder and nothing else may run.

import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { cupsPdfConfig } from '../../../electron/hotfolder/printer/linux.ts';
import { macServiceScript } from '../../../electron/hotfolder/printer/macos.ts';
import { HOSTILE_FOLDER_NAMES } from './printer-commands.ts';

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'openfax-script-names-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the macOS script with hostile folder names', () => {
  it.each(HOSTILE_FOLDER_NAMES.map((name, i) => [i, name]))('delivers into folder #%i and runs nothing else', async (i, name) => {
    const work = join(root, `case-${i}`);
    mkdirSync(work);
    const hot = join(work, name as string);
    const script = join(work, 'Send with Openfax');
    writeFileSync(script, macServiceScript(hot), { mode: 0o755 });
    const printed = join(work, 'printed.pdf');
    writeFileSync(printed, '%PDF-1.4\n%%EOF\n');
    await run('/bin/sh', [script, 'Report', 'options', printed], { cwd: work });
    expect(readdirSync(hot).filter((f) => f.endsWith('.pdf'))).toHaveLength(1);
    expect(readdirSync(work).sort()).toEqual([name, 'Send with Openfax'].sort());
    expect(readdirSync(hot)).not.toContain('PWNED');
  });
});

describe('the CUPS queue config with hostile folder names', () => {
  // cups-pdf reads one setting per line; a line break would let a folder name add settings.
  it('refuses a line break and keeps every other character on its own line', () => {
    expect(() => cupsPdfConfig('/home/ann/two\nGrp root')).toThrow(/line break/);
    expect(() => cupsPdfConfig('/home/ann/two\rGrp root')).toThrow(/line break/);
    const config = cupsPdfConfig("/home/ann/x'; $(touch PWNED)");
    expect(config.split('\n').filter((l) => l.startsWith('Out '))).toEqual(["Out /home/ann/x'; $(touch PWNED)"]);
  });
});
