// Finds routing codes in a document's text. Printer drivers and text extraction insert spaces
// and line breaks anywhere (`{{ fax : 1 202 555 1212 }}`, a code wrapped over two lines), so
// every delimiter and keyword tolerates whitespace between its characters. A code that opens
// but does not close is reported, never guessed at.

export type CodeSyntax = 'openfax' | 'yajhfc' | 'rightfax';
export type CodeKey = 'fax' | 'to' | 'from' | 'subject' | 'recipient' | 'tofaxnum' | 'toname';

export interface FoundCode {
  syntax: CodeSyntax;
  key: CodeKey;
  /** Whitespace runs collapsed to one space, trimmed. */
  value: string;
  /** The code as it appeared, whitespace collapsed, for messages. */
  raw: string;
  index: number;
}

export interface CodeScan {
  codes: FoundCode[];
  problems: string[];
}

/** `fax` → `f\s*a\s*x`: a keyword with any whitespace between its letters. */
function loose(word: string): string {
  return Array.from(word, (ch) => ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*');
}

const MAX_VALUE = 300;

interface SyntaxRule {
  syntax: CodeSyntax;
  keys: CodeKey[];
  full: RegExp;
  opener: RegExp;
  example: (key: string) => string;
}

function rule(syntax: CodeSyntax, keys: CodeKey[], open: string, value: string, close: string, example: (k: string) => string): SyntaxRule {
  const keyAlt = `(${keys.map(loose).join('|')})`;
  return {
    syntax,
    keys,
    full: new RegExp(`${open}\\s*${keyAlt}\\s*:(${value}{0,${MAX_VALUE}}?)${close}`, 'giu'),
    opener: new RegExp(`${open}\\s*${keyAlt}\\s*:`, 'giu'),
    example,
  };
}

const RULES: SyntaxRule[] = [
  rule('openfax', ['fax', 'to', 'from', 'subject'], '\\{\\s*\\{', '[^{}]', '\\}\\s*\\}', (k) => `{{${k}: …}}`),
  rule('yajhfc', ['fax', 'recipient'], '@\\s*@', '[^@]', '@\\s*@', (k) => `@@${k}:…@@`),
  rule('rightfax', ['tofaxnum', 'toname'], '<', '[^<>]', '>', (k) => `<${k.toUpperCase()}:…>`),
];

// `{{anything:` with a key we do not know: most likely a typo of one we do.
const OPENFAX_ANY_OPENER = /\{\s*\{\s*([a-z](?:\s*[a-z]){0,15})\s*:/giu;

const squash = (s: string) => s.replace(/\s+/gu, ' ').trim();
const keyOf = (s: string) => s.replace(/\s+/gu, '').toLowerCase();

/** Scans text for all supported code forms, in document order. */
export function scanCodes(text: string): CodeScan {
  const codes: FoundCode[] = [];
  const problems: string[] = [];
  for (const r of RULES) {
    const starts = new Set<number>();
    for (const m of text.matchAll(r.full)) {
      starts.add(m.index);
      codes.push({ syntax: r.syntax, key: keyOf(m[1] ?? '') as CodeKey, value: squash(m[2] ?? ''), raw: squash(m[0]), index: m.index });
    }
    for (const m of text.matchAll(r.opener)) {
      if (starts.has(m.index)) continue;
      const key = keyOf(m[1] ?? '');
      const shown = squash(text.slice(m.index, m.index + 40));
      problems.push(`The code "${shown}…" is not closed: write it as ${r.example(key)} on one line of the document.`);
    }
  }
  const known = new Set(RULES[0]?.keys);
  for (const m of text.matchAll(OPENFAX_ANY_OPENER)) {
    const key = keyOf(m[1] ?? '');
    if (known.has(key as CodeKey)) continue;
    problems.push(`"{{${key}:" is not a code Openfax knows: use {{fax: number}}, {{to: contact name}}, {{from: …}} or {{subject: …}}.`);
  }
  codes.sort((a, b) => a.index - b.index);
  return { codes, problems };
}
