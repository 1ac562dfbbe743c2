// Icons come from one set (Lucide, through components/icon.tsx), never from Unicode glyphs:
// a glyph's look depends on the fonts of each machine (a box on some, an emoji on others),
// its size and baseline drift from the text, and screen readers may read it out. This scans
// every renderer source for a glyph used as an icon.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const RENDERER = resolve(import.meta.dirname, '../../renderer');
const SRC = join(RENDERER, 'src');

/** Arrows, math and technical symbols, shapes, dingbats, braille, emoji, and ‹ ›. */
const GLYPH = /[\u2039\u203A\u2190-\u21FF\u2200-\u23FF\u2460-\u27BF\u2800-\u28FF\u2900-\u297F\u2B00-\u2BFF\u{1F300}-\u{1FAFF}]/gu;
/** Glyphs that are words in a sentence, not icons: "Settings → Account", "1728 × 1078 px". */
const PROSE = [/\w → \w/g];
/** × or a punctuation mark standing alone where an icon would be (a close button, a hidden span). */
const LONE_MARKS = [/>\s*×\s*</g, /^\s*×\s*$/gm, /['"]×['"]/g, /aria-hidden="true">\s*[^\w\s<>{}·…—$%]{1,3}\s*</g, />\s*[+!*]\s+[A-Za-z]/g];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.(ts|tsx|css)$/.test(e.name) ? [path] : [];
  });
}

/** Comments may draw arrows (↑/↓ in a sentence about keys); they are not shown to anyone. */
function withoutComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** The glyph icons in a text, one per line, as "line: what". */
function glyphIcons(code: string): string[] {
  const text = withoutComments(code);
  const found = new Map<number, string>();
  const note = (index: number, what: string) => {
    const line = text.slice(0, index).split('\n').length;
    if (!found.has(line)) found.set(line, `${line}: ${what.trim()}`);
  };
  let prose = text;
  for (const re of PROSE) prose = prose.replace(re, (m) => m.replace(/[^\n]/g, 'a'));
  for (const m of prose.matchAll(GLYPH)) note(m.index, m[0]);
  for (const re of LONE_MARKS) for (const m of text.matchAll(re)) note(m.index + Math.max(0, m[0].search(/[^\s<>]/)), m[0]);
  return [...found.values()];
}

describe('no glyph icons in the renderer', () => {
  it('finds the glyphs it is meant to find', () => {
    expect(glyphIcons(`<span aria-hidden="true">⚠</span> Careful`)).toEqual(['1: ⚠']);
    expect(glyphIcons(`<button aria-label="Close">\n  ×\n</button>`)).toHaveLength(1);
    expect(glyphIcons(`<span aria-hidden="true">+</span> Add`)).toHaveLength(1);
    expect(glyphIcons(`<button>+ New contact</button>`)).toHaveLength(1);
    expect(glyphIcons(`.done::before { content: '✓'; }`)).toHaveLength(1);
    expect(glyphIcons(`const ICON = {\n waiting: '↻',\n grip: '⠿',\n star: '★' };`)).toHaveLength(3);
  });

  it('leaves words, comments and measures alone', () => {
    expect(glyphIcons(`// ↑/↓ move the selection\nconst a = 1;`)).toEqual([]);
    expect(glyphIcons(`<p>Open Settings → Account to switch.</p>`)).toEqual([]);
    expect(glyphIcons(`<span>Fine (204 × 196 dpi)</span><span aria-hidden="true">·</span>`)).toEqual([]);
  });

  it('no renderer source draws an icon with a glyph', () => {
    const files = [...sources(SRC), join(RENDERER, 'index.html')];
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((f) => glyphIcons(readFileSync(f, 'utf8')).map((g) => `${relative(RENDERER, f)}:${g}`));
    expect(offenders).toEqual([]);
  });
});
