// A WordprocessingML part as a flat list of tokens (tags and text between them). Enough to walk
// runs and field characters in document order and to write the part back byte for byte where
// nothing changed; a DOM would reformat what it does not touch. Attribute values may hold a
// bare `>` (an IF field's `w:instr`), so a tag is matched with its quoted values.

export interface XmlToken {
  /** The token's text exactly as in the part. */
  raw: string;
  /** 'open' `<w:r>`, 'close' `</w:r>`, 'empty' `<w:br/>`, 'text' between tags, 'other' (declaration, comment, CDATA). */
  kind: 'open' | 'close' | 'empty' | 'text' | 'other';
  /** The qualified name of a tag (`w:r`), '' for text and others. */
  name: string;
}

const TAG_NAME = /^<\/?([^\s/>]+)/;

/**
 * Splits a part into tokens; joining every `raw` gives the part back. One pass with indexOf:
 * nothing is scanned twice, so a part built to be slow (80,000 `<` with no `>`, `<!--` with no
 * `-->`) costs what its length costs. Markup left open runs to the end of the part and is kept
 * as one 'text' token starting with `<` (see `isUnclosed`): any later `<` could not close either.
 */
export function tokenizeXml(xml: string): XmlToken[] {
  const tokens: XmlToken[] = [];
  let at = 0;
  while (at < xml.length) {
    const open = xml.indexOf('<', at);
    if (open === -1) {
      tokens.push({ raw: xml.slice(at), kind: 'text', name: '' });
      break;
    }
    if (open > at) tokens.push({ raw: xml.slice(at, open), kind: 'text', name: '' });
    const end = markupEnd(xml, open);
    if (end === -1) {
      tokens.push({ raw: xml.slice(open), kind: 'text', name: '' });
      break;
    }
    const raw = xml.slice(open, end);
    if (raw[1] === '?' || raw[1] === '!') tokens.push({ raw, kind: 'other', name: '' });
    else {
      const name = TAG_NAME.exec(raw)?.[1] ?? '';
      const kind = raw[1] === '/' ? 'close' : raw.endsWith('/>') ? 'empty' : 'open';
      tokens.push({ raw, kind, name });
    }
    at = end;
  }
  return tokens;
}

/** Whether the part's markup was left open (its last token is text that starts a tag). */
export function isUnclosed(tokens: readonly XmlToken[]): boolean {
  const last = tokens.at(-1);
  return last?.kind === 'text' && last.raw[0] === '<';
}

/** The index just past the markup starting at `open` (a `<`), or -1 when it never closes. */
function markupEnd(xml: string, open: number): number {
  if (xml.startsWith('<!--', open)) return after(xml.indexOf('-->', open + 4), 3);
  if (xml.startsWith('<![CDATA[', open)) return after(xml.indexOf(']]>', open + 9), 3);
  if (xml[open + 1] === '?' || xml[open + 1] === '!') return after(xml.indexOf('>', open + 1), 1);
  // A tag: its quoted values may hold `>`, so they are stepped over whole. Each character is
  // looked at once (a search for the next quote from every tag would rescan the part).
  for (let at = open + 1; at < xml.length; at++) {
    const c = xml[at];
    if (c === '>') return at + 1;
    if (c === '"' || c === "'") {
      at = xml.indexOf(c, at + 1);
      if (at === -1) return -1;
    }
  }
  return -1;
}

const after = (index: number, length: number) => (index === -1 ? -1 : index + length);

/** The value of an attribute of a tag token, decoded, or undefined. */
export function attribute(token: XmlToken, name: string): string | undefined {
  const match = new RegExp(`\\s${name.replace(':', '\\:')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(token.raw);
  if (!match) return undefined;
  return decodeXml(match[1] ?? match[2] ?? '');
}

/** The index of the token that closes the element `tokens[open]` opens (itself when it is empty). */
export function closingIndex(tokens: readonly XmlToken[], open: number): number {
  const first = tokens[open];
  if (first?.kind !== 'open') return open;
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const token = tokens[i] as XmlToken;
    if (token.name !== first.name) continue;
    if (token.kind === 'open') depth++;
    else if (token.kind === 'close' && --depth === 0) return i;
  }
  return tokens.length - 1;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Text as written in XML (`&amp;`, `&#x41;`) back to characters. */
function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[entity] ?? whole;
  });
}

/** Characters as XML text. */
export function encodeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The text content of the tokens between `from` and `to` (exclusive), decoded. */
export function textBetween(tokens: readonly XmlToken[], from: number, to: number): string {
  let text = '';
  for (let i = from; i < to; i++) {
    const token = tokens[i] as XmlToken;
    if (token.kind === 'text') text += decodeXml(token.raw);
  }
  return text;
}
