// The merge engine's unit harness: a real data folder, a real outbox (not started unless asked:
// its jobs are the judge of what was queued), the real template and data parts, and a fake
// converter (a DocxConverter is an interface) that turns each filled .docx into a PDF of its
// own text, with as many pages as the test says, failing or waiting where the test says.

import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { createMergeService, type MergeServiceDeps } from '../../../electron/merge/merge-service.ts';
import type { ConvertItem, ConvertResult, ConverterInfo, DocxConverter, MergeService } from '../../../electron/merge/types.ts';
import { createOutbox } from '../../../electron/outbox/outbox.ts';
import type { Outbox, OutboxDeps } from '../../../electron/outbox/types.ts';
import { getSettings } from '../../../electron/store/settings-repo.ts';
import { openStore, type Store } from '../../../electron/store/store.ts';
import { docxText, mergeFieldTemplate } from '../../fixtures/merge-templates.ts';
import { FAST_TIMING } from '../outbox/fast-timing.ts';

export const FAKE_INFO: ConverterInfo = {
  id: 'libreoffice',
  label: 'Fake LibreOffice',
  available: true,
  detail: 'a test double',
  fidelity: 'close',
};

export interface FakeConverterOptions {
  /** Pages of a row's PDF, from its filled text (default 1). */
  pages?: (text: string) => number;
  /** A row whose text matches fails with this problem. */
  fails?: (text: string) => boolean;
  /** Awaited before each item is converted (tests hold the converter here). */
  gate?: (item: ConvertItem, text: string) => Promise<void>;
}

export interface FakeConverters {
  /** Each batch's size, in the order they were asked for. */
  batches: number[];
  /** Texts converted, in order. */
  converted: string[];
  created: number;
  disposed: number;
  aborted: number;
  create(): DocxConverter;
}

export function fakeConverters(opts: FakeConverterOptions = {}): FakeConverters {
  const f: FakeConverters = {
    batches: [],
    converted: [],
    created: 0,
    disposed: 0,
    aborted: 0,
    create() {
      f.created++;
      return {
        info: FAKE_INFO,
        async *convert(items: readonly ConvertItem[], signal: AbortSignal): AsyncIterable<ConvertResult> {
          f.batches.push(items.length);
          for (const [index, item] of items.entries()) {
            if (signal.aborted) {
              f.aborted++;
              return;
            }
            const text = docxText(new Uint8Array(await readFile(item.docxPath)));
            await opts.gate?.(item, text);
            if (signal.aborted) {
              f.aborted++;
              return;
            }
            if (opts.fails?.(text)) {
              yield {
                index,
                ok: false,
                problem: { code: 'converter-timeout', message: `The converter hung on ${item.docxPath}.`, action: 'Try again.' },
              };
              continue;
            }
            await writeFile(item.pdfPath, await textPdf(text, opts.pages?.(text) ?? 1));
            f.converted.push(text);
            yield { index, ok: true };
          }
        },
        async dispose() {
          f.disposed++;
        },
      };
    },
  };
  return f;
}

/** A PDF whose pages carry `text` (one line a page is enough for the tests to read it back). */
export async function textPdf(text: string, pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([612, 792]);
    lines.slice(0, 30).forEach((line, i) => {
      page.drawText(line.replace(/[^\x20-\x7e]/g, '?'), { x: 50, y: 740 - i * 14, size: 10, font });
    });
  }
  return doc.save();
}

export interface Person {
  name: string;
  fax: string;
  account: string;
  patients: string;
}

/** `n` people with numbers that are nobody's (212 555 2000 + i), each with their own values. */
export function people(n: number, from = 0): Person[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return {
      name: `Dr Person ${i}`,
      fax: `212-555-${String(2000 + i)}`,
      account: `ACC-${1000 + i}`,
      patients: `Patient ${i}A; Patient ${i}B`,
    };
  });
}

export function csvOf(rows: readonly Person[]): Uint8Array {
  const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['Name,Fax,Account,Patient list', ...rows.map((r) => [r.name, r.fax, r.account, r.patients].map(q).join(','))];
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

export interface MergeHarness {
  dir: string;
  store: Store;
  outbox: Outbox;
  merge: MergeService;
  converters: FakeConverters;
  /** Another service over the same data folder (a second process, or the next start). */
  another(deps?: Partial<MergeServiceDeps>): Promise<MergeService>;
  /** A merge prepared with a template and these rows, ready to start. */
  prepare(rows: readonly Person[], template?: Uint8Array): Promise<string>;
  close(): Promise<void>;
}

export interface MergeHarnessOptions {
  converter?: FakeConverterOptions;
  deps?: Partial<MergeServiceDeps>;
  outbox?: Partial<OutboxDeps>;
}

export async function startMergeHarness(opts: MergeHarnessOptions = {}): Promise<MergeHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'openfax-merge-'));
  const store = openStore(join(dir, 'data'));
  const outbox = createOutbox({ db: store.db, dataDir: store.dataDir, getAccount: () => undefined, timing: FAST_TIMING, ...opts.outbox });
  const converters = fakeConverters(opts.converter);
  const services: MergeService[] = [];
  const build = async (deps: Partial<MergeServiceDeps> = {}) => {
    const s = await createMergeService({
      db: store.db,
      dataDir: store.dataDir,
      outbox,
      getSettings: () => getSettings(store.db),
      parts: { findConverters: async () => [FAKE_INFO], createConverter: () => converters.create() },
      timing: { heartbeatMs: 60_000 },
      ...opts.deps,
      ...deps,
    });
    services.push(s);
    return s;
  };
  const merge = await build();
  return {
    dir,
    store,
    outbox,
    merge,
    converters,
    another: build,
    async prepare(rows, template) {
      const t = template ?? (await mergeFieldTemplate({ simple: true }));
      const view = await merge.openTemplate('Notice.docx', t);
      await merge.openData(view.id, { kind: 'bytes', fileName: 'doctors.csv', bytes: csvOf(rows) });
      return view.id;
    },
    async close() {
      for (const s of services) await s.dispose();
      await outbox.stop();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
