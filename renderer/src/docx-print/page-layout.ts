// The print style of a rendered document: each of docx-preview's <section>s (one per page it
// breaks at) becomes a printed page of its own size with no margin, since the section's padding
// already is the Word page's margin. A section longer than its page (docx-preview breaks only
// where the document says to, not where text runs out) continues on the next page with its
// padding repeated.

/** A CSS length as docx-preview writes a page's size ("612.00pt"); anything else is not used. */
const LENGTH = /^\d+(\.\d+)?(pt|px|in|cm|mm)$/;
/** Word's own default when a section states no size. */
const LETTER = '8.5in 11in';

/** The size a section was laid out at (its inline width and min-height), as a CSS `size` value. */
function sectionPageSize(section: HTMLElement): string {
  const width = section.style.width.trim();
  const height = section.style.minHeight.trim();
  return LENGTH.test(width) && LENGTH.test(height) ? `${width} ${height}` : LETTER;
}

/**
 * The print style sheet's text for these sections. The first section's size is the default
 * page; a section of another size (a landscape page among portrait ones) prints on a named page
 * of its own, set on it through the CSSOM.
 */
export function printStyle(sections: readonly HTMLElement[]): string {
  const sizes: string[] = [];
  for (const section of sections) {
    const size = sectionPageSize(section);
    let index = sizes.indexOf(size);
    if (index < 0) index = sizes.push(size) - 1;
    if (index > 0) section.style.setProperty('page', `docx-size-${index}`);
  }
  const first = sizes[0] ?? LETTER;
  return [
    'html, body { margin: 0; padding: 0; background: white; }',
    `@page { size: ${first}; margin: 0; }`,
    ...sizes.slice(1).map((size, i) => `@page docx-size-${i + 1} { size: ${size}; margin: 0; }`),
    'section.docx { margin: 0; }',
    'section.docx + section.docx { break-before: page; }',
  ].join('\n');
}
