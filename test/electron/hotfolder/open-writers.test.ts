// Who still has a file open for writing, asked of the real system: /proc on Linux, and lsof
// (the macOS check) run here on Linux, where it answers the same way. Windows' exclusive open
// is not exercised by this suite.

import { execFileSync } from 'node:child_process';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lsofWriters, writerState } from '../../../electron/hotfolder/open-writers.ts';
import { writeFromChild } from './child-writer.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'writers-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const hasLsof = (() => {
  try {
    execFileSync('lsof', ['-v'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
})();

describe.runIf(process.platform === 'linux')('open writers on Linux (/proc)', () => {
  it('sees another process writing, and nothing once it has closed', async () => {
    const path = join(dir, 'child.pdf');
    const writer = await writeFromChild(path, [Buffer.from('%PDF-1.4\n')], { pauseMs: 0, holdUntilStdinEnds: true });
    await writer.opened;
    expect(await writerState(path)).toBe('open');
    writer.release();
    await writer.done;
    expect(await writerState(path)).toBe('none');
  });

  it('counts this process as a writer by its access mode, and not its readers', async () => {
    const path = join(dir, 'own.pdf');
    await writeFile(path, '%PDF-1.4\n');
    const reader = await open(path, 'r');
    expect(await writerState(path)).toBe('none');
    const appender = await open(path, 'a');
    expect(await writerState(path)).toBe('open');
    await appender.close();
    expect(await writerState(path)).toBe('none');
    await reader.close();
  });

  it('answers many questions asked at once, each for its own file', async () => {
    const paths = Array.from({ length: 20 }, (_, i) => join(dir, `many-${i}.pdf`));
    await Promise.all(paths.map((p) => writeFile(p, 'x')));
    const held = await Promise.all(paths.filter((_, i) => i % 3 === 0).map((p) => open(p, 'r+')));
    const states = await Promise.all(paths.map((p) => writerState(p)));
    expect(states).toEqual(paths.map((_, i) => (i % 3 === 0 ? 'open' : 'none')));
    await Promise.all(held.map((h) => h.close()));
  });
});

describe.runIf(hasLsof)('open writers by lsof (the macOS check)', () => {
  it('sees a writer, sees none after it closed, and cannot tell when lsof cannot run', async () => {
    const path = join(dir, 'lsof.pdf');
    const other = join(dir, 'lsof-other.pdf');
    await writeFile(other, 'x');
    const writer = await writeFromChild(path, [Buffer.from('%PDF-1.4\n')], { pauseMs: 0, holdUntilStdinEnds: true });
    await writer.opened;
    expect(await Promise.all([lsofWriters(path), lsofWriters(other)])).toEqual(['open', 'none']);
    writer.release();
    await writer.done;
    expect(await lsofWriters(path)).toBe('none');
    expect(await lsofWriters(path, 'lsof-not-installed-here')).toBe('unknown');
  });
});
