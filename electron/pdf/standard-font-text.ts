// Text in pdf-lib's standard fonts (Helvetica and its kin), for every page we lay out
// ourselves: the cover page and the transmission report. Those fonts carry WinAnsi characters
// only, and pdf-lib throws on any other, so names from the address book are made encodable
// first; long values are wrapped to a width.

import type { PDFFont } from 'pdf-lib';

/**
 * Standard fonts only carry WinAnsi characters: accents are kept where WinAnsi has them,
 * otherwise reduced to the base letter, and anything else becomes '?', so a name in another
 * script never makes the cover fail. Text is composed first (NFC): "José" typed on a Mac comes
 * as "e" plus a combining accent, which WinAnsi carries as one "é"; a combining mark left over
 * (one WinAnsi has no letter for) is dropped with its accent, never turned into '?'.
 */
export function encodable(text: string, font: PDFFont): string {
  const supported = new Set(font.getCharacterSet());
  let out = '';
  for (const ch of text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, '    ')) {
    if (ch === '\n' || supported.has(ch.codePointAt(0) ?? 0)) {
      out += ch;
      continue;
    }
    if (/^\p{M}$/u.test(ch)) continue;
    const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
    out += base !== '' && Array.from(base).every((c) => supported.has(c.codePointAt(0) ?? 0)) ? base : '?';
  }
  return out;
}

/** Word-wraps to `width`, breaking over-long words; the last kept line ends in "…" if cut. */
export function wrap(text: string, font: PDFFont, size: number, width: number, maxLines: number): string[] {
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (fits(candidate)) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      line = '';
      let rest = word;
      while (!fits(rest)) {
        let cut = rest.length - 1;
        while (cut > 1 && !fits(rest.slice(0, cut))) cut -= 1;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  if (maxLines > 0) {
    let last = `${kept[maxLines - 1]}…`;
    while (!fits(last) && last.length > 1) last = `${last.slice(0, -2)}…`;
    kept[maxLines - 1] = last;
  }
  return kept;
}
