// A broadcast whose recipients each carry a PDF of their own (their cover page in front of the
// shared body): every job gets its own document, the content key is the one given, and a
// failure on the way leaves no spool file and no row behind.

import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { all } from '../../../electron/store/sql.ts';
import { type Harness, startHarness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const count = (table: string) => all<{ n: number }>(h!.store.db, `SELECT count(*) AS n FROM ${table}`)[0]?.n ?? 0;

describe('broadcast with a document per recipient', () => {
  it('files each job under its own document, with one content key for all', async () => {
    h = await startHarness({ start: false });
    const [a, b] = [await h.writePdf('a.pdf', 2), await h.writePdf('b.pdf', 2)];
    const r = await h.outbox.createBroadcast({
      originalName: 'Contract.pdf',
      contentHash: 'f'.repeat(64),
      recipients: [
        { number: '2125550142', document: { pdfPath: a, pages: 2 } },
        { number: '2125550143', document: { pdfPath: b, pages: 2 } },
      ],
      skipCreditCheck: true,
    });
    if (!r.ok) throw new Error(r.error.message);
    const jobs = all<{ document_id: string; content_key: string; pages: number }>(
      h.store.db,
      'SELECT document_id, content_key, pages FROM jobs ORDER BY id',
    );
    expect(new Set(jobs.map((j) => j.document_id)).size).toBe(2);
    expect(jobs.map((j) => [j.content_key, j.pages])).toEqual([
      ['f'.repeat(64), 2],
      ['f'.repeat(64), 2],
    ]);
    const names = all<{ original_name: string }>(h.store.db, 'SELECT original_name FROM documents').map((d) => d.original_name);
    expect(names).toEqual(['Contract.pdf', 'Contract.pdf']);
    expect(readdirSync(h.store.spoolDir).filter((f) => f.endsWith('.pdf'))).toHaveLength(2);
  });

  it('removes every spooled document when one of them cannot be spooled', async () => {
    const fsp = await import('node:fs/promises');
    let opened = 0;
    const failSecond: typeof fsp.open = (async (path: Parameters<typeof fsp.open>[0], flags?: Parameters<typeof fsp.open>[1]) => {
      if (String(path).endsWith('.part') && ++opened === 2) {
        throw Object.assign(new Error('ENOSPC: no space left on device, open'), { code: 'ENOSPC' });
      }
      return fsp.open(path, flags);
    }) as typeof fsp.open;
    h = await startHarness({
      start: false,
      deps: { fs: { open: failSecond, rename: fsp.rename, unlink: fsp.unlink, stat: fsp.stat, readdir: fsp.readdir, mkdir: fsp.mkdir } },
    });
    const [a, b] = [await h.writePdf('a.pdf', 1), await h.writePdf('b.pdf', 1)];
    const r = await h.outbox.createBroadcast({
      contentHash: 'e'.repeat(64),
      recipients: [
        { number: '2125550142', document: { pdfPath: a, pages: 1 } },
        { number: '2125550143', document: { pdfPath: b, pages: 1 } },
      ],
      skipCreditCheck: true,
    });
    expect(r).toMatchObject({ ok: false, error: { kind: 'spool' } });
    expect(opened).toBe(2);
    expect(readdirSync(h.store.spoolDir)).toEqual([]);
    expect(count('documents') + count('jobs') + count('broadcasts')).toBe(0);
  });
});
