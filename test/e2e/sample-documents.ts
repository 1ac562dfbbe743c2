// Documents the end-to-end specs hand to the app, and the two ways a person hands them over.

import type { Page } from '@playwright/test';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';

/** A three-page Letter PDF with large black text and a box on every page. */
export async function threePagePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= 3; n++) {
    const page = doc.addPage([612, 792]);
    page.drawText(`Quarterly report, page ${n}`, { x: 60, y: 700, size: 28, font: bold, color: rgb(0, 0, 0) });
    page.drawRectangle({ x: 60, y: 420, width: 490, height: 220, borderWidth: 4, borderColor: rgb(0, 0, 0) });
    for (let l = 0; l < 12; l++) {
      page.drawText('Figures and notes that the recipient must be able to read.', { x: 60, y: 380 - l * 22, size: 14, font: regular });
    }
    page.drawText('light grey footnote that vanishes in fax view', { x: 60, y: 60, size: 10, font: regular, color: rgb(0.8, 0.8, 0.8) });
  }
  return doc.save();
}

/** Drops a file on the window, as dragging it from the file manager does. */
export async function dropFile(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await page.evaluate(
    ({ name, b64 }) => {
      const bin = atob(b64);
      const data = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) data[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([data], name, { type: 'application/pdf' }));
      const target = document.querySelector('main') ?? document.body;
      for (const type of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
      }
    },
    { name, b64: Buffer.from(bytes).toString('base64') },
  );
}
