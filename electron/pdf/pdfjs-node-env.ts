// What pdf.js's own Node set-up gives it, given in every process pdf.js runs in here. pdf.js
// decides at load whether it is in Node, and in Electron it says yes only where `process.type`
// is unset or 'browser': in the PDF check's utility process ('utility') it takes its browser
// paths, where module evaluation needs DOMMatrix, canvases come from `document` and data files
// from `fetch`, and it fails. So the canvas's DOMMatrix, ImageData and Path2D are installed
// before pdf.js is loaded, and each document gets factories that draw on @napi-rs/canvas and
// read data files (the standard fonts, beside the bundle in app.asar) with fs, which Electron
// lets read inside the archive.

import { readFile } from 'node:fs/promises';

type Canvas = typeof import('@napi-rs/canvas');

/** DOMMatrix, ImageData and Path2D from the canvas pdf.js draws on, where the process has none. */
export function installCanvasGlobals(canvas: Canvas): void {
  const g = globalThis as Record<string, unknown>;
  g.DOMMatrix ??= canvas.DOMMatrix;
  g.ImageData ??= canvas.ImageData;
  g.Path2D ??= canvas.Path2D;
}

interface CanvasAndContext {
  canvas: { width: number; height: number } | null;
  context: unknown;
}

/** pdf.js's factory for scratch canvases (patterns, masks, groups): @napi-rs/canvas, never `document`. */
export function canvasFactoryOf(canvas: Canvas) {
  return class CanvasFactory {
    create(width: number, height: number): CanvasAndContext {
      if (width <= 0 || height <= 0) throw new Error('Invalid canvas size');
      const made = canvas.createCanvas(width, height);
      return { canvas: made, context: made.getContext('2d') };
    }
    reset(cc: CanvasAndContext, width: number, height: number): void {
      if (!cc.canvas) throw new Error('Canvas is not specified');
      if (width <= 0 || height <= 0) throw new Error('Invalid canvas size');
      cc.canvas.width = width;
      cc.canvas.height = height;
    }
    destroy(cc: CanvasAndContext): void {
      if (!cc.canvas) throw new Error('Canvas is not specified');
      cc.canvas.width = 0;
      cc.canvas.height = 0;
      cc.canvas = null;
      cc.context = null;
    }
  };
}

/** SVG filters (transfer maps, high contrast) need a DOM; without one pdf.js draws unfiltered, as in Node. */
export class NoFilterFactory {
  addFilter(): string {
    return 'none';
  }
  addHCMFilter(): string {
    return 'none';
  }
  addAlphaFilter(): string {
    return 'none';
  }
  addLuminosityFilter(): string {
    return 'none';
  }
  addHighlightHCMFilter(): string {
    return 'none';
  }
  destroy(): void {}
}

type DataKind = 'cMapUrl' | 'standardFontDataUrl' | 'wasmUrl';

/** pdf.js's reader of its data files, from folders on disk (or in app.asar) with fs, not `fetch`. */
export class FileDataFactory {
  private readonly folders: Partial<Record<DataKind, string | null>>;
  constructor(folders: Partial<Record<DataKind, string | null>>) {
    this.folders = folders;
  }
  async fetch({ kind, filename }: { kind: DataKind; filename: string }): Promise<Uint8Array> {
    const folder = this.folders[kind];
    if (!folder) throw new Error(`Ensure that the \`${kind}\` API parameter is provided.`);
    try {
      return new Uint8Array(await readFile(`${folder}${filename}`));
    } catch {
      throw new Error(`Unable to load pdf.js data at: ${folder}${filename}`);
    }
  }
}
