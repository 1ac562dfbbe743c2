// A .docx opened for reading: the ZIP (pizzip, what docxtemplater works on) with every XML part
// and every part docxtemplater will template inflated once, under a cap. pizzip inflates a part
// whole when asked and checks its size only afterwards, so a part that declares 1 KB and inflates
// to gigabytes would fill memory first (a ZIP bomb). Each such part is inflated here with zlib's
// `maxOutputLength` instead, counted by what it really inflated to (a declared size is only the
// file's word), and put back as text, so nothing later inflates it again. docxtemplater picks the
// parts it templates by content type, not by name ([Content_Types].xml may give `word/h.bin` a
// header's type), so the same reading of that file chooses them here. Media are never inflated:
// they are copied as they are (still compressed) into the normalized template and every filled
// document. A DTD (`<!DOCTYPE`, `<!ENTITY`: entity expansion) and a relationship pointing outside
// the package are refused in any part.

import { inflateRawSync } from 'node:zlib';
import PizZip from 'pizzip';
import type { MergeProblem } from '../types.ts';
import { externalReference } from './external-references.ts';
import { notAZip, otherZip, templateProblem } from './template-problems.ts';
import { attribute, tokenizeXml } from './xml-tokens.ts';

/** What the XML parts of one template may inflate to, all together. */
const MAX_XML_BYTES = 50 * 1024 * 1024;
/** What the whole package may say it holds (media included): a quick refusal, not the cap. */
const MAX_PACKAGE_BYTES = 200 * 1024 * 1024;

export interface OpenedPackage {
  zip: PizZip;
  /** The main document part (word/document.xml in nearly every file). */
  mainPart: string;
  /** Parts whose content type docxtemplater fills: main, headers, footers, footnotes, comments. */
  filledParts: string[];
  /** Every XML part's text (as read, before any change). */
  xml: Map<string, string>;
}

const WORD_MAIN = [
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml',
];
const MACRO_MAIN = [
  'application/vnd.ms-word.document.macroEnabled.main+xml',
  'application/vnd.ms-word.template.macroEnabledTemplate.main+xml',
];
const FILLED_TYPE = /wordprocessingml\.(header|footer|footnotes|comments)\+xml$/;
/** The content types docxtemplater templates in a .docx (its filetypes.js `docx` list). */
const TEMPLATED_TYPE = (type: string) => WORD_MAIN.includes(type) || MACRO_MAIN.includes(type) || FILLED_TYPE.test(type);

const tooLarge = () =>
  templateProblem(
    'too-large',
    'This template is too large to read: its text inflates past 50 MB (or the file claims over 200 MB).',
    'Open it in Word, remove large embedded objects, save it, and pick the saved copy. A file built to be this large is not a template.',
  );

export type OpenResult = { ok: true; value: OpenedPackage } | { ok: false; problem: MergeProblem };

/** Opens a template's bytes as a Word package, or says what they are instead. */
export function openPackage(bytes: Uint8Array): OpenResult {
  const magic = bytes.length >= 4 ? Buffer.from(bytes.subarray(0, 4)).toString('latin1') : '';
  if (magic !== 'PK\x03\x04' && magic !== 'PK\x05\x06') return { ok: false, problem: notAZip(bytes) };
  let zip: PizZip;
  try {
    zip = new PizZip(bytes);
  } catch (error) {
    const encrypted = /encrypted/i.test((error as Error).message ?? '');
    return {
      ok: false,
      problem: encrypted
        ? templateProblem(
            'not-docx',
            'This is a password-protected ZIP archive, not a Word document.',
            'Pick the Word template (.docx) itself.',
          )
        : templateProblem(
            'damaged',
            'This file looks like a .docx but cannot be opened: it is damaged or cut short.',
            'Open it in Word, save it again, and pick the saved copy.',
          ),
    };
  }
  const names = Object.keys(zip.files);
  let declared = 0;
  for (const name of names) declared += compressedOf(zip.files[name])?.uncompressedSize ?? 0;
  if (declared > MAX_PACKAGE_BYTES) return { ok: false, problem: tooLarge() };

  const xml = new Map<string, string>();
  let budget = MAX_XML_BYTES;
  const inflate = (name: string): MergeProblem | undefined => {
    const file = zip.files[name] as PizZip.ZipObject;
    const read = readBounded(file, budget);
    if (read === 'too-large') return tooLarge();
    if (read === 'damaged')
      return templateProblem(
        'damaged',
        `This .docx is damaged: its part ${name} cannot be read.`,
        'Open it in Word, save it again, and pick the saved copy.',
      );
    if (/<!(DOCTYPE|ENTITY)\b/i.test(read.text)) return dtdProblem(name);
    budget -= read.bytes;
    xml.set(name, read.text);
    zip.file(name, read.text);
    return undefined;
  };
  // [Content_Types].xml first: it says which other parts docxtemplater will template.
  const contentTypesName = names.find((n) => n === '[Content_Types].xml');
  const ctProblem = contentTypesName ? inflate(contentTypesName) : undefined;
  if (ctProblem) return { ok: false, problem: ctProblem };
  const types = partTypes(xml.get('[Content_Types].xml') ?? '', names);
  const templated = new Set(types.filter((t) => TEMPLATED_TYPE(t.type)).map((t) => t.part));
  for (const name of names) {
    const file = zip.files[name] as PizZip.ZipObject;
    if (file.dir || xml.has(name) || !(XML_PART.test(name) || templated.has(name))) continue;
    const problem = inflate(name);
    if (problem) return { ok: false, problem };
  }

  const main = types.find((t) => WORD_MAIN.includes(t.type) && xml.has(t.part));
  if (!main) {
    if (types.some((t) => MACRO_MAIN.includes(t.type)))
      return {
        ok: false,
        problem: templateProblem(
          'macros',
          'This Word document holds macros (.docm), which a converter could run while it opens each fax.',
          'Open it in Word and save it as Word Document (.docx), without macros; then pick that copy.',
        ),
      };
    const mainType = types.find((t) => /\.main\+xml$/.test(t.type))?.type;
    const mimetype = zip.files.mimetype ? safeText(zip.files.mimetype) : undefined;
    return { ok: false, problem: otherZip(mainType, names, mimetype) };
  }
  const external = externalReference(xml);
  if (external) return { ok: false, problem: external };
  const filledParts = [main.part, ...types.filter((t) => FILLED_TYPE.test(t.type) && xml.has(t.part)).map((t) => t.part)];
  return { ok: true, value: { zip, mainPart: main.part, filledParts, xml } };
}

/**
 * Each part's content type as [Content_Types].xml gives it: an Override names the part, else a
 * Default names its extension (as docxtemplater reads them, so both agree on the parts).
 */
function partTypes(contentTypes: string, names: readonly string[]): { part: string; type: string }[] {
  const overrides = new Map<string, string>();
  const defaults: { extension: string; type: string }[] = [];
  for (const token of tokenizeXml(contentTypes)) {
    if (token.kind !== 'open' && token.kind !== 'empty') continue;
    const type = attribute(token, 'ContentType') ?? '';
    if (/(^|:)Override$/.test(token.name)) overrides.set((attribute(token, 'PartName') ?? '').replace(/^\//, ''), type);
    else if (/(^|:)Default$/.test(token.name)) defaults.push({ extension: (attribute(token, 'Extension') ?? '').toLowerCase(), type });
  }
  const types = [...overrides].map(([part, type]) => ({ part, type }));
  for (const name of names) {
    if (overrides.has(name) || name === '[Content_Types].xml') continue;
    const byExtension = defaults.find((d) => d.extension !== '' && name.toLowerCase().endsWith(`.${d.extension}`));
    if (byExtension) types.push({ part: name, type: byExtension.type });
  }
  return types;
}

function dtdProblem(part: string): MergeProblem {
  return templateProblem(
    'damaged',
    `This .docx has a document type declaration (<!DOCTYPE or <!ENTITY) in its part ${part}, which Word never writes; such a file is built to make the programs reading it slow or to reach other files.`,
    'Open the document in Word, save it again as Word Document (.docx), and pick the saved copy.',
  );
}

interface Compressed {
  compressionMethod: string;
  uncompressedSize: number;
  getCompressedContent(): Uint8Array | string;
}

/** pizzip's loaded, not yet inflated entry (its `_data`), when it is one. */
function compressedOf(file: PizZip.ZipObject | undefined): Compressed | undefined {
  const data = (file as unknown as { _data?: Partial<Compressed> } | undefined)?._data;
  if (!data || typeof data.getCompressedContent !== 'function' || typeof data.compressionMethod !== 'string') return undefined;
  return data as Compressed;
}

function readBounded(file: PizZip.ZipObject, budget: number): { text: string; bytes: number } | 'too-large' | 'damaged' {
  const data = compressedOf(file);
  let raw: Uint8Array;
  try {
    if (!data) {
      // Not a loaded entry (pizzip changed how it keeps them): read it, then check the size.
      raw = file.asUint8Array();
    } else {
      if (data.uncompressedSize > budget) return 'too-large';
      const content = data.getCompressedContent();
      const compressed = typeof content === 'string' ? Buffer.from(content, 'latin1') : content;
      if (data.compressionMethod === '\x00\x00') raw = compressed;
      else if (data.compressionMethod === '\x08\x00') raw = inflateRawSync(compressed, { maxOutputLength: Math.max(1, budget) });
      else return 'damaged';
    }
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError ? 'too-large' : 'damaged';
  }
  if (raw.length > budget) return 'too-large';
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, bytes: raw.length };
  } catch {
    return 'damaged';
  }
}

function safeText(file: PizZip.ZipObject): string | undefined {
  const read = readBounded(file, 1024);
  return typeof read === 'string' ? undefined : read.text.trim();
}

/**
 * A package's bytes with its XML parts stored, not deflated, and everything else copied as it
 * was compressed. Deflating a filled document's parts (pizzip's deflate is JavaScript) took
 * half of each fill's time, and a filled document lives only until its PDF is made; media
 * copied compressed are never inflated, so a lying one cannot blow up here either.
 */
export function packageBytes(zip: PizZip): Uint8Array {
  for (const file of Object.values(zip.files)) if (!file.dir && XML_PART.test(file.name)) file.options.compression = 'STORE';
  return zip.generate({ type: 'uint8array', compression: 'DEFLATE' });
}

const XML_PART = /\.(xml|rels)$/i;
