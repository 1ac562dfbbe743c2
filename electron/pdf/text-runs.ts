// The text a page draws, run by run, from its pdf.js operator list: how many characters, at
// what printed size, in what colour and opacity, and where (a box in the page's own space).
// The ink facts (ink-facts.ts) judge each run's size, and its colour against what the page
// shows behind it. The walk keeps PDF's text state (text and line matrices, spacing, rise,
// render mode) and graphics state (CTM, colours, opacity) through save/restore, forms and
// annotations, so a run's box lands where pdf.js draws it.

import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { loadPdfJs } from './pdfjs-loader.ts';

type Ops = Awaited<ReturnType<typeof loadPdfJs>>['pdfjs']['OPS'];

/** A PDF matrix [a b c d e f]: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const DEFAULT_FONT_MATRIX: Matrix = [0.001, 0, 0, 0.001, 0, 0];

export interface TextRun {
  /** Visible characters: spaces and an invisible text layer (render mode 3) are not counted. */
  chars: number;
  /** Its em in the page's points; absent when not known (a Type 3 font, a size of 0). */
  sizePt?: number;
  /** Ink of its colour (0 white … 1 black); absent for a pattern, whose ink is not known. */
  ink?: number;
  /** Its opacity, 0 … 1. */
  alpha: number;
  /** Its box from descent to ascent, in the page's user space: four corners, x0 y0 … x3 y3. */
  box: number[];
}

/** m × n in PDF's row-vector convention: m applied first. */
export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

function asMatrix(value: unknown): Matrix | undefined {
  const a = value as ArrayLike<number> | null | undefined;
  if (a?.length !== 6) return undefined;
  const m = Array.from(a) as Matrix;
  return m.every(Number.isFinite) ? m : undefined;
}

const translate = (x: number, y: number): Matrix => [1, 0, 0, 1, x, y];
const finite = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);

/** Ink of a '#rrggbb' colour: 1 − luminance, the weights the halftone uses. */
function inkOfHex(color: unknown): number | undefined {
  if (typeof color !== 'string' || !/^#[0-9a-f]{6}$/i.test(color)) return undefined;
  const v = (i: number) => Number.parseInt(color.slice(i, i + 2), 16);
  return 1 - (0.299 * v(1) + 0.587 * v(3) + 0.114 * v(5)) / 255;
}

interface State {
  ctm: Matrix;
  textMatrix: Matrix;
  lineMatrix: Matrix;
  font?: string;
  fontSize: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
  mode: number;
  /** undefined: a pattern or no colour, whose ink is not known. */
  fill: number | undefined;
  stroke: number | undefined;
  fillAlpha: number;
  strokeAlpha: number;
}

type Glyph = { isSpace?: boolean; unicode?: string; width?: number } | number | null;

function isVisible(g: Glyph): g is Exclude<Glyph, number | null> {
  if (!g || typeof g !== 'object' || g.isSpace) return false;
  return !(typeof g.unicode === 'string' && g.unicode !== '' && g.unicode.trim() === '');
}

interface FontFacts {
  type3: boolean;
  matrix: Matrix;
}

/** Every run of text the page draws, in drawing order. */
export async function readTextRuns(page: PDFPageProxy, ops: Ops): Promise<TextRun[]> {
  const list = await page.getOperatorList();
  const unit = page.userUnit || 1;
  const runs: TextRun[] = [];
  const stack: State[] = [];
  const fonts = new Map<string, FontFacts>();
  let s: State = {
    ctm: IDENTITY,
    textMatrix: IDENTITY,
    lineMatrix: IDENTITY,
    fontSize: 0,
    charSpacing: 0,
    wordSpacing: 0,
    hScale: 1,
    leading: 0,
    rise: 0,
    mode: 0,
    fill: 1,
    stroke: 1,
    fillAlpha: 1,
    strokeAlpha: 1,
  };
  const push = () => stack.push({ ...s });
  const pop = () => {
    s = stack.pop() ?? s;
  };
  const fontOf = (name: string | undefined): FontFacts => {
    const known = name ? fonts.get(name) : undefined;
    if (known || !name) return known ?? { type3: false, matrix: DEFAULT_FONT_MATRIX };
    const font = page.commonObjs.has(name) ? (page.commonObjs.get(name) as { isType3Font?: boolean; fontMatrix?: unknown } | null) : null;
    const facts = { type3: font?.isType3Font === true, matrix: asMatrix(font?.fontMatrix) ?? DEFAULT_FONT_MATRIX };
    fonts.set(name, facts);
    return facts;
  };
  const moveLine = (x: number, y: number) => {
    s.lineMatrix = multiply(translate(x, y), s.lineMatrix);
    s.textMatrix = s.lineMatrix;
  };
  const show = (glyphs: unknown) => {
    if (!Array.isArray(glyphs)) return;
    const font = fontOf(s.font);
    // The advance along the line, in text space (PDF 9.4.4); TJ's numbers are thousandths of an em.
    let advance = 0;
    let chars = 0;
    for (const g of glyphs as Glyph[]) {
      if (typeof g === 'number') {
        advance -= (g / 1000) * s.fontSize * s.hScale;
        continue;
      }
      if (!g || typeof g !== 'object') continue;
      const width = finite(g.width, 500) * font.matrix[0] * s.fontSize;
      advance += (width + s.charSpacing + (g.isSpace ? s.wordSpacing : 0)) * s.hScale;
      if (isVisible(g)) chars += 1;
    }
    const m = multiply(s.textMatrix, s.ctm);
    s.textMatrix = multiply(translate(advance, 0), s.textMatrix);
    const paint = s.mode & 3;
    if (paint === 3 || chars === 0) return;
    // Descent and ascent as most fonts have them: a fifth of the em below, four fifths above.
    const low = s.rise - 0.2 * s.fontSize;
    const high = s.rise + 0.8 * s.fontSize;
    const box: number[] = [];
    for (const [x, y] of [
      [0, low],
      [advance, low],
      [advance, high],
      [0, high],
    ] as const) {
      box.push(m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]);
    }
    const fill = s.fill;
    const stroke = s.stroke;
    const ink =
      paint === 0 ? fill : paint === 1 ? stroke : fill === undefined && stroke === undefined ? undefined : Math.max(fill ?? 0, stroke ?? 0);
    const alpha = paint === 0 ? s.fillAlpha : paint === 1 ? s.strokeAlpha : Math.max(s.fillAlpha, s.strokeAlpha);
    const run: TextRun = { chars, alpha, box };
    // A Type 3 font's glyphs are drawn in a space of its own: its em is not the font size.
    const size = s.fontSize * Math.hypot(m[2], m[3]) * unit;
    if (!font.type3 && size > 0 && Number.isFinite(size)) run.sizePt = size;
    if (ink !== undefined) run.ink = ink;
    runs.push(run);
  };
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i];
    const args = (list.argsArray[i] ?? []) as unknown[];
    switch (fn) {
      case ops.save:
        push();
        break;
      case ops.restore:
        pop();
        break;
      case ops.transform: {
        const m = asMatrix(args);
        if (m) s.ctm = multiply(m, s.ctm);
        break;
      }
      case ops.paintFormXObjectBegin: {
        push();
        const m = asMatrix(args[0]);
        if (m) s.ctm = multiply(m, s.ctm);
        break;
      }
      case ops.paintFormXObjectEnd:
        pop();
        break;
      case ops.beginAnnotation: {
        // An annotation's appearance is drawn from the page's own space: its transform, then its matrix.
        push();
        const t = asMatrix(args[2]) ?? IDENTITY;
        const m = asMatrix(args[3]) ?? IDENTITY;
        s.ctm = multiply(m, t);
        break;
      }
      case ops.endAnnotation:
        pop();
        break;
      case ops.beginText:
        s.textMatrix = IDENTITY;
        s.lineMatrix = IDENTITY;
        break;
      case ops.setTextMatrix: {
        const m = asMatrix(args[0]) ?? asMatrix(args);
        if (m) {
          s.textMatrix = m;
          s.lineMatrix = m;
        }
        break;
      }
      case ops.moveText:
        moveLine(finite(args[0], 0), finite(args[1], 0));
        break;
      case ops.setLeadingMoveText:
        s.leading = -finite(args[1], 0);
        moveLine(finite(args[0], 0), finite(args[1], 0));
        break;
      case ops.nextLine:
        moveLine(0, -s.leading);
        break;
      case ops.setLeading:
        s.leading = finite(args[0], 0);
        break;
      case ops.setCharSpacing:
        s.charSpacing = finite(args[0], 0);
        break;
      case ops.setWordSpacing:
        s.wordSpacing = finite(args[0], 0);
        break;
      case ops.setHScale:
        s.hScale = finite(args[0], 100) / 100;
        break;
      case ops.setTextRise:
        s.rise = finite(args[0], 0);
        break;
      case ops.setFont:
        s.font = typeof args[0] === 'string' ? args[0] : undefined;
        s.fontSize = Math.abs(finite(args[1], 0));
        break;
      case ops.setTextRenderingMode:
        s.mode = finite(args[0], 0);
        break;
      case ops.setFillRGBColor:
        s.fill = inkOfHex(args[0]);
        break;
      case ops.setStrokeRGBColor:
        s.stroke = inkOfHex(args[0]);
        break;
      case ops.setFillColorN:
      case ops.setFillTransparent:
        s.fill = undefined;
        break;
      case ops.setStrokeColorN:
      case ops.setStrokeTransparent:
        s.stroke = undefined;
        break;
      case ops.setGState:
        for (const entry of Array.isArray(args[0]) ? (args[0] as unknown[]) : []) {
          const [key, value] = Array.isArray(entry) ? entry : [];
          if (key === 'ca' && typeof value === 'number') s.fillAlpha = value;
          if (key === 'CA' && typeof value === 'number') s.strokeAlpha = value;
          if (key === 'Font' && Array.isArray(value)) {
            s.font = typeof value[0] === 'string' ? value[0] : undefined;
            s.fontSize = Math.abs(finite(value[1], 0));
          }
        }
        break;
      case ops.showText:
        show(args[0]);
        break;
    }
  }
  return runs;
}
