// The image a fax service makes of each fax before it dials: the sandbox draws every accepted
// PDF's pages as the recipient's machine prints them (through a PDF check's child, the same
// drawing as the app's fax view), encodes them as one CCITT G4 TIFF (g4-tiff.ts) and keeps it,
// to serve under an unguessable name from its loopback server: that URL is the report row's
// FaxDocURL. As at the vendor, the drawing happens after the submission is answered: the fax
// stays in rendering (RenderStatus 0) until its image is drawn (scheduler.ts waits for it), so
// a long document never holds a request open. One document sent many times (a broadcast, a
// test) is drawn once per paper and resolution. A drawing that fails leaves FaxDocURL empty.

import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PAPER_SIZE_CODE, type PaperSize, RESOLUTION_CODE, type Resolution } from '../../shared/domain.ts';
import type { Logger } from '../core/logger.ts';
import { PRIVATE_FILE_MODE, privateDir } from '../core/private-files.ts';
import { PdfError } from '../pdf/pdf-errors.ts';
import type { PdfInspector } from '../pdf/pdf-inspector.ts';
import { assembleG4Tiff, encodeG4Page, type G4Page } from './g4-tiff.ts';
import type { Store } from './store.ts';
import type { FaxImageRecord } from './store-records.ts';

export interface FaxImages {
  /**
   * Starts drawing fax `outTransId`'s image from its PDF of `pages` pages (bytes this module may
   * keep, `sha256` their hash) at a vendor paper and resolution code, and returns at once; the
   * store gets the image, under a token of this fax's own, once it is drawn.
   */
  draw(outTransId: number, pdf: Uint8Array, fax: { pdfSha256: string; paperSize: number; resolution: number; pages: number }): void;
  /** The drawing of fax `outTransId` while it is under way (it never rejects); undefined otherwise. */
  drawing(outTransId: number): Promise<void> | undefined;
  /** Resolves once nothing is being drawn or pruned: the signal a test waits for, whatever its clock. */
  idle(): Promise<void>;
  /** The TIFF served under `token`, or undefined when there is none. */
  read(token: string): Promise<Uint8Array | undefined>;
  /**
   * Stops drawing at once: a drawing under way is dropped (the page the PDF check is on is left
   * to finish unread), so quitting never waits for a long document; a file being written is finished.
   */
  close(): Promise<void>;
}

// Pages drawn per request to the PDF check: main holds a few pages' pixels at a time.
const PAGES_PER_REQUEST = 4;
// Past this the image outgrows what a client fetches (the app takes 20 MB): such a fax carries none.
const MAX_IMAGE_PAGES = 100;
// The images of the newest faxes are kept; an older fax's rows lose their FaxDocURL and its file
// goes once no kept fax shares it. Enough for any test run or trial, and the folder stays bounded.
const KEEP_FAXES = 200;
// A half-written file younger than this may be another process's drawing on the same folder.
const PARTIAL_STALE_MS = 60 * 60 * 1000;
const TOKEN = /^[0-9a-f]{32}$/;

/** The path part of a fax image's URL, from the sandbox's root. */
export function faxImagePath(token: string): string {
  return `/fax-images/${token}.tif`;
}

/** The token in a request path, when it names a fax image. */
export function faxImageToken(path: string): string | undefined {
  return /^\/fax-images\/([0-9a-f]{32})\.tif$/.exec(path)?.[1];
}

/** The name whose vendor code is `code`. */
function nameOf<K extends PaperSize | Resolution>(codes: Record<K, number>, code: number): K | undefined {
  return (Object.keys(codes) as K[]).find((k) => codes[k] === code);
}

/**
 * A failure that would come again for the same bytes: the PDF check refused the document itself.
 * Its cap being hit (a busy machine), the check closing or failing to start, or the encoder
 * failing may not happen next time, so those are not remembered.
 */
function definitive(error: unknown): boolean {
  return (error instanceof PdfError && error.code !== 'too-complex') || error instanceof RangeError;
}

type Drawn = Omit<FaxImageRecord, 'token'>;

export function createFaxImages(deps: {
  store: Store;
  dir: string;
  log: Logger;
  /** The app's PDF check, or the sandbox's own (pdf-pages.ts); neither is closed here. */
  inspector: () => PdfInspector;
  /** How many of the newest faxes keep their image (default 200). */
  keepFaxes?: number;
}): FaxImages {
  const { store, dir, log } = deps;
  const keepFaxes = deps.keepFaxes ?? KEEP_FAXES;
  // This process's drawings by file (document, paper and resolution): a success, or a definitive failure.
  const drawings = new Map<string, Promise<Drawn | undefined>>();
  // Files being drawn (pruning leaves them), and each fax's drawing while it is under way.
  const underWay = new Set<string>();
  const perFax = new Map<number, Promise<void>>();
  let pruning: Promise<void> = Promise.resolve();
  let closing = false;
  let stop!: (error: Error) => void;
  const stopped = new Promise<never>((_, reject) => {
    stop = reject;
  });
  stopped.catch(() => {});
  /** `work`, unless the images are closed first. */
  const unlessClosed = <T>(work: Promise<T>): Promise<T> => Promise.race([work, stopped]);

  async function drawFile(pdf: Uint8Array, file: string, paper: PaperSize, resolution: Resolution, count: number): Promise<Drawn> {
    const pages: G4Page[] = [];
    for (let first = 1; first <= count; first += PAGES_PER_REQUEST) {
      const numbers = Array.from({ length: Math.min(PAGES_PER_REQUEST, count - first + 1) }, (_, i) => first + i);
      // With the header band: services fit the page below the header line they stamp (left blank here).
      const rasters = await unlessClosed(deps.inspector().renderFax(pdf, { paper, resolution, pages: numbers, header: true }));
      for (const raster of rasters) pages.push(await unlessClosed(encodeG4Page(raster)));
    }
    const tiff = assembleG4Tiff(pages, { paper, resolution });
    if (closing) throw new Error('the sandbox closed while drawing it');
    await privateDir(dir);
    // Written whole, then renamed: a request reading the same document's image never sees half.
    const partial = join(dir, `${file}.${randomBytes(4).toString('hex')}.partial`);
    await writeFile(partial, tiff, { mode: PRIVATE_FILE_MODE });
    await rename(partial, join(dir, file));
    return { file, sha256: createHash('sha256').update(tiff).digest('hex'), pages: pages.length, bytes: tiff.byteLength };
  }

  /** The drawing of `file`: this process's earlier one when it stands, else a new one. */
  function drawingOf(file: string, start: () => Promise<Drawn>): Promise<Drawn | undefined> {
    let drawing = drawings.get(file);
    if (drawing) return drawing;
    underWay.add(file);
    drawing = start()
      .catch((error: unknown) => {
        log.warn('the fax image could not be drawn; its rows carry no FaxDocURL', {
          reason: error instanceof Error ? error.message : String(error),
        });
        if (!definitive(error)) drawings.delete(file);
        return undefined;
      })
      .finally(() => underWay.delete(file));
    drawings.set(file, drawing);
    return drawing;
  }

  /** Forgets the images of all but the newest faxes, and deletes the files none of them uses. */
  async function prune(): Promise<void> {
    const kept = store.keepImages(keepFaxes);
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      if (kept.has(name) || underWay.has(name)) continue;
      const path = join(dir, name);
      if (name.endsWith('.partial')) {
        const { mtimeMs } = await stat(path).catch(() => ({ mtimeMs: Date.now() }));
        if (Date.now() - mtimeMs < PARTIAL_STALE_MS) continue;
      } else if (!name.endsWith('.tif')) {
        continue;
      }
      drawings.delete(name);
      await unlink(path).catch(() => {});
    }
  }

  return {
    draw(outTransId, pdf, fax) {
      const paper = nameOf(PAPER_SIZE_CODE, fax.paperSize);
      const resolution = nameOf(RESOLUTION_CODE, fax.resolution);
      if (closing || !paper || !resolution || fax.pages < 1 || fax.pages > MAX_IMAGE_PAGES) return;
      const file = `${fax.pdfSha256}-${paper}-${resolution}.tif`;
      const done = drawingOf(file, () => drawFile(pdf, file, paper, resolution, fax.pages))
        .then((drawn) => {
          if (!drawn || closing) return;
          store.setImage(outTransId, { ...drawn, token: randomBytes(16).toString('hex') });
          pruning = pruning.then(prune).catch((error: unknown) => log.warn('old fax images could not be pruned', error));
        })
        .catch((error: unknown) => log.warn('the fax image could not be recorded', error))
        .finally(() => perFax.delete(outTransId));
      perFax.set(outTransId, done);
    },
    drawing: (outTransId) => perFax.get(outTransId),
    async idle() {
      while (perFax.size > 0) await Promise.allSettled([...perFax.values()]);
      await pruning;
    },
    async read(token) {
      if (!TOKEN.test(token)) return undefined;
      const image = store.faxByImage(token)?.image;
      if (!image) return undefined;
      return readFile(join(dir, image.file)).catch(() => undefined);
    },
    async close() {
      closing = true;
      stop(new Error('the sandbox closed while drawing it'));
      await Promise.allSettled([...drawings.values(), ...perFax.values()]);
      await pruning;
    },
  };
}
