// `openfax watch` and `openfax printer` through the real CLI entry, against the local sandbox.

import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../electron/cli/main.ts';
import { insertContact } from '../../../electron/store/contacts-repo.ts';
import { listJobs } from '../../../electron/store/jobs-repo.ts';
import { openStore } from '../../../electron/store/store.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'openfax-watch-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function until(predicate: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  await vi.waitFor(
    () => {
      if (!predicate()) throw new Error(`timed out waiting for ${what}`);
    },
    { timeout: timeoutMs, interval: 20 },
  );
}

describe('openfax watch', () => {
  it('queues routed PDFs in the outbox, sets the rest aside for review, and stops on Ctrl-C', async () => {
    const dataDir = join(dir, 'data');
    const folder = join(dir, 'shared folder');
    const store = openStore(dataDir);
    insertContact(store.db, { name: 'Dr Ada Smith', faxRaw: '212 555 0160', faxNumber: '12125550160' });
    store.close();

    let out = '';
    let err = '';
    const controller = new AbortController();
    const running = runCli(['--data-dir', dataDir, '--sandbox', '--sandbox-speed', '3000', 'watch', folder], {
      stdout: { write: (t: string) => (out += t) },
      stderr: { write: (t: string) => (err += t) },
      env: { OPENFAX_QUIET: '1' },
      signal: controller.signal,
    });
    await until(() => err.includes('Watching'), 'the watcher to start');
    await writeFile(join(folder, 'referral.pdf'), await makePdf({ pages: ['{{to: Dr Ada Smith}} {{from: Clinic}}'] }));
    await writeFile(join(folder, '12125550161 - invoice.pdf'), await makePdf({ pages: ['Invoice 7'] }));
    await writeFile(join(folder, 'letter.pdf'), await makePdf({ pages: ['Dear Sir'] }));
    await writeFile(join(folder, 'photo.pdf'), 'not a pdf');
    await until(() => (out.match(/^\S+ (queued|review|rejected) /gm) ?? []).length === 4, 'four outcomes');
    await until(() => (out.match(/ delivered +job /g) ?? []).length === 2, 'two deliveries');
    controller.abort();
    expect(await running).toBe(0);

    expect(out).toMatch(/queued +referral\.pdf to 1 recipient/);
    expect(out).toMatch(/queued +12125550161 - invoice\.pdf to 1 recipient/);
    expect(out).toMatch(/review +letter\.pdf: The document does not say where it goes/);
    expect(out).toMatch(/rejected +photo\.pdf: The file is not a PDF/);
    expect((await readdir(join(folder, 'Needs review'))).sort()).toEqual(['letter.pdf', 'letter.pdf.reason.txt']);
    expect(await readFile(join(folder, 'Rejected', 'photo.pdf.reason.txt'), 'utf8')).toMatch(/not a PDF/);
    expect((await readdir(folder)).sort()).toEqual(['Needs review', 'Rejected']);

    const check = openStore(dataDir);
    try {
      const jobs = listJobs(check.db);
      expect(jobs.map((j) => [j.faxNumber, j.documentName, j.state]).sort()).toEqual([
        ['12125550160', 'referral.pdf', 'delivered'],
        ['12125550161', '12125550161 - invoice.pdf', 'delivered'],
      ]);
      expect(jobs.find((j) => j.faxNumber === '12125550160')?.fromHeader).toBe('Clinic');
    } finally {
      check.close();
    }
  }, 60_000);
});

describe('openfax printer', () => {
  it('refuses an unknown action and reports status', async () => {
    let out = '';
    let err = '';
    const io = { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) }, env: { OPENFAX_QUIET: '1' } };
    expect(await runCli(['--data-dir', join(dir, 'data'), 'printer', 'paint'], io)).toBe(2);
    expect(err).toMatch(/install, remove or status/);
    const code = await runCli(
      ['--data-dir', join(dir, 'data'), 'printer', 'status', '--folder', join(dir, 'hot'), '--name', `NotInstalled_${process.pid}`],
      io,
    );
    expect(code).toBe(1);
    expect(out).toMatch(/^no +/m);
  });
});
