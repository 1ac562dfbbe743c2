// The drawing kit both reports share: a page of the job's paper size, the standard fonts (every
// value made encodable first, pdf/standard-font-text.ts), a pen that moves down the page, label
// and value rows, and table rows whose cells wrap. Everything is solid black on white with
// lines of at least 0.75 pt, so a report printed or faxed onward stays legible.

import { type PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import type { PaperSize } from '../../shared/domain.ts';
import { PAPER_DIMENSIONS } from '../pdf/paper-size.ts';
import { encodable, wrap } from '../pdf/standard-font-text.ts';

export const BLACK = rgb(0, 0, 0);
const MARGIN = 50;

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  mono: PDFFont;
}

export async function embedFonts(doc: PDFDocument): Promise<Fonts> {
  return {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    mono: await doc.embedFont(StandardFonts.Courier),
  };
}

export interface Column {
  width: number;
  font?: 'regular' | 'bold' | 'mono';
}

/** A pen on one page: `y` is the top of the next line, in PDF points from the bottom. */
export class Pen {
  readonly page: PDFPage;
  readonly fonts: Fonts;
  readonly left = MARGIN;
  readonly right: number;
  readonly bottom = MARGIN;
  y: number;

  constructor(doc: PDFDocument, paper: PaperSize, fonts: Fonts) {
    const { width, height } = PAPER_DIMENSIONS[paper];
    this.page = doc.addPage([width, height]);
    this.fonts = fonts;
    this.right = width - MARGIN;
    this.y = height - MARGIN;
  }

  get width(): number {
    return this.right - this.left;
  }

  /** Lines of `text` wrapped to `width` (made encodable for `font`). */
  lines(text: string, font: PDFFont, size: number, width: number, maxLines = 3): string[] {
    const lines = wrap(encodable(text, font), font, size, width, maxLines);
    return lines.length ? lines : [''];
  }

  /** One block of text at the pen, wrapped to the page; moves the pen below it. */
  text(text: string, opts: { size: number; font?: PDFFont; gap?: number; maxLines?: number; x?: number }): void {
    const font = opts.font ?? this.fonts.regular;
    const x = opts.x ?? this.left;
    const leading = opts.size * 1.25;
    for (const line of this.lines(text, font, opts.size, this.right - x, opts.maxLines ?? 3)) {
      this.page.drawText(line, { x, y: this.y - opts.size, size: opts.size, font, color: BLACK });
      this.y -= leading;
    }
    this.y -= opts.gap ?? 0;
  }

  rule(thickness = 0.75, gap = 6): void {
    this.page.drawLine({ start: { x: this.left, y: this.y }, end: { x: this.right, y: this.y }, thickness, color: BLACK });
    this.y -= gap;
  }

  /** "Label    value" rows, the value wrapped beside its label. */
  facts(rows: ReadonlyArray<readonly [string, string, ('regular' | 'mono')?]>, labelWidth = 108, size = 10): void {
    this.y = this.factsAt(rows, { x: this.left, width: this.width, labelWidth, size });
  }

  /** Two columns of facts side by side (`leftWidth` points for the first); the pen moves below the longer. */
  factColumns(
    left: ReadonlyArray<readonly [string, string, ('regular' | 'mono')?]>,
    right: ReadonlyArray<readonly [string, string, ('regular' | 'mono')?]>,
    opts: { leftWidth: number; labelWidths: readonly [number, number]; size?: number; gap?: number },
  ): void {
    const size = opts.size ?? 10;
    const gap = opts.gap ?? 14;
    const endLeft = this.factsAt(left, { x: this.left, width: opts.leftWidth, labelWidth: opts.labelWidths[0], size });
    const x = this.left + opts.leftWidth + gap;
    const endRight = this.factsAt(right, { x, width: this.right - x, labelWidth: opts.labelWidths[1], size });
    this.y = Math.min(endLeft, endRight);
  }

  /** Draws fact rows in a column from the pen's line down, and returns where they end (the pen stays). */
  private factsAt(
    rows: ReadonlyArray<readonly [string, string, ('regular' | 'mono')?]>,
    at: { x: number; width: number; labelWidth: number; size: number },
  ): number {
    const { size, labelWidth } = at;
    const leading = size * 1.3;
    let y = this.y;
    for (const [label, value, font = 'regular'] of rows) {
      const f = this.fonts[font];
      const valueSize = font === 'mono' ? size - 1 : size;
      const lines = this.lines(value, f, valueSize, at.width - labelWidth, 3);
      this.page.drawText(label, { x: at.x, y: y - size, size, font: this.fonts.bold, color: BLACK });
      lines.forEach((line, i) => {
        this.page.drawText(line, { x: at.x + labelWidth, y: y - size - i * leading, size: valueSize, font: f, color: BLACK });
      });
      y -= lines.length * leading + 2;
    }
    return y;
  }

  /** One table row: each cell wrapped in its column (up to `maxLines`); the pen moves below the tallest. */
  row(cells: readonly string[], columns: readonly Column[], opts: { size?: number; bold?: boolean; maxLines?: number } = {}): void {
    const size = opts.size ?? 9;
    const leading = size * 1.25;
    let x = this.left;
    let tallest = 1;
    cells.forEach((cell, i) => {
      const column = columns[i] as Column;
      const font = opts.bold ? this.fonts.bold : this.fonts[column.font ?? 'regular'];
      const lines = this.lines(cell, font, size, column.width - 6, opts.maxLines ?? 2);
      lines.forEach((line, j) => {
        this.page.drawText(line, { x, y: this.y - size - j * leading, size, font, color: BLACK });
      });
      tallest = Math.max(tallest, lines.length);
      x += column.width;
    });
    this.y -= tallest * leading + 3;
  }

  /** Whether `points` more fit above the bottom margin. */
  fits(points: number): boolean {
    return this.y - points >= this.bottom;
  }
}
