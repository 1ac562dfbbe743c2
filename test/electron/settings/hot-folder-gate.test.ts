// A folder picked in Electron's native picker grants one save of it, soon, holding no more than
// the person was shown: a grant kept for the session would let a folder that filled up since be
// taken unseen.

import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHotFolderGate } from '../../../electron/settings/hot-folder-gate.ts';
import { placesHere } from '../../../electron/settings/hot-folder-rules.ts';

let dir: string;
let clock: number;
const electron = { transport: 'electron' as const };
const yes = async () => true;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-gate-'));
  clock = 1_000_000;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function gate() {
  return createHotFolderGate(placesHere({ dataDir: join(dir, 'data'), home: join(dir, 'home') }), () => clock);
}

function folder(name: string, files: string[] = []): string {
  const path = join(dir, name);
  mkdirSync(path, { recursive: true });
  for (const f of files) writeFileSync(join(path, f), 'x');
  return path;
}

describe('a picked hot folder', () => {
  it('may be saved once: a second save of the same pick is refused as not picked', async () => {
    const g = gate();
    const path = folder('Faxes');
    expect(await g.checkPicked(path, yes)).toEqual({ ok: true });
    expect(await g.checkUpdate(path, electron)).toEqual({ ok: true });
    await expect(g.checkUpdate(path, electron)).rejects.toMatchObject({ code: 'hot-folder-not-picked' });
  });

  it('must be saved within 10 minutes of the pick', async () => {
    const g = gate();
    const path = folder('Faxes');
    await g.checkPicked(path, yes);
    clock += 10 * 60_000 + 1;
    await expect(g.checkUpdate(path, electron)).rejects.toMatchObject({ code: 'hot-folder-not-picked' });
  });

  it('is refused when it holds more than the person was shown, and nothing in it moves', async () => {
    const g = gate();
    const path = folder('Faxes', ['shown.pdf']);
    let shown = '';
    expect(
      await g.checkPicked(path, async (q) => {
        shown = q.detail;
        return true;
      }),
    ).toEqual({ ok: true });
    expect(shown).toContain('shown.pdf');
    writeFileSync(join(path, 'arrived later.docx'), 'x');
    const r = await g.checkUpdate(path, electron);
    expect(r).toMatchObject({ ok: false, reason: expect.stringContaining('It has changed since you chose it: choose it again.') });
    expect(readdirSync(path).sort()).toEqual(['arrived later.docx', 'shown.pdf']);
  });
});
