// PNG, JPEG and TIFF made into a PDF of fax pages: one page of the paper size per image (per
// TIFF page), fitted and never stretched (image-page.ts). A long TIFF is made page by page, with
// progress, and the event loop gets a turn between pages. The result is the same bytes for the
// same file (no dates, no random ids), so the hot folder's ledger knows a file it has sent.

import { PDFDocument } from 'pdf-lib';
import { MAX_PDF_BYTES, type PaperSize } from '../../shared/domain.ts';
import type { ImageKind } from '../../shared/document-kinds.ts';
import { addImagePage } from './image-page.ts';
import { checkImageSize, imageDamaged } from './image-limits.ts';
import { embedRaster } from './image-raster.ts';
import { readJpegHeader } from './jpeg-image.ts';
import { PdfError } from './pdf-errors.ts';
import { decodePng } from './png-image.ts';
import { openTiff } from './tiff-pages.ts';

export interface ImageToPdfOptions {
  paperSize: PaperSize;
  /** After each page is made: pages done, and how many there are. */
  onPage?: (done: number, total: number) => void;
}

/** Makes the image into PDF bytes. Throws PdfError (damaged, image-too-large, too-many-pages, too-large). */
export async function imageToPdf(
  bytes: Uint8Array,
  kind: ImageKind,
  options: ImageToPdfOptions,
): Promise<{ bytes: Uint8Array; pages: number }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  let size = 0;
  const grow = (added: number, done: number, total: number) => {
    size += added;
    if (size <= MAX_PDF_BYTES) return;
    throw new PdfError(
      'too-large',
      `Made into fax pages, the image comes to more than Openfax's limit of 50 MB${total > 1 ? ` (by page ${done} of ${total})` : ''}.`,
      'Split it into smaller files, or scan it in black and white, and send them as separate faxes.',
    );
  };
  if (kind === 'jpeg') {
    const geometry = readJpegHeader(bytes);
    checkImageSize(geometry.width, geometry.height);
    let image: Awaited<ReturnType<PDFDocument['embedJpg']>>;
    try {
      image = await doc.embedJpg(bytes);
    } catch (error) {
      throw imageDamaged((error as Error).message || 'its header cannot be read', error);
    }
    grow(bytes.byteLength, 1, 1);
    addImagePage(doc, image.ref, geometry, options.paperSize);
    options.onPage?.(1, 1);
  } else if (kind === 'png') {
    const { raster, geometry } = decodePng(bytes);
    const embedded = embedRaster(doc, raster);
    grow(embedded.bytes, 1, 1);
    addImagePage(doc, embedded.ref, geometry, options.paperSize);
    options.onPage?.(1, 1);
  } else {
    const tiff = openTiff(bytes);
    for (let i = 0; i < tiff.pages; i++) {
      const { raster, geometry } = tiff.page(i);
      const embedded = embedRaster(doc, raster);
      grow(embedded.bytes, i + 1, tiff.pages);
      addImagePage(doc, embedded.ref, geometry, options.paperSize);
      options.onPage?.(i + 1, tiff.pages);
      // A 500-page TIFF takes a while: let uploads, the screen and the watcher go on meanwhile.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  const out = await doc.save({ useObjectStreams: true });
  return { bytes: out, pages: doc.getPageCount() };
}
