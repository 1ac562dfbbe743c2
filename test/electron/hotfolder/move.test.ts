import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isTransientFsError, withFsRetry } from '../../../electron/hotfolder/fs-retry.ts';
import { claimToSpool, copyVerifyDelete, moveNoClobber } from '../../../electron/hotfolder/move.ts';

const dirs: string[] = [];
async function temp(base = tmpdir()): Promise<string> {
  const d = await mkdtemp(join(base, 'move-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
const errno = (code: string) => Object.assign(new Error(code), { code });

describe('withFsRetry', () => {
  it('retries EBUSY and EPERM with growing delays, and gives up on other errors at once', async () => {
    const delays: number[] = [];
    const sleep = async (ms: number) => {
      delays.push(ms);
    };
    let calls = 0;
    const value = await withFsRetry(
      async () => {
        calls += 1;
        if (calls <= 3) throw errno(calls === 2 ? 'EPERM' : 'EBUSY');
        return 'moved';
      },
      { sleep },
    );
    expect(value).toBe('moved');
    expect(delays).toEqual([100, 200, 400]);
    await expect(withFsRetry(async () => Promise.reject(errno('ENOENT')), { sleep })).rejects.toThrow('ENOENT');
    expect(delays).toHaveLength(3);
    await expect(withFsRetry(async () => Promise.reject(errno('EBUSY')), { sleep, attempts: 3 })).rejects.toThrow('EBUSY');
    expect(isTransientFsError(errno('EXDEV'))).toBe(false);
  });
});

describe('moveNoClobber', () => {
  it('never replaces an existing file or one whose reason file is still there', async () => {
    const dir = await temp();
    const target = join(dir, 'Rejected');
    const made: string[] = [];
    for (const n of [1, 2, 3]) {
      const src = join(dir, `src-${n}`);
      await writeFile(src, `content ${n}`);
      made.push(await moveNoClobber(src, target, 'scan.pdf', ['.reason.txt']));
      expect(existsSync(src)).toBe(false);
    }
    expect(made.map((p) => p.slice(target.length + 1))).toEqual(['scan.pdf', 'scan (2).pdf', 'scan (3).pdf']);
    expect(await readFile(join(target, 'scan (2).pdf'), 'utf8')).toBe('content 2');
    await rm(join(target, 'scan.pdf'));
    await writeFile(join(target, 'scan.pdf.reason.txt'), 'earlier reason');
    const src = join(dir, 'src-4');
    await writeFile(src, 'content 4');
    expect(await moveNoClobber(src, target, 'scan.pdf', ['.reason.txt'])).toBe(join(target, 'scan (4).pdf'));
  });
});

describe('claiming across volumes', () => {
  const shm = existsSync('/dev/shm') ? '/dev/shm' : undefined;

  it('copies, syncs, verifies and deletes; a rename across volumes falls back to it', async () => {
    if (!shm || (await stat(shm)).dev === (await stat(tmpdir())).dev) return console.warn('skipped: no second volume');
    const from = await temp();
    const to = await temp(shm);
    const bytes = Buffer.alloc(3_000_000, 7);
    const src = join(from, 'doc.pdf');
    await writeFile(src, bytes);
    const claimed = await claimToSpool(src, to, 'doc.pdf');
    expect(claimed.acrossVolumes).toBe(true);
    expect(existsSync(src)).toBe(false);
    expect(
      createHash('sha256')
        .update(await readFile(claimed.spoolPath))
        .digest('hex'),
    ).toBe(createHash('sha256').update(bytes).digest('hex'));
    const same = await claimToSpool(join(to, (await readdir(to))[0] as string), join(to, 'sub'), 'doc.pdf');
    expect(same.acrossVolumes).toBe(false);
  });

  it('keeps the source and leaves no partial copy when the source changes meanwhile', async () => {
    if (!shm) return console.warn('skipped: no /dev/shm');
    const from = await temp();
    const to = await temp(shm);
    const src = join(from, 'growing.pdf');
    await writeFile(src, Buffer.alloc(20_000_000, 1));
    // The outcome is taken at once: the copy may already fail while the file is being rewritten.
    const copying = copyVerifyDelete(src, join(to, 'growing.pdf')).then(
      () => 'copied',
      (e: Error) => e.name,
    );
    await writeFile(src, Buffer.alloc(20_000_001, 2));
    const result = await copying;
    // Either the copy finished before the change (and matched), or it was refused as changed.
    if (result === 'copied') {
      expect(existsSync(src)).toBe(false);
    } else {
      expect(result).toBe('SourceChangedError');
      expect(existsSync(src)).toBe(true);
      expect(await readdir(to)).toEqual([]);
    }
  });
});
