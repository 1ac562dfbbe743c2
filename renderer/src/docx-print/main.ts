// The built-in DOCX converter's page (docx-print.html): fetches the one document its URL's
// fragment names from its own origin, lays it out with docx-preview, and says by its title when
// it can be printed (shared/docx-print.ts). It has no bridge to main and needs none.

import { defaultOptions, type HElement, type Options, parseAsync, renderDocument } from 'docx-preview';
import { DOCX_PRINT_READY, docPathFromHash, docxPrintErrorTitle } from '../../../shared/docx-print.ts';
import { addStandIns, familiesNamed } from './font-stand-ins.ts';
import { printStyle } from './page-layout.ts';
import { paginate } from './paginate.ts';

/**
 * docx-preview's element factory sets a style given as text with `setAttribute('style')`, which
 * the page's CSP (no 'unsafe-inline' styles) refuses; the CSSOM's `cssText` is allowed. Only the
 * top element of each call can carry such a style (VML's drawing box).
 */
function cspSafeH(elem: HElement | Node | string): Node {
  if (typeof elem === 'string' || elem instanceof Node || typeof elem.style !== 'string') return defaultOptions.h(elem);
  const { style, ...rest } = elem;
  const node = defaultOptions.h(rest);
  if (node instanceof HTMLElement || node instanceof SVGElement) node.style.cssText = style;
  return node;
}

const OPTIONS: Partial<Options> = {
  inWrapper: false,
  breakPages: true,
  // Word writes where its own layout broke the pages; following it keeps Word's page count.
  ignoreLastRenderedPageBreak: false,
  // Tab stops laid out like Word's (a right-aligned date, dotted leaders), not one wide space.
  experimental: true,
  renderHeaders: true,
  renderFooters: true,
  renderFootnotes: true,
  renderEndnotes: true,
  renderComments: false,
  renderChanges: false,
  // An altChunk would be an <iframe> of foreign HTML: the page allows no frames.
  renderAltChunks: false,
  useBase64URL: false,
  h: cspSafeH,
};

/**
 * docx-preview lays tab stops out in a timer of its own, 500 ms after rendering (its
 * `refreshTabStops`). A timer of the same delay set later runs after it (HTML's timer ordering),
 * so this waits for exactly that pass, and only when the document has tabs.
 */
const TAB_STOP_PASS_MS = 500;

/** Every .docx starts with a ZIP local file header. */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** The fonts a parsed document lists: its font table (word/fontTable.xml) and its theme's fonts. */
function fontsListed(doc: {
  fontTablePart?: { fonts?: Array<{ name?: string }> };
  themePart?: { theme?: { fontScheme?: any } };
}): string[] {
  const scheme = doc.themePart?.theme?.fontScheme;
  const names = [
    ...(doc.fontTablePart?.fonts ?? []).map((f) => f.name),
    scheme?.majorFont?.latinTypeface,
    scheme?.minorFont?.latinTypeface,
  ];
  return names.filter((n): n is string => typeof n === 'string' && n !== '');
}

function sheet(text: string): CSSStyleSheet {
  const s = new CSSStyleSheet();
  s.replaceSync(text);
  return s;
}

async function imagesDecoded(root: HTMLElement): Promise<void> {
  // A broken image prints as a gap, as it would in Word; it is not a reason to fail the page.
  await Promise.all([...root.querySelectorAll('img')].map((img) => img.decode().catch(() => undefined)));
}

async function layOut(): Promise<void> {
  const path = docPathFromHash(location.hash);
  if (!path) throw new Error('the page was not given a document');
  const response = await fetch(path, { cache: 'no-store', credentials: 'same-origin', redirect: 'error' });
  if (!response.ok) throw new Error(`the document could not be fetched (HTTP ${response.status})`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  // The library's own words for these ("Can't find end of central directory") mean nothing to a person.
  if (!ZIP_MAGIC.every((b, i) => bytes[i] === b))
    throw new Error('the file is not a Word document: a .docx is a ZIP archive, and this is not one');
  const doc = await parseAsync(bytes, OPTIONS).catch((err: unknown) => {
    throw new Error(`the file is a damaged ZIP archive: ${err instanceof Error ? err.message : String(err)}`);
  });
  if (!doc.documentPart?.body) throw new Error('the file is a ZIP archive with no Word document in it');
  // Before rendering, so that docx-preview's tab-stop pass measures the text in the fonts it prints in.
  await addStandIns(fontsListed(doc));
  const nodes = await renderDocument(doc, OPTIONS);
  const body = document.getElementById('document');
  if (!body) throw new Error('the page has no document area');
  // docx-preview hands its styles over as <style> elements, which the CSP refuses once in the
  // document; the same text as constructed sheets goes through the CSSOM.
  const cssTexts: string[] = [];
  for (const node of nodes) {
    if (node.nodeName === 'STYLE') cssTexts.push(node.textContent ?? '');
    else body.append(node);
  }
  if (!body.querySelector(':scope > section.docx')) throw new Error('the document has no pages');
  document.adoptedStyleSheets = cssTexts.map(sheet);
  // A font the styles name that the font table did not list.
  await addStandIns(familiesNamed(cssTexts, body));
  if (body.querySelector('.docx-tab-stop')) await new Promise((resolve) => setTimeout(resolve, TAB_STOP_PASS_MS));
  await document.fonts.ready;
  await imagesDecoded(body);
  // Laid out at last: split where pages end, then give each page its size.
  const pages = paginate(body);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet(printStyle(pages))];
}

layOut().then(
  () => {
    document.title = DOCX_PRINT_READY;
  },
  (err: unknown) => {
    document.title = docxPrintErrorTitle(err instanceof Error ? err.message : String(err));
  },
);
