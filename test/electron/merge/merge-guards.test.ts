// The merge engine's guards found missing by the trust review (R1): the account a merge started
// in holds for every job, a broadcast canceled in the Outbox cancels its merge, a row's failure
// to queue stays that row's, "row N" is the person's own number, a live owner keeps its merge,
// a resume during a run's cleanup is taken up, the credit check never invents a page count, a
// quit during start-up leaves nothing running, and unreadable stored choices hold the merge.

import { hostname } from 'node:os';
import PizZip from 'pizzip';
import { afterEach, describe, expect, it } from 'vitest';
import { createMergeService } from '../../../electron/merge/merge-service.ts';
import type { ConvertItem } from '../../../electron/merge/types.ts';
import { broadcastRows } from '../../../electron/outbox-view/outbox-query.ts';
import type { Outbox } from '../../../electron/outbox/types.ts';
import {
  claimMerge,
  getMerge,
  insertMerge,
  listMergeRows,
  mergeRowCounts,
  setMergeBroadcast,
} from '../../../electron/store/merges-repo.ts';
import { getSettings } from '../../../electron/store/settings-repo.ts';
import { all, run } from '../../../electron/store/sql.ts';
import { openStore } from '../../../electron/store/store.ts';
import { mergeFieldTemplate } from '../../fixtures/merge-templates.ts';
import { csvOf, FAKE_INFO, type MergeHarness, people, startMergeHarness } from './merge-harness.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let h: MergeHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A gate the fake converter waits at for the row whose text has `name`; `reached` once it is there. */
function gateAt(name: string) {
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => {
    release = r;
  });
  let arrive: () => void = () => undefined;
  const reached = new Promise<void>((r) => {
    arrive = r;
  });
  return {
    reached,
    release,
    gate: async (_item: ConvertItem, text: string) => {
      if (text.includes(name)) {
        arrive();
        await held;
      }
    },
  };
}

async function prepareOn(merge: MergeHarness['merge'], csv: Uint8Array, template?: Uint8Array): Promise<string> {
  const v = await merge.openTemplate('Notice.docx', template ?? (await mergeFieldTemplate({ simple: true })));
  await merge.openData(v.id, { kind: 'bytes', fileName: 'd.csv', bytes: csv });
  return v.id;
}

describe('the account a merge started in', () => {
  it('stamps every job with it: a switch mid-batch queues nothing from the other account and holds the merge', async () => {
    const client = { getCredit: async () => ({ ok: true, value: 1000 }) } as never;
    let account = { accountId: 'A', endpoint: 'https://sandbox.example', client };
    const g = gateAt('Dr Person 3');
    h = await startMergeHarness({ outbox: { getAccount: () => account }, converter: { gate: g.gate } });
    const id = await h.prepare(people(6));
    await h.merge.start(id);
    await g.reached; // batch 2 (rows 1–4) is being converted: rows 0–2 already queued from A
    account = { accountId: 'B', endpoint: 'https://live.example', client };
    g.release();
    await h.merge.idle();
    const keys = all<{ account_key: string }>(h.store.db, 'SELECT account_key FROM jobs');
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys.map((k) => k.account_key)).size).toBe(1);
    expect(keys[0]?.account_key).toContain('sandbox.example');
    // The rows converted after the switch wait, pending, for the right account.
    const rows = listMergeRows(h.store.db, id);
    expect(rows.filter((r) => r.state === 'queued')).toHaveLength(keys.length);
    expect(rows.filter((r) => r.state === 'pending')).toHaveLength(6 - keys.length);
    expect(getMerge(h.store.db, id)).toMatchObject({ state: 'paused', run: { held: { code: 'account-changed' } } });
  });
});

describe('a merge broadcast canceled in the Outbox', () => {
  it('offers Cancel while rows are still being made, and cancels the merge: no job is added afterwards', async () => {
    const g = gateAt('Dr Person 2');
    h = await startMergeHarness({ converter: { gate: g.gate } });
    const id = await h.prepare(people(8));
    await h.merge.start(id);
    await g.reached;
    const bid = getMerge(h.store.db, id)?.broadcastId as number;
    // The jobs made so far are canceled one by one: none is cancelable, yet 6 rows are still coming.
    for (const j of all<{ id: number }>(h.store.db, 'SELECT id FROM jobs WHERE broadcast_id = ?', [bid])) h.outbox.cancel(j.id);
    const [row] = broadcastRows(h.store.db, [bid]);
    expect(row?.counts.preparing).toBeGreaterThan(0);
    expect(row?.canCancel).toBe(true);

    expect(h.outbox.cancelBroadcast(bid).ok).toBe(true);
    expect(getMerge(h.store.db, id)?.state).toBe('canceled');
    g.release();
    await h.merge.idle();
    const jobs = all<{ state: string }>(h.store.db, 'SELECT state FROM jobs WHERE broadcast_id = ?', [bid]);
    expect(jobs.filter((j) => j.state !== 'canceled')).toEqual([]);
    expect(getMerge(h.store.db, id)?.state).toBe('canceled');
    const c = mergeRowCounts(h.store.db, id);
    expect(c.pending + c.rendering).toBe(0);
    expect(c.queued + c.canceled).toBe(8);
  });
});

describe('a throw while queueing one row', () => {
  it('sets that row aside (pending) and holds the merge naming the cause; no other row is blamed', async () => {
    h = await startMergeHarness();
    let calls = 0;
    const flaky: Outbox = {
      ...h.outbox,
      async queuePersonal(input) {
        calls++;
        if (calls === 2) throw new Error('database is locked');
        return h?.outbox.queuePersonal(input) as ReturnType<Outbox['queuePersonal']>;
      },
    };
    const m = await h.another({ outbox: flaky, adoptOrphans: false, instanceId: 'flaky' });
    const id = await prepareOn(m, csvOf(people(6)));
    await m.start(id);
    await m.idle();
    let rows = listMergeRows(h.store.db, id);
    expect(rows.filter((r) => r.state === 'rendering')).toEqual([]);
    expect(rows.filter((r) => r.state === 'failed')).toEqual([]);
    expect(rows[1]).toMatchObject({ state: 'pending', jobId: null });
    expect(getMerge(h.store.db, id)?.run?.held).toMatchObject({
      code: 'queue-error',
      message: expect.stringContaining('database is locked'),
    });
    expect(m.get(id)?.state).toBe('paused');
    await m.resume(id);
    await m.idle();
    rows = listMergeRows(h.store.db, id);
    expect(rows.map((r) => r.state)).toEqual(Array(6).fill('queued'));
    expect(all(h.store.db, 'SELECT id FROM jobs')).toHaveLength(6);
  });
});

describe('row numbers', () => {
  it('are the line in the CSV file everywhere: the row list, the converter, the engine’s messages', async () => {
    const labels: string[] = [];
    h = await startMergeHarness({
      converter: {
        gate: async (item) => {
          labels.push(item.label ?? '');
        },
        fails: (text) => text.includes('Bob'),
      },
    });
    // Bob is on line 5: a blank line and an empty record above him are not rows, but they are lines.
    const csv = 'Name,Fax,Account,Patient list\r\nAnn,2125552000,A1,P\r\n\r\n,,,\r\nBob,2125552001,B1,P\r\n';
    const id = await prepareOn(h.merge, new TextEncoder().encode(csv));
    const listed = h.merge.listRows(id, 'all', 0, 10).rows;
    expect(listed.map((r) => [r.values.Name ?? r.values.name, r.line])).toEqual([
      [expect.anything(), 2],
      [expect.anything(), 5],
    ]);
    await h.merge.start(id);
    await h.merge.idle();
    expect(labels).toEqual(['Row 2', 'Row 5']);
    const bob = listMergeRows(h.store.db, id).find((r) => r.line === 5);
    expect(bob).toMatchObject({ row: 1, state: 'failed' });
  });

  it('names a failed row by its line in the engine’s own message', async () => {
    h = await startMergeHarness();
    let calls = 0;
    const broken: Outbox = {
      ...h.outbox,
      async queuePersonal(input) {
        calls++;
        if (calls === 1) throw new Error('disk full');
        return h?.outbox.queuePersonal(input) as ReturnType<Outbox['queuePersonal']>;
      },
    };
    const m = await h.another({ outbox: broken, adoptOrphans: false, instanceId: 'broken' });
    const csv = 'Name,Fax,Account,Patient list\r\n\r\n\r\nAnn,2125552000,A1,P\r\n';
    const id = await prepareOn(m, new TextEncoder().encode(csv));
    await m.start(id);
    await m.idle();
    expect(getMerge(h.store.db, id)?.run?.held?.message).toMatch(/^Row 4's fax could not be put in the Outbox/);
    expect(getMerge(h.store.db, id)?.run?.held?.action).toMatch(/disk space/);
  });
});

describe('who makes a merge', () => {
  it('never takes a merge from a live process on this computer, however stale its heartbeat', () => {
    const dir = mkdtempSync(join(tmpdir(), 'openfax-claim-'));
    const store = openStore(join(dir, 'data'));
    try {
      insertMerge(store.db, { id: 'm1', mapping: {}, options: {}, converter: null, now: 0 });
      const here = hostname();
      const first = { owner: 'first', pid: 1111, host: here, heartbeatAt: 0, staleAfterMs: 30_000 };
      expect(claimMerge(store.db, 'm1', { ...first, isAlive: () => true }).ok).toBe(true);
      const late = { owner: 'second', pid: 2222, host: here, heartbeatAt: 10 * 60_000, staleAfterMs: 30_000 };
      // Its heartbeat is 10 minutes old (a laptop asleep), but its pid is alive: it keeps the merge.
      expect(claimMerge(store.db, 'm1', { ...late, isAlive: () => true }).ok).toBe(false);
      expect(getMerge(store.db, 'm1')?.owner?.owner).toBe('first');
      // Its pid is gone: taken over.
      expect(claimMerge(store.db, 'm1', { ...late, isAlive: () => false })).toMatchObject({ ok: true, from: { owner: 'first' } });
      // On another computer the pid says nothing: a stale heartbeat frees it, a fresh one does not.
      const away = { owner: 'away', pid: 3333, host: 'another-computer', staleAfterMs: 30_000, isAlive: () => true };
      expect(claimMerge(store.db, 'm1', { ...away, heartbeatAt: 10 * 60_000 + 1000 }).ok).toBe(false);
      expect(claimMerge(store.db, 'm1', { ...away, heartbeatAt: 20 * 60_000 }).ok).toBe(true);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('files a merge under one broadcast only: the second owner’s broadcast is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'openfax-claim-'));
    const store = openStore(join(dir, 'data'));
    try {
      insertMerge(store.db, { id: 'm1', mapping: {}, options: {}, converter: null, now: 0 });
      run(
        store.db,
        "INSERT INTO documents(id, spool_path, sha256, size, pages, paper_size, original_name, source, created_at) VALUES ('d', 'p', 's', 1, 1, 'letter', 'n', 'compose', 0)",
      );
      run(
        store.db,
        "INSERT INTO broadcasts(id, document_id, name, recipients, created_at) VALUES (1, 'd', 'a', 2, 0), (2, 'd', 'b', 2, 0)",
      );
      expect(setMergeBroadcast(store.db, 'm1', 1, 1)).toBe(true);
      expect(setMergeBroadcast(store.db, 'm1', 2, 2)).toBe(false);
      expect(getMerge(store.db, 'm1')?.broadcastId).toBe(1);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a resume while the paused run is still cleaning up', () => {
  it('is taken up once that run ends: every row is made', async () => {
    let inDispose: () => void = () => undefined;
    const disposing = new Promise<void>((r) => {
      inDispose = r;
    });
    let letGo: () => void = () => undefined;
    const slow = new Promise<void>((r) => {
      letGo = r;
    });
    let first = true;
    h = await startMergeHarness();
    const base = h.converters;
    const m = await h.another({
      adoptOrphans: false,
      instanceId: 'race',
      parts: {
        findConverters: async () => [FAKE_INFO],
        createConverter: () => {
          const c = base.create();
          return {
            info: c.info,
            convert: c.convert,
            async dispose() {
              if (first) {
                first = false;
                inDispose();
                await slow;
              }
            },
          };
        },
      },
    });
    try {
      const id = await prepareOn(m, csvOf(people(8)));
      await m.start(id);
      await m.pause(id);
      await disposing; // the run saw the pause and is cleaning up
      await m.resume(id);
      letGo();
      await m.idle();
      expect(getMerge(h.store.db, id)?.state).toBe('done');
      expect(mergeRowCounts(h.store.db, id)).toMatchObject({ pending: 0, rendering: 0, queued: 8 });
    } finally {
      letGo();
    }
  });
});

describe('the credit check', () => {
  it('says the pages are unknown rather than assume one a fax, when the template states none and nothing was previewed', async () => {
    h = await startMergeHarness();
    const asked: (number | null)[] = [];
    const counting: Outbox = {
      ...h.outbox,
      async checkCredit(pages) {
        asked.push(pages);
        return { ok: true, value: { creditAtStart: null, estimate: null } };
      },
    };
    const m = await h.another({ outbox: counting });
    const zip = new PizZip(await mergeFieldTemplate({ simple: true, pages: 2 }));
    zip.file('docProps/app.xml', (zip.file('docProps/app.xml')?.asText() ?? '').replace(/<Pages>\d+<\/Pages>/, ''));
    const id = await prepareOn(m, csvOf(people(3)), zip.generate({ type: 'uint8array' }));
    expect(m.get(id)?.estimate.pagesPerFax).toBeNull();
    await m.start(id);
    expect(asked).toEqual([null]);
    expect(getMerge(h.store.db, id)?.run).toMatchObject({ pagesPerFax: null, estimatedCost: null });
    await m.idle();
  });
});

describe('a quit during start-up', () => {
  it('runs nothing once disposed: the converters’ answer after it raises nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openfax-quit-'));
    const store = openStore(join(dir, 'data'));
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    let found: () => void = () => undefined;
    const emitted: string[] = [];
    try {
      const s = await createMergeService({
        db: store.db,
        dataDir: store.dataDir,
        outbox: {} as never,
        getSettings: () => getSettings(store.db),
        emit: (name) => emitted.push(name),
        parts: { findConverters: () => new Promise((r) => (found = () => r([FAKE_INFO]))) },
      });
      await s.dispose();
      store.close();
      found(); // soffice --version answers after the quit
      // Two turns of the event loop: the lookup's continuation and any rejection it would raise.
      await new Promise<void>((r) => setImmediate(r));
      await new Promise<void>((r) => setImmediate(r));
      expect(unhandled).toEqual([]);
      expect(emitted).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('stored choices that no longer read', () => {
  it('refuse the start and hold a running merge, never sending with the defaults', async () => {
    h = await startMergeHarness();
    const draft = await h.prepare(people(2));
    run(h.store.db, 'UPDATE merges SET options = ? WHERE id = ?', [JSON.stringify({ fromHeader: 42 }), draft]);
    await expect(h.merge.start(draft)).rejects.toMatchObject({ code: 'options-unreadable' });
    expect(all(h.store.db, 'SELECT id FROM jobs')).toEqual([]);
    await h.merge.discard(draft);

    const m = await h.another({ adoptOrphans: false, instanceId: 'resumed' });
    const id = await prepareOn(m, csvOf(people(3, 10)));
    await m.start(id);
    await m.pause(id);
    await m.idle();
    run(h.store.db, 'UPDATE merges SET options = ? WHERE id = ?', ['"not options"', id]);
    const before = all(h.store.db, 'SELECT id FROM jobs').length;
    await m.resume(id);
    await m.idle();
    expect(getMerge(h.store.db, id)).toMatchObject({ state: 'paused', run: { held: { code: 'options-unreadable' } } });
    expect(all(h.store.db, 'SELECT id FROM jobs')).toHaveLength(before);
  });
});
