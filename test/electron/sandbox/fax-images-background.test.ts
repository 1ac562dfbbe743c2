// The fax image is drawn after the submission is answered, as the vendor renders: the answer
// never waits for it, the fax stays in rendering (RenderStatus 0) until it is drawn, quitting
// never waits for it, a failure that may not come again is not remembered, and the image folder
// stays bounded. Drawings are held and released by the test (an explicit signal, never a sleep).

import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/core/logger.ts';
import { pdfError } from '../../../electron/pdf/pdf-errors.ts';
import type { PdfInspector } from '../../../electron/pdf/pdf-inspector.ts';
import { defaultPdfInspector } from '../../../electron/pdf/thread-inspector.ts';
import { createFaxImages } from '../../../electron/sandbox/fax-images.ts';
import type { Sandbox } from '../../../electron/sandbox/index.ts';
import { openStore, type Store } from '../../../electron/sandbox/store.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';
import { DEMO, detailRows, manualClock, sandbox, submit, submitFields } from './helpers.ts';

let sb: Sandbox | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await sb?.close();
  sb = undefined;
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sandbox-images-'));
  dirs.push(dir);
  return dir;
}

const IMAGE_URL = /^http:\/\/127\.0\.0\.1:\d+\/fax-images\/[0-9a-f]{32}\.tif$/;

/** The process's real PDF check, with `renderFax` replaced. */
function inspectorWith(renderFax: PdfInspector['renderFax']): PdfInspector {
  const real = defaultPdfInspector();
  return { inspect: (input, options) => real.inspect(input, options), renderFax, dispose: async () => {} };
}

/** A PDF check whose drawings wait until `release()`, counting what it is asked. */
function heldInspector() {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const held = {
    asked: 0,
    release,
    inspector: inspectorWith(async (input, options) => {
      held.asked++;
      await gate;
      return defaultPdfInspector().renderFax(input, options);
    }),
  };
  return held;
}

describe('the drawing happens after the answer', () => {
  it('answers every submission at once; the rows say RenderStatus 0 until the image is drawn, then 1 with FaxDocURL and PageCount', async () => {
    const clock = manualClock();
    const held = heldInspector();
    sb = await sandbox({ speed: 1, clock, pdfInspector: held.inspector });
    const pdf = await makePdf({ pages: ['One', 'Two'] });
    // A broadcast: both recipients are answered while the one drawing of their document is held.
    expect((await submit(sb, submitFields(pdf))).Response).toBe('Success');
    expect((await submit(sb, submitFields(pdf, { FaxNumber: '12025550188' }))).Response).toBe('Success');
    expect(held.asked).toBe(1);

    clock.advance(600_000); // far past the simulated render time: still rendering, for want of the image
    const waiting = await detailRows(sb);
    expect(waiting.map((r) => [r.CurrentState, r.RenderStatus, r.PageCount, r.FaxDocURL])).toEqual([
      [1, 0, 0, ''],
      [1, 0, 0, ''],
    ]);
    expect(sb.faxes().map((f) => f.image)).toEqual([undefined, undefined]);

    held.release();
    await sb.imagesDrawn();
    // Drawn: each fax catches up from its schedule (delivered well within the 600 s).
    const drawn = await detailRows(sb);
    expect(drawn.map((r) => [r.CurrentState, r.RenderStatus, r.PageCount])).toEqual([
      [8, 1, 2],
      [8, 1, 2],
    ]);
    const urls = drawn.map((r) => String(r.FaxDocURL));
    for (const url of urls) expect(url).toMatch(IMAGE_URL);
    expect(urls[0]).not.toBe(urls[1]);
    const served = await fetch(urls[0] as string);
    expect(served.status).toBe(200);
    expect(
      createHash('sha256')
        .update(new Uint8Array(await served.arrayBuffer()))
        .digest('hex'),
    ).toBe(sb.faxes()[0]?.image?.sha256);
    expect(held.asked).toBe(1);
  });

  it('closing the server and quitting do not wait for a drawing under way, and nothing is written after', async () => {
    const dataDir = await tempDir();
    let asked = 0;
    const never = inspectorWith(() => {
      asked++;
      return new Promise(() => {});
    });
    sb = await sandbox({ dataDir, pdfInspector: never });
    expect((await submit(sb, submitFields(await makePdf({ pages: ['Long'] })))).Response).toBe('Success');
    expect(asked).toBe(1);
    await sb.stopListening(); // the app switching to live mode
    expect(sb.faxes()[0]).toMatchObject({ currentState: 1 });
    await sb.close();
    sb = undefined;
    const files = await readdir(join(dataDir, 'fax-images')).catch(() => []);
    expect(files).toEqual([]);
  });
});

describe('what a failed drawing leaves behind', () => {
  it('draws the document again after a failure that may not come again (the PDF check closed)', async () => {
    let calls = 0;
    sb = await sandbox({
      pdfInspector: inspectorWith(async (input, options) => {
        calls++;
        if (calls === 1) throw new Error('The PDF check was closed: the app is shutting down.');
        return defaultPdfInspector().renderFax(input, options);
      }),
    });
    const pdf = await makePdf({ pages: ['Again'] });
    await submit(sb, submitFields(pdf));
    await sb.settle();
    expect(sb.faxes()[0]?.image).toBeUndefined();
    await submit(sb, submitFields(pdf, { FaxNumber: '12025550188' }));
    await sb.settle();
    expect(sb.faxes()[1]?.image?.url).toMatch(IMAGE_URL);
    expect(calls).toBe(2);
  });

  it('remembers a document the PDF check refused, and does not draw it again', async () => {
    let calls = 0;
    sb = await sandbox({
      pdfInspector: inspectorWith(async () => {
        calls++;
        throw pdfError('damaged');
      }),
    });
    const pdf = await makePdf({ pages: ['Refused'] });
    await submit(sb, submitFields(pdf));
    await submit(sb, submitFields(pdf, { FaxNumber: '12025550188' }));
    await sb.settle();
    expect(sb.faxes().map((f) => f.image)).toEqual([undefined, undefined]);
    expect((await detailRows(sb)).map((r) => [r.CurrentState, r.FaxDocURL])).toEqual([
      [8, ''],
      [8, ''],
    ]);
    expect(calls).toBe(1);
  });
});

describe('the image folder stays bounded', () => {
  function fax(store: Store, pdfSha256: string) {
    return store.insertFax({
      accountId: DEMO.accountId,
      faxNumber: '12025550199',
      toHeader: '',
      fromHeader: '',
      fromHeaderFields: ['frHeader'],
      paperSize: 0,
      resolution: 0,
      priority: 'Normal',
      pages: 1,
      renderable: true,
      pdfSha256,
      pdfBytes: 1,
      submittedMs: 0,
      submitDate: '2030-01-01 00:00:00',
      state: 0,
      renderStatus: 0,
      attempts: 0,
      lastStatus: -1,
      cost: 0,
      nextAt: null,
      final: false,
      webhook: 0,
    });
  }

  it('keeps the images of the newest faxes only, deletes files no kept fax uses, and draws a pruned document again', async () => {
    const dir = join(await tempDir(), 'fax-images');
    const store = openStore(undefined);
    const images = createFaxImages({ store, dir, log: createLogger('test'), inspector: defaultPdfInspector, keepFaxes: 2 });
    try {
      const docs = await Promise.all(['A', 'B', 'C'].map((text) => makePdf({ pages: [text] })));
      const sha = docs.map((d) => createHash('sha256').update(d).digest('hex'));
      const fileOf = (i: number) => `${sha[i]}-letter-standard.tif`;
      const send = async (i: number) => {
        const f = fax(store, sha[i] as string);
        images.draw(f.outTransId, (docs[i] as Uint8Array).slice(), { pdfSha256: sha[i] as string, paperSize: 0, resolution: 0, pages: 1 });
        await images.idle();
        return f.outTransId;
      };
      const first = await send(0);
      const tokenOfFirst = store.fax(first)?.image?.token as string;
      expect(await images.read(tokenOfFirst)).toBeDefined();
      // Half-written files: one another process may still be writing, one left by a crash long ago.
      await writeFile(join(dir, `${fileOf(1)}.fresh.partial`), 'x');
      await writeFile(join(dir, `${fileOf(1)}.stale.partial`), 'x');
      const longAgo = new Date(Date.now() - 2 * 3600_000);
      await utimes(join(dir, `${fileOf(1)}.stale.partial`), longAgo, longAgo);

      await send(1);
      await send(2);
      expect(store.fax(first)?.image).toBeUndefined();
      expect(await images.read(tokenOfFirst)).toBeUndefined();
      expect((await readdir(dir)).sort()).toEqual([fileOf(1), `${fileOf(1)}.fresh.partial`, fileOf(2)].sort());

      // The first document again: its file was pruned, so it is drawn anew and served.
      const again = await send(0);
      const image = await images.read(store.fax(again)?.image?.token as string);
      expect(
        Buffer.from(image ?? [])
          .subarray(0, 2)
          .toString(),
      ).toBe('II');
      expect((await readdir(dir)).filter((n) => n.endsWith('.tif')).sort()).toEqual([fileOf(0), fileOf(2)].sort());
    } finally {
      await images.close();
      store.close();
    }
  });
});
