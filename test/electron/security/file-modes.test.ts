// The data folder is the owner's alone: every folder in it 0700, every file 0600, whatever the
// umask. Judged by walking the folder of an app that ran a real day: a document dropped on
// Compose and one printed into the hot folder (readable by all, as printers write them), a
// send through the sandbox (its store in the data folder too), the log, and a log and ledger
// left readable by an earlier version. POSIX only: Windows has no such modes (see
// electron/core/private-files.ts).

import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../../electron/app/handlers/index.ts';
import { createIpcRouter } from '../../../electron/app/ipc-router.ts';
import { type AppServices, createAppServices } from '../../../electron/app/services.ts';
import { createHeadlessHost } from '../../../electron/core/host.ts';
import { claimToSpool } from '../../../electron/hotfolder/move.ts';
import { createMemorySecretStore } from '../../../electron/secrets/secret-store.ts';
import type { ComposeDraft } from '../../../shared/ipc/contract/compose.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';

const POSIX = process.platform !== 'win32';

/** Every folder and file under `dir`, with its permission bits. */
function modesUnder(dir: string): Array<{ path: string; kind: 'folder' | 'file'; mode: string }> {
  const out: Array<{ path: string; kind: 'folder' | 'file'; mode: string }> = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const mode = (statSync(path).mode & 0o777).toString(8);
    out.push({ path, kind: entry.isDirectory() ? 'folder' : 'file', mode });
    if (entry.isDirectory()) out.push(...modesUnder(path));
  }
  return out;
}

function expectPrivate(dataDir: string): void {
  expect((statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
  const entries = modesUnder(dataDir);
  const wrong = entries.filter((e) => e.mode !== (e.kind === 'folder' ? '700' : '600'));
  expect(wrong).toEqual([]);
}

describe.skipIf(!POSIX)('data folder modes', () => {
  let root: string;
  let dataDir: string;
  let services: AppServices | undefined;
  let oldUmask: number;

  beforeAll(() => {
    // The usual umask leaves new files readable by all; the app must not rely on a stricter one.
    oldUmask = process.umask(0o022);
    root = mkdtempSync(join(tmpdir(), 'openfax-modes-'));
    dataDir = join(root, 'data');
  });
  afterAll(async () => {
    await services?.dispose();
    process.umask(oldUmask);
    rmSync(root, { recursive: true, force: true });
  });

  it('keeps every folder 0700 and every file 0600 through a send, and after the app stops', async () => {
    // An earlier version's data folder: open to all, with a database, log and ledger readable by all.
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    new DatabaseSync(join(dataDir, 'openfax.db')).close();
    writeFileSync(join(dataDir, 'openfax.log'), 'a line from before\n', { mode: 0o644 });
    writeFileSync(join(dataDir, 'hotfolder-sent.jsonl'), '', { mode: 0o644 });
    expect(modesUnder(dataDir).map((e) => e.mode)).toEqual(['644', '644', '644']);

    services = await createAppServices({
      dataDir,
      host: createHeadlessHost('electron'),
      version: 't',
      logToFile: true,
      secrets: createMemorySecretStore(),
      sandbox: { speed: 5000 },
      hotFolder: { enabled: true, documentsDir: join(root, 'Documents'), watcher: { settleMs: 50, rescanIntervalMs: 200 } },
    });
    const s = services;
    await s.hotfolder?.whenReady();
    const router = createIpcRouter(createHandlers(s));
    const call = async (name: string, payload: unknown): Promise<any> => {
      const r = await router.dispatch(name, payload, { transport: 'electron' });
      if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
      return r.value;
    };

    // Printed first (it opens the draft), then one dropped on it.
    const printed = join(s.hotfolder!.view().folder, 'printed.pdf');
    writeFileSync(printed, await makePdf({ pages: ['Printed'] }), { mode: 0o644 });
    chmodSync(printed, 0o644);
    await vi.waitFor(() => expect(s.compose.getState().draft.documents).toHaveLength(1), { timeout: 15_000 });
    const pdf = await makePdf({ pages: ['Dropped'] });
    await call('addComposeFiles', { files: [{ name: 'dropped.pdf', dataBase64: Buffer.from(pdf).toString('base64') }] });
    expect(s.compose.getState().draft.documents).toHaveLength(2);
    expectPrivate(dataDir);

    const draft: ComposeDraft = s.compose.getState().draft;
    const { documents: _d, send: _s, updatedAt: _u, id: _i, sentBefore: _b, createdAt: _c, ...fields } = draft;
    const sent = await call('sendCompose', {
      ...fields,
      recipients: [{ number: '12025550150', display: '+1 202 555 0150' }],
      toHeader: 'Alice',
      fromHeader: 'Acme',
    });
    expect(sent).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(s.sandbox.faxes()).toMatchObject([{ faxNumber: '12025550150', pages: 2 }]), { timeout: 15_000 });
    await s.sandbox.settle();
    expectPrivate(dataDir);
    expect(modesUnder(dataDir).map((e) => e.path)).toEqual(
      expect.arrayContaining([
        join(dataDir, 'openfax.db'),
        join(dataDir, 'openfax.log'),
        join(dataDir, 'sandbox', 'openfax-sandbox.sqlite'),
      ]),
    );

    await s.dispose();
    services = undefined;
    expectPrivate(dataDir);
  });

  it('makes a printed file owner-only as it is claimed into the spool', async () => {
    const folder = join(root, 'printer-out');
    const spool = join(dataDir, 'claim-test');
    mkdirSync(folder);
    mkdirSync(spool, { mode: 0o700 });
    const printed = join(folder, 'from the printer.pdf');
    writeFileSync(printed, await makePdf({ pages: ['Printed'] }), { mode: 0o644 });
    const { spoolPath } = await claimToSpool(printed, spool, 'from the printer.pdf');
    expect((statSync(spoolPath).mode & 0o777).toString(8)).toBe('600');
  });
});
