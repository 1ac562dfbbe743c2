// Word documents name Word's fonts (Times New Roman, Arial, Calibri…). Where one is missing,
// Chromium draws the text in its default font, often a much wider one, and every line breaks
// elsewhere than in Word. For a missing font this names, in its place, the first installed of
// its stand-ins: the metric-compatible ones first (Liberation, Croscore, Carlito, Caladea: same
// widths as Word's), then the URW clones LibreOffice and Ghostscript bring, then DejaVu, so
// lines break close to where Word breaks them. Installed fonts are never replaced.

interface StandIn {
  /** The full name of its regular face, without a "Regular" suffix. */
  full: string;
  /** Its PostScript name's stem. */
  ps: string;
  /** What its regular face's full and PostScript names add ("Nimbus Roman Regular", "Tinos-Regular"). */
  regular?: { full?: string; ps?: string };
  /** Its slanted faces' word. */
  slant?: 'Italic' | 'Oblique';
}

const LIBERATION_SERIF: StandIn = { full: 'Liberation Serif', ps: 'LiberationSerif' };
const LIBERATION_SANS: StandIn = { full: 'Liberation Sans', ps: 'LiberationSans' };
const LIBERATION_MONO: StandIn = { full: 'Liberation Mono', ps: 'LiberationMono' };
const TINOS: StandIn = { full: 'Tinos', ps: 'Tinos', regular: { ps: '-Regular' } };
const ARIMO: StandIn = { full: 'Arimo', ps: 'Arimo', regular: { ps: '-Regular' } };
const COUSINE: StandIn = { full: 'Cousine', ps: 'Cousine', regular: { ps: '-Regular' } };
const CARLITO: StandIn = { full: 'Carlito', ps: 'Carlito' };
const CALADEA: StandIn = { full: 'Caladea', ps: 'Caladea' };
const NIMBUS_ROMAN: StandIn = { full: 'Nimbus Roman', ps: 'NimbusRoman', regular: { full: ' Regular', ps: '-Regular' } };
const NIMBUS_SANS: StandIn = { full: 'Nimbus Sans', ps: 'NimbusSans', regular: { full: ' Regular', ps: '-Regular' } };
const NIMBUS_MONO: StandIn = { full: 'Nimbus Mono PS', ps: 'NimbusMonoPS', regular: { full: ' Regular', ps: '-Regular' } };
const DEJAVU_SERIF: StandIn = { full: 'DejaVu Serif', ps: 'DejaVuSerif' };
const DEJAVU_SANS: StandIn = { full: 'DejaVu Sans', ps: 'DejaVuSans', slant: 'Oblique' };
const DEJAVU_MONO: StandIn = { full: 'DejaVu Sans Mono', ps: 'DejaVuSansMono', slant: 'Oblique' };

const SERIF = [LIBERATION_SERIF, TINOS, NIMBUS_ROMAN, DEJAVU_SERIF];
const SANS = [LIBERATION_SANS, ARIMO, NIMBUS_SANS, DEJAVU_SANS];
const MONO = [LIBERATION_MONO, COUSINE, NIMBUS_MONO, DEJAVU_MONO];

/** Word's common fonts and their stand-ins, best first. */
const STAND_INS: Readonly<Record<string, readonly StandIn[]>> = {
  'Times New Roman': SERIF,
  Times: SERIF,
  Georgia: SERIF,
  Garamond: SERIF,
  'Book Antiqua': SERIF,
  Cambria: [CALADEA, ...SERIF],
  Arial: SANS,
  Helvetica: SANS,
  'Arial Narrow': SANS,
  Verdana: [DEJAVU_SANS, ...SANS],
  Tahoma: SANS,
  'Segoe UI': SANS,
  Calibri: [CARLITO, ...SANS],
  Aptos: [CARLITO, ...SANS],
  'Courier New': MONO,
  Courier: MONO,
  Consolas: MONO,
};

type Face = { weight: 'normal' | 'bold'; style: 'normal' | 'italic' };
const FACES: readonly Face[] = [
  { weight: 'normal', style: 'normal' },
  { weight: 'bold', style: 'normal' },
  { weight: 'normal', style: 'italic' },
  { weight: 'bold', style: 'italic' },
];

/** The `local()` names of one face of a stand-in: its full name and its PostScript name. */
function localNames(s: StandIn, face: Face): string[] {
  const slant = s.slant ?? 'Italic';
  const bold = face.weight === 'bold';
  const italic = face.style === 'italic';
  if (!bold && !italic) return [s.full + (s.regular?.full ?? ''), s.ps + (s.regular?.ps ?? '')];
  const words = [bold ? 'Bold' : '', italic ? slant : ''].filter(Boolean);
  return [`${s.full} ${words.join(' ')}`, `${s.ps}-${words.join('')}`];
}

/** Whether Chromium has a font of this family (itself, or one fontconfig gives as its metric twin). */
function installed(family: string, measure: CanvasRenderingContext2D): boolean {
  const sample = 'mmmmmmmmmmlliWWQ@';
  return ['monospace', 'serif', 'sans-serif'].some((generic) => {
    measure.font = `72px ${generic}`;
    const base = measure.measureText(sample).width;
    measure.font = `72px "${family}", ${generic}`;
    return measure.measureText(sample).width !== base;
  });
}

/**
 * Adds a stand-in for each of `families` (the fonts the document names) that is missing here
 * and has one in STAND_INS; answers the families replaced, for the log of a test.
 */
export async function addStandIns(families: Iterable<string>): Promise<string[]> {
  const measure = document.createElement('canvas').getContext('2d');
  if (!measure) return [];
  const replaced: string[] = [];
  for (const family of new Set(families)) {
    const standIns = STAND_INS[family];
    if (!standIns || installed(family, measure)) continue;
    const faces = FACES.map((face) => {
      const src = standIns.flatMap((s) => localNames(s, face).map((name) => `local("${name}")`)).join(', ');
      return new FontFace(family, src, face);
    });
    // A face none of whose stand-ins is installed fails to load: left out, Chromium falls back.
    const loaded = await Promise.all(
      faces.map((f) =>
        f.load().then(
          () => f,
          () => undefined,
        ),
      ),
    );
    const usable = loaded.filter((f): f is FontFace => !!f);
    for (const f of usable) document.fonts.add(f);
    if (usable.length) replaced.push(family);
  }
  return replaced;
}

/** Font families a document's style sheets and inline styles name (quotes and var() left out). */
export function familiesNamed(cssTexts: readonly string[], root: HTMLElement): string[] {
  const lists = cssTexts.flatMap((css) => [...css.matchAll(/font-family:\s*([^;}]+)/g)].map((m) => m[1] ?? ''));
  for (const el of root.querySelectorAll<HTMLElement>('[style]')) if (el.style.fontFamily) lists.push(el.style.fontFamily);
  // Theme fonts arrive as custom properties (--docx-minorHAnsi-font: Calibri).
  for (const css of cssTexts) for (const m of css.matchAll(/--docx-\w+-font:\s*([^;}]+)/g)) lists.push(m[1] ?? '');
  return lists
    .flatMap((list) => list.split(','))
    .map((name) => name.trim().replace(/^['"]|['"]$/g, ''))
    .filter((name) => name && !name.startsWith('var('));
}
