// Word's merge fields rewritten as {{tags}}, so one filler (docxtemplater) serves both kinds of
// template. Word writes a field in two ways:
// - simple: `<w:fldSimple w:instr=" MERGEFIELD Name ">` around the runs of its shown result;
// - complex: runs holding `w:fldChar begin`, the instruction in one or more `w:instrText`
//   (Word splits it where it likes), `w:fldChar separate`, the result runs (`«Name»`), then
//   `w:fldChar end`. Fields nest: an IF holds fields in its instruction, a HYPERLINK in its result.
// A MERGEFIELD becomes one run `{{Name}}` with the formatting of its result's first run; its
// runs stay (emptied) so paragraphs, bookmarks and comments around it keep their shape. Another
// field whose result holds a merge field is unlinked (its result kept as plain content, as
// Word's Ctrl+Shift+F9 does), since a converter updating it would replace our filled text. A
// merge field inside another field's instruction (IF … "Dear «Name»") cannot be a plain fill:
// it is refused, never dropped. A text box is its own story: its fields are walked on their own.

import type { MergeProblem } from '../types.ts';
import { parseInstruction } from './field-instruction.ts';
import { attribute, closingIndex, encodeXml, isUnclosed, textBetween, type XmlToken, tokenizeXml } from './xml-tokens.ts';

export interface NormalizedPart {
  xml: string;
  /** The merge fields rewritten, in document order (repeats kept). */
  mergeFields: string[];
  /** Fields that cannot be filled, each with what to do (the part is unchanged where they stand). */
  problems: MergeProblem[];
}

type Role = 'struct' | 'char' | 'code' | 'text' | 'tag';

interface Piece {
  role: Role;
  xml: string;
  /** Written while its field was in its result (after `separate`). */
  inResult: boolean;
  /** A `w:t`: where a merge field's tag goes. */
  isText?: boolean;
}

interface Frame {
  pieces: Piece[];
  instruction: string;
  inResult: boolean;
}

interface Context {
  mergeFields: string[];
  problems: MergeProblem[];
}

/** Rewrites every MERGEFIELD of one part (document, header, footer, footnotes) as a {{tag}}. */
export function normalizeMergeFields(xml: string): NormalizedPart {
  if (!/<w:(fldChar|fldSimple)\b/.test(xml)) return { xml, mergeFields: [], problems: [] };
  const tokens = tokenizeXml(xml);
  if (isUnclosed(tokens)) return { xml, mergeFields: [], problems: [unclosedMarkup()] };
  const context: Context = { mergeFields: [], problems: [] };
  const out = walkStory(tokens, 0, tokens.length, context);
  // The runs a field's characters and instruction sat in are left empty: gone, so every fill
  // parses less. A run with nothing but its properties shows nothing, in any part.
  return { xml: context.mergeFields.length > 0 ? withoutEmptyRuns(out) : out, ...context };
}

/**
 * The part without its empty runs (`<w:r>`, its properties at most, `</w:r>`). Each look at a
 * run stops at the next run tag, where the next look starts, so the part is walked once.
 */
function withoutEmptyRuns(xml: string): string {
  const tokens = tokenizeXml(xml);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as XmlToken;
    const end = token.kind === 'open' && token.name === 'w:r' ? emptyRunEnd(tokens, i) : -1;
    if (end === -1) out.push(token.raw);
    else i = end;
  }
  return out.join('');
}

function emptyRunEnd(tokens: readonly XmlToken[], open: number): number {
  let i = open + 1;
  const first = tokens[i];
  if (first?.name === 'w:rPr' && first.kind === 'empty') i++;
  else if (first?.name === 'w:rPr' && first.kind === 'open') {
    i++;
    while (i < tokens.length && !(tokens[i]?.name === 'w:rPr' && tokens[i]?.kind === 'close')) {
      if (tokens[i]?.name === 'w:r') return -1;
      i++;
    }
    i++;
  }
  const close = tokens[i];
  return close?.kind === 'close' && close.name === 'w:r' ? i : -1;
}

function unclosedMarkup(): MergeProblem {
  return {
    code: 'damaged',
    message: 'This .docx is damaged: a part of it has a tag (a "<") that is never closed.',
    action: 'Open it in Word, save it again, and pick the saved copy.',
  };
}

// Characters docxtemplater reads as a loop, a raw-XML insert or a delimiter change when they
// start a tag: a field named so could not be a plain fill.
const TAG_PREFIX = /^[#/^@=-]/;

function walkStory(tokens: readonly XmlToken[], from: number, to: number, context: Context): string {
  const out: string[] = [];
  const stack: Frame[] = [];
  const elements: string[] = [];

  const emit = (piece: Omit<Piece, 'inResult'>) => {
    const top = stack.at(-1);
    if (!top) out.push(piece.xml);
    else top.pieces.push({ ...piece, inResult: top.inResult });
  };
  const emitAll = (pieces: readonly Piece[]) => {
    const top = stack.at(-1);
    for (const piece of pieces) {
      if (!top) out.push(piece.xml);
      else if (piece.role === 'struct' || piece.role === 'tag') top.pieces.push({ ...piece, inResult: top.inResult });
      // Inside the enclosing field these are its instruction or its result content.
      else top.pieces.push({ role: top.inResult ? 'text' : 'code', xml: piece.xml, inResult: top.inResult, isText: piece.isText });
    }
  };
  const enclosingInstruction = () => {
    const top = stack.at(-1);
    return top && !top.inResult ? parseInstruction(top.instruction).type || 'another' : undefined;
  };

  const finish = (frame: Frame) => {
    const parsed = parseInstruction(frame.instruction);
    if (parsed.kind === 'merge') {
      const outer = enclosingInstruction();
      const refusal = outer ? insideInstruction(parsed.name, outer) : badName(parsed.name);
      if (refusal) {
        context.problems.push(refusal);
        emitAll(frame.pieces);
        return;
      }
      context.mergeFields.push(parsed.name);
      emitAll(rewriteAsTag(frame.pieces, parsed.name));
      return;
    }
    if (parsed.kind === 'refused') context.problems.push(refusedField(parsed.what, parsed.action));
    const mergeInResult = frame.pieces.some((p) => p.role === 'tag' && p.inResult);
    emitAll(mergeInResult ? frame.pieces.filter((p) => p.role === 'struct' || (p.inResult && p.role !== 'char')) : frame.pieces);
  };

  for (let i = from; i < to; i++) {
    const token = tokens[i] as XmlToken;
    if (token.kind === 'open' || token.kind === 'empty') {
      if (token.name === 'w:fldSimple') {
        const end = Math.min(closingIndex(tokens, i), to - 1);
        simpleField(tokens, i, end);
        i = end;
        continue;
      }
      if (elements.at(-1) === 'w:r') {
        i = runChild(tokens, i, Math.min(closingIndex(tokens, i), to - 1));
        continue;
      }
    }
    if (token.kind === 'open') elements.push(token.name);
    else if (token.kind === 'close') elements.pop();
    emit({ role: 'struct', xml: token.raw });
  }
  // A field never closed in this story: written back as it was; a merge field among them is named.
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const parsed = parseInstruction(frame.instruction);
    if (parsed.kind === 'merge')
      context.problems.push(refusedField(`the merge field «${parsed.name}», which is not closed`, DAMAGED_FIELD));
    emitAll(frame.pieces);
  }
  return out.join('');

  // A direct child of a run: a field character, an instruction, text, or content (a drawing,
  // a tab) whose inside may be a text box with fields of its own. Returns the last index used.
  function runChild(all: readonly XmlToken[], open: number, close: number): number {
    const token = all[open] as XmlToken;
    const raw = joinRaw(all, open, close);
    if (token.name === 'w:rPr') emit({ role: 'struct', xml: raw });
    else if (token.name === 'w:fldChar') {
      const type = attribute(token, 'w:fldCharType');
      const top = stack.at(-1);
      if (type === 'begin') stack.push({ pieces: [{ role: 'char', xml: raw, inResult: false }], instruction: '', inResult: false });
      else if (type === 'separate' && top) {
        top.pieces.push({ role: 'char', xml: raw, inResult: top.inResult });
        top.inResult = true;
      } else if (type === 'end' && top) {
        top.pieces.push({ role: 'char', xml: raw, inResult: top.inResult });
        finish(stack.pop() as Frame);
      } else emit({ role: 'struct', xml: raw });
    } else if (token.name === 'w:instrText') {
      const top = stack.at(-1);
      if (top && !top.inResult) top.instruction += textBetween(all, open + 1, close);
      emit({ role: 'code', xml: raw });
    } else if (token.name === 'w:t') emit({ role: 'text', xml: raw, isText: true });
    else if (token.kind === 'open' && close > open)
      emit({ role: 'text', xml: token.raw + walkStory(all, open + 1, close, context) + (all[close] as XmlToken).raw });
    else emit({ role: 'text', xml: raw });
    return close;
  }

  function simpleField(all: readonly XmlToken[], open: number, close: number) {
    const token = all[open] as XmlToken;
    const parsed = parseInstruction(attribute(token, 'w:instr') ?? '');
    const before = context.mergeFields.length;
    const inner = close > open ? walkStory(all, open + 1, close, context) : '';
    const whole = close > open ? token.raw + inner + (all[close] as XmlToken).raw : token.raw;
    if (parsed.kind === 'merge') {
      const outer = enclosingInstruction();
      const refusal = outer ? insideInstruction(parsed.name, outer) : badName(parsed.name);
      if (refusal) {
        context.problems.push(refusal);
        emit({ role: 'code', xml: whole });
        return;
      }
      // Whatever its cached result held is replaced, so fields walked inside it do not count.
      context.mergeFields.length = before;
      context.mergeFields.push(parsed.name);
      emit({ role: 'tag', xml: `<w:r>${firstRunProperties(all, open, close)}${tagText(parsed.name)}</w:r>` });
      return;
    }
    if (parsed.kind === 'refused') context.problems.push(refusedField(parsed.what, parsed.action));
    if (context.mergeFields.length > before) emit({ role: 'tag', xml: inner });
    else emit({ role: 'text', xml: whole });
  }
}

/** A merge field's pieces with its characters, instruction and old result gone and its tag in their place. */
function rewriteAsTag(pieces: readonly Piece[], name: string): Piece[] {
  const tag = tagText(name);
  const result: Piece[] = [];
  let placed = false;
  for (const piece of pieces) {
    if (piece.role === 'struct') result.push(piece);
    else if (!placed && piece.isText && piece.inResult) {
      result.push({ role: 'tag', xml: tag, inResult: true });
      placed = true;
    }
  }
  if (placed) return result;
  // No result text (a field never shown, or shown empty): the tag takes the end character's
  // place, inside the run that held it.
  const endIndex = pieces.findLastIndex((p) => p.role === 'char');
  const kept: Piece[] = [];
  for (const [i, piece] of pieces.entries()) {
    if (i === endIndex) kept.push({ role: 'tag', xml: tag, inResult: true });
    else if (piece.role === 'struct') kept.push(piece);
  }
  return kept;
}

function tagText(name: string): string {
  return `<w:t xml:space="preserve">{{${encodeXml(name)}}}</w:t>`;
}

function firstRunProperties(tokens: readonly XmlToken[], open: number, close: number): string {
  for (let i = open + 1; i < close; i++) {
    const token = tokens[i] as XmlToken;
    if (token.name !== 'w:r' || token.kind !== 'open') continue;
    let j = i + 1;
    while (j < close && (tokens[j] as XmlToken).kind === 'text') j++;
    const next = tokens[j] as XmlToken | undefined;
    if (next?.name === 'w:rPr' && next.kind !== 'close') return joinRaw(tokens, j, closingIndex(tokens, j));
    return '';
  }
  return '';
}

function joinRaw(tokens: readonly XmlToken[], from: number, to: number): string {
  let raw = '';
  for (let i = from; i <= to; i++) raw += (tokens[i] as XmlToken).raw;
  return raw;
}

const DAMAGED_FIELD = 'Open the template in Word, delete the field and insert it again (Mailings > Insert Merge Field), then save.';

function refusedField(what: string, action: string): MergeProblem {
  return { code: 'unsupported-field', message: `The template has ${what}, which a mail merge here cannot fill.`, action };
}

function insideInstruction(name: string, outer: string): MergeProblem {
  return {
    code: 'unsupported-field',
    message: `The template has the merge field «${name}» inside ${outer === 'IF' ? "an IF field (Word's Rules > If…Then…Else)" : `a ${outer} field`}, which a mail merge here cannot fill.`,
    action: `Replace the ${outer} field with plain text and the merge field itself, or put the text each row needs in a column of the data.`,
  };
}

function badName(name: string): MergeProblem | undefined {
  if (!/[{}]/.test(name) && !TAG_PREFIX.test(name) && name !== '.') return undefined;
  return {
    code: 'unsupported-field',
    message: `The merge field «${name}» has a name a mail merge here cannot use (braces, or a leading # / ^ @ = -).`,
    action: 'Rename the column in the data and insert the merge field again, or type the field as {{Name}} with a plain name.',
  };
}
