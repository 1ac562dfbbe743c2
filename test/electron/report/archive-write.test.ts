// Putting a file into the archive folder: never over another file, even when two writes of the
// same name race; nothing half-written under a real name; a folder that is gone is not made
// again, and says so naming the folder.

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArchiveWriteError, sweepArchiveTemps, writeToArchive } from '../../../electron/report/archive-write.ts';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'openfax-archive-write-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const bytes = (text: string) => new TextEncoder().encode(text);

describe('writeToArchive', () => {
  it('gives a second file of the same name " (2)", and leaves the first as it was', async () => {
    writeFileSync(join(folder, 'a.pdf'), 'first');
    expect(await writeToArchive(folder, 'a.pdf', bytes('second'))).toBe(join(folder, 'a (2).pdf'));
    expect(readFileSync(join(folder, 'a.pdf'), 'utf8')).toBe('first');
    expect(readFileSync(join(folder, 'a (2).pdf'), 'utf8')).toBe('second');
    if (process.platform !== 'win32') expect(statSync(join(folder, 'a (2).pdf')).mode & 0o777).toBe(0o600);
  });

  it('keeps every one of many writes of one name made at once, each under its own name', async () => {
    const paths = await Promise.all(Array.from({ length: 12 }, (_, i) => writeToArchive(folder, 'same.pdf', bytes(`copy ${i}`))));
    expect(new Set(paths).size).toBe(12);
    const texts = readdirSync(folder).map((n) => readFileSync(join(folder, n), 'utf8'));
    expect(texts.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `copy ${i}`).sort());
  });

  it('refuses a folder that is gone, naming it and the fix, and does not make it again', async () => {
    const gone = join(folder, 'unplugged');
    const err = await writeToArchive(gone, 'a.pdf', bytes('x')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ArchiveWriteError);
    expect((err as Error).message).toBe(
      `The archive folder ${gone} is missing. Reconnect the drive or share it is on, or choose another archive folder in Settings, Archive.`,
    );
    expect(readdirSync(folder)).toEqual([]);
  });

  it('sweeps the temporary files a crash left, and only those', async () => {
    writeFileSync(join(folder, '.openfax-archive-1a2b3c4d.part'), 'torn');
    writeFileSync(join(folder, '..openfax-archive-1a2b3c4d.part.5e6f.tmp'), 'torn');
    writeFileSync(join(folder, 'kept.pdf'), 'kept');
    await sweepArchiveTemps(folder);
    expect(readdirSync(folder)).toEqual(['kept.pdf']);
  });
});
