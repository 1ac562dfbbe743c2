// The grants Compose reads paths by: once each, for a short while, a bounded number; and the
// file read is the very file granted, judged on the open handle.

import { linkSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPathGrants, PathRefused, pathRefusal, readGranted, takeGranted } from '../../../electron/compose/path-grants.ts';
import { PdfError } from '../../../electron/pdf/pdf-errors.ts';
import { MAX_PDF_BYTES } from '../../../shared/domain.ts';
import { PATH_NOT_GRANTED } from '../../../shared/ipc/names.ts';

const dir = mkdtempSync(join(tmpdir(), 'openfax-grants-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text = `%PDF-1.7 ${name}`): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Grants `path`, takes the grant and reads it as Compose does. */
async function grantAndRead(path: string): Promise<Uint8Array> {
  const grants = createPathGrants();
  await grants.grant([path]);
  const g = grants.take(path);
  if (!g) throw new Error('not granted');
  return readGranted(g);
}

describe('path grants', () => {
  it('let a granted path be taken once; a path never granted, or relative, never', async () => {
    const grants = createPathGrants();
    const a = file('a.pdf');
    // Held at once, before the files are pinned: the drop's add, right behind it, finds it.
    const granting = grants.grant([a, 'relative/b.pdf']);
    expect(grants.take('relative/b.pdf')).toBeUndefined();
    expect(grants.take(join(dir, 'other.pdf'))).toBeUndefined();
    expect(grants.take(a)).toMatchObject({ path: a });
    expect(await granting).toBe(1);
    expect(grants.take(a)).toBeUndefined();
    // Dropped twice: added twice.
    void grants.grant([a]);
    void grants.grant([a]);
    expect(grants.take(a)).toBeDefined();
    expect(grants.take(a)).toBeDefined();
    expect(grants.take(a)).toBeUndefined();
  });

  it('expire after a short while', () => {
    let now = 1_000;
    const grants = createPathGrants({ ttlMs: 5_000, now: () => now });
    const a = file('late.pdf');
    void grants.grant([a]);
    now += 5_001;
    expect(grants.take(a)).toBeUndefined();
    void grants.grant([a]);
    now += 4_999;
    expect(grants.take(a)).toBeDefined();
  });

  it('are bounded in number: the oldest go first', () => {
    const grants = createPathGrants({ max: 3 });
    const paths = ['1', '2', '3', '4'].map((n) => join(dir, `${n}.pdf`));
    void grants.grant(paths);
    expect(paths.map((p) => grants.take(p) !== undefined)).toEqual([false, true, true, true]);
  });

  it('split paths into granted ones and the one refusal, named as the caller named them', () => {
    const grants = createPathGrants();
    const a = file('split.pdf');
    void grants.grant([a]);
    const { granted, refused } = takeGranted(grants, [a, '/etc/passwd', join(dir, 'nothing-here.pdf')]);
    expect(granted.map((g) => g.path)).toEqual([a]);
    expect(refused).toEqual([pathRefusal('passwd'), pathRefusal('nothing-here.pdf')]);
    expect(pathRefusal('passwd')).toEqual({ name: 'passwd', ...PATH_NOT_GRANTED });
  });
});

describe('reading a granted path', () => {
  it('reads the file granted, through a hard link or a link it was granted through', async () => {
    const real = file('real.pdf', '%PDF-1.7 real');
    expect(Buffer.from(await grantAndRead(real)).toString()).toBe('%PDF-1.7 real');
    const hard = join(dir, 'hard.pdf');
    linkSync(real, hard);
    expect(Buffer.from(await grantAndRead(hard)).toString()).toBe('%PDF-1.7 real');
    // A link the person dropped leads to what their file manager showed: that file is pinned.
    const link = join(dir, 'link.pdf');
    symlinkSync(real, link);
    expect(Buffer.from(await grantAndRead(link)).toString()).toBe('%PDF-1.7 real');
  });

  it('refuses a path that is gone, a folder, or another file than the one granted', async () => {
    await expect(grantAndRead(join(dir, 'missing.pdf'))).rejects.toBeInstanceOf(PathRefused);
    mkdirSync(join(dir, 'folder.pdf'));
    await expect(grantAndRead(join(dir, 'folder.pdf'))).rejects.toBeInstanceOf(PathRefused);

    const grants = createPathGrants();
    const secret = file('secret.pdf', '%PDF-1.7 secret');
    // Swapped after the grant: for a symlink to another file, for another file, for a hard link to another.
    for (const swap of ['symlink', 'rename', 'hardlink'] as const) {
      const dropped = file(`dropped-${swap}.pdf`, '%PDF-1.7 dropped');
      void grants.grant([dropped]);
      const g = grants.take(dropped)!;
      await g.file;
      // Moved aside, not deleted: a freed inode number could come back for the new file.
      renameSync(dropped, `${dropped}.old`);
      if (swap === 'symlink') symlinkSync(secret, dropped);
      else if (swap === 'hardlink') linkSync(secret, dropped);
      else {
        writeFileSync(`${dropped}.new`, '%PDF-1.7 other');
        renameSync(`${dropped}.new`, dropped);
      }
      await expect(readGranted(g), swap).rejects.toBeInstanceOf(PathRefused);
    }
  });

  it('names a granted file over the size limit with the shared words', async () => {
    const big = join(dir, 'big.pdf');
    writeFileSync(big, Buffer.alloc(MAX_PDF_BYTES + 1));
    const refused = await grantAndRead(big).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PdfError);
    expect(refused).toMatchObject({ code: 'too-large', message: expect.stringMatching(/over Openfax's limit of 50 MB/) });
  });
});
