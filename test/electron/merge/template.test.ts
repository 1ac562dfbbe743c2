// The merge template: Word's MERGEFIELDs (simple and complex, as the `docx` library writes
// them) and {{tags}} read as fields in the order they appear; the filled documents read back
// (every part a person sees) hold their own row's values and nothing of another row's; and
// every bad input is refused with its code and words that say what to do.

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Document, ImageRun, Packer, Paragraph, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { fillTemplate } from '../../../electron/merge/template/fill-template.ts';
import { readTemplate } from '../../../electron/merge/template/read-template.ts';
import type { MergeProblem, MergeTemplate } from '../../../electron/merge/types.ts';
import {
  DEFAULT_FIELDS,
  docxParts,
  docxText,
  mergeFieldTemplate,
  noFieldsTemplate,
  splitTagTemplate,
  unclosedTagTemplate,
  zipOfSomethingElse,
} from '../../fixtures/merge-templates.ts';

function read(bytes: Uint8Array, name = 'template.docx'): MergeTemplate {
  const outcome = readTemplate(bytes, name);
  if (!outcome.ok) throw new Error(`expected a template, got ${outcome.problem.code}: ${outcome.problem.message}`);
  return outcome.value;
}

function refusal(bytes: Uint8Array): MergeProblem {
  const outcome = readTemplate(bytes, 'template.docx');
  if (outcome.ok) throw new Error(`expected a refusal, got fields ${outcome.value.fields.join(', ')}`);
  return outcome.problem;
}

function fill(template: MergeTemplate, values: Record<string, string>): Uint8Array {
  const outcome = fillTemplate(template, values);
  if (!outcome.ok) throw new Error(`fill refused: ${outcome.problem.code}: ${outcome.problem.message}`);
  return outcome.value;
}

/** A .docx (made by the `docx` library) whose body is replaced by hand-written WordprocessingML, for field shapes the library cannot write. */
async function docxWithBody(body: string): Promise<Uint8Array> {
  const zip = new PizZip(await noFieldsTemplate());
  const xml = zip.file('word/document.xml')?.asText() ?? '';
  zip.file('word/document.xml', xml.replace(/<w:body>[\s\S]*?(<w:sectPr)/, `<w:body>${body}$1`));
  return zip.generate({ type: 'uint8array', compression: 'DEFLATE' });
}

const run = (inner: string, rPr = '') => `<w:r>${rPr}${inner}</w:r>`;
const fieldChar = (type: string) => run(`<w:fldChar w:fldCharType="${type}"/>`);
const instr = (text: string) => run(`<w:instrText xml:space="preserve">${text}</w:instrText>`);
const text = (t: string, rPr = '') => run(`<w:t xml:space="preserve">${t}</w:t>`, rPr);
const complex = (instruction: string, result: string) =>
  `${fieldChar('begin')}${instr(instruction)}${fieldChar('separate')}${result}${fieldChar('end')}`;

function rowValues(i: number): Record<string, string> {
  const n = String(i).padStart(2, '0');
  return { Name: `Dr Row-${n}-Name`, Fax: `+1 212 555 01${n}`, Account: `ACC-${n}-X`, 'Patient list': `Patient ${n}a\nPatient ${n}b` };
}

/** Every value of a row, as its text reads (a line break becomes a new line). */
function rowTexts(i: number): string[] {
  return Object.values(rowValues(i)).flatMap((v) => v.split('\n'));
}

function expectNoLeftovers(bytes: Uint8Array) {
  for (const [part, xml] of docxParts(bytes)) {
    expect(xml, part).not.toMatch(/MERGEFIELD/i);
    expect(xml, part).not.toContain('«');
    expect(xml, part).not.toContain('{{');
    expect(xml, part).not.toContain('}}');
  }
}

describe('reading a template: its fields', () => {
  for (const simple of [false, true]) {
    const kind = simple ? 'simple (w:fldSimple)' : 'complex (fldChar, instruction over two runs)';
    it(`Word ${kind} MERGEFIELDs are listed in order, deduplicated, with their kind, page count and hash`, async () => {
      const bytes = await mergeFieldTemplate({ simple, pages: 2 });
      const template = read(bytes, 'notice.docx');
      expect(template.name).toBe('notice.docx');
      expect(template.fields).toEqual(DEFAULT_FIELDS);
      expect(template.kinds).toEqual({ mergeFields: 4, tags: 0 });
      expect(template.pages).toBe(2);
      expect(template.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      // The normalized copy holds tags where the fields were, and no field or «result» is left.
      const normalized = docxParts(template.normalized);
      const body = normalized.get('word/document.xml') ?? '';
      expect(body).toContain('{{Patient list}}');
      expect(body).not.toMatch(/MERGEFIELD|fldChar|fldSimple|«/);
      expect([...normalized.values()].some((xml) => /<w:hdr[\s\S]*\{\{Name\}\}/.test(xml))).toBe(true);
    });
  }

  it("a complex field's tag keeps the formatting of its result's first run", async () => {
    const template = read(await mergeFieldTemplate({ simple: false }));
    const body = docxParts(template.normalized).get('word/document.xml') ?? '';
    expect(body).toMatch(/<w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">\{\{Fax\}\}<\/w:t><\/w:r>/);
  });

  it('a tag split over two runs (Word splits text it edited) is one field', async () => {
    const template = read(await splitTagTemplate());
    expect(template.fields).toEqual(['Name', 'Fax']);
    expect(template.kinds).toEqual({ mergeFields: 0, tags: 2 });
    expect(template.pages).toBeUndefined();
    expect(docxText(fill(template, { Name: 'Dr Ada', Fax: '+1 212 555 0100' }))).toContain('Dear Dr Ada, your fax is +1 212 555 0100.');
  });

  it('MERGEFIELDs and tags together: first appearance decides the order, each kind counted', async () => {
    const bytes = await docxWithBody(
      `<w:p>${text('To {{ Account }} ')}${complex(' MERGEFIELD  Name \\* MERGEFORMAT ', text('«Name»'))}${text(' and {{Name}}')}</w:p>` +
        `<w:p><w:fldSimple w:instr=' MERGEFIELD "First &amp; Last" '>${text('«First &amp; Last»')}</w:fldSimple>${text(' {{Account}}')}</w:p>`,
    );
    const template = read(bytes);
    expect(template.fields).toEqual(['Account', 'Name', 'First & Last']);
    expect(template.kinds).toEqual({ mergeFields: 2, tags: 2 });
    const filled = fill(template, { Account: 'A-1', Name: 'Ada', 'First & Last': 'Ada <Lovelace>' });
    expect(docxText(filled)).toContain('To A-1 Ada and Ada\nAda <Lovelace> A-1');
    expectNoLeftovers(filled);
  });

  it('a merge field in a text box (its own story) and one inside a HYPERLINK result are filled; the hyperlink is unlinked', async () => {
    const textBox = `<w:r><w:drawing><wp:inline><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent><w:p>${complex(' MERGEFIELD Fax ', text('«Fax»'))}</w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`;
    const link = complex(' HYPERLINK "https://example.com" ', `${text('Visit ')}${complex(' MERGEFIELD Name ', text('«Name»'))}`);
    const page = complex(' PAGE ', text('1'));
    const template = read(await docxWithBody(`<w:p>${textBox}</w:p><w:p>${link}${text(' page ')}${page}</w:p>`));
    expect(template.fields).toEqual(['Fax', 'Name']);
    const filled = fill(template, { Fax: '+1 212 555 0100', Name: 'Dr Ada' });
    const body = docxParts(filled).get('word/document.xml') ?? '';
    expect(docxText(filled)).toContain('+1 212 555 0100\n\nVisit Dr Ada page 1');
    expect(body).not.toContain('HYPERLINK');
    // A field with no merge field inside stays a field.
    expect(body).toContain(' PAGE ');
  });

  it('an instruction Word split mid-keyword, a quoted name with an escaped quote, and a field with no shown result', async () => {
    const split = `${fieldChar('begin')}${instr(' MERGE')}${instr('FIELD "Dr \\"Nick\\" Name" \\* Upper ')}${fieldChar('end')}`;
    const template = read(await docxWithBody(`<w:p>${text('Hello ')}${split}</w:p>`));
    expect(template.fields).toEqual(['Dr "Nick" Name']);
    expect(docxText(fill(template, { 'Dr "Nick" Name': 'Ada' }))).toContain('Hello Ada');
  });
});

describe('reading a template: refusals', () => {
  it('a ZIP of a CSV and a photo named .docx: not-docx, saying what it holds', async () => {
    const problem = refusal(await zipOfSomethingElse());
    expect(problem.code).toBe('not-docx');
    expect(problem.message).toBe('This is a ZIP archive of 1 image and 1 CSV file, not a Word document.');
    expect(problem.action).toMatch(/Word template \(\.docx\)/);
  });

  it('an Excel workbook renamed .docx: not-docx, naming it a workbook and where it belongs', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Doctors').addRow(['Name', 'Fax']);
    const problem = refusal(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(problem.code).toBe('not-docx');
    expect(problem.message).toMatch(/Excel workbook \(\.xlsx\)/);
    expect(problem.action).toMatch(/as the data/);
  });

  it('a Word 97-2003 .doc (OLE, with a WordDocument stream): legacy-doc, save it as .docx', () => {
    const problem = refusal(oleFile(['WordDocument', '1Table']));
    expect(problem.code).toBe('legacy-doc');
    expect(problem.action).toMatch(/save it as \.docx/);
  });

  it('a password-protected .docx (OLE with EncryptedPackage): encrypted, remove the password', () => {
    const problem = refusal(oleFile(['EncryptionInfo', 'EncryptedPackage']));
    expect(problem.code).toBe('encrypted');
    expect(problem.message).toMatch(/password/);
    expect(problem.action).toMatch(/remove the password/);
  });

  it('a PDF, an RTF, plain text and an empty file: not-docx, each named', () => {
    expect(refusal(new TextEncoder().encode('%PDF-1.7\n%...')).message).toMatch(/This is a PDF/);
    expect(refusal(new TextEncoder().encode('{\\rtf1\\ansi Dear')).message).toMatch(/RTF/);
    expect(refusal(new TextEncoder().encode('Name,Fax\nAda,1')).code).toBe('not-docx');
    expect(refusal(new Uint8Array()).message).toBe('The file is empty.');
  });

  it('a macro-enabled document (.docm): macros, save it without', async () => {
    const zip = new PizZip(await mergeFieldTemplate({ simple: true }));
    const types = zip.file('[Content_Types].xml')?.asText() ?? '';
    const docm = types.replace(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
      'application/vnd.ms-word.document.macroEnabled.main+xml',
    );
    expect(docm).not.toBe(types);
    zip.file('[Content_Types].xml', docm);
    const problem = refusal(zip.generate({ type: 'uint8array' }));
    expect(problem.code).toBe('macros');
    expect(problem.action).toMatch(/without macros/);
  });

  it('a ZIP cut short: damaged', async () => {
    const bytes = await mergeFieldTemplate({ simple: true });
    const problem = refusal(bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(problem.code).toBe('damaged');
  });

  it('a template with no fields: no-fields, saying how to add them', async () => {
    const problem = refusal(await noFieldsTemplate());
    expect(problem.code).toBe('no-fields');
    expect(problem.action).toMatch(/Mailings > Insert Merge Field/);
    expect(problem.action).toMatch(/\{\{Name\}\}/);
    const typed = refusal(await docxWithBody(`<w:p>${text('Dear «Name»,')}</w:p>`));
    expect(typed.message).toMatch(/«Name» is typed as plain text/);
  });

  it('an unclosed tag {{Name: bad-tag naming it and its fix', async () => {
    const problem = refusal(await unclosedTagTemplate());
    expect(problem.code).toBe('bad-tag');
    expect(problem.message).toContain('"{{Name, your fax number is"');
    expect(problem.message).toMatch(/is not closed/);
    const unopened = refusal(await docxWithBody(`<w:p>${text('Dear Name}} and {{Fax}}')}</w:p>`));
    expect(unopened.code).toBe('bad-tag');
    expect(unopened.message).toMatch(/"}}" with no "{{"/);
    expect(unopened.action).toContain('{{Name}}');
  });

  it('sections ({{#x}}…{{/x}}) and raw XML tags ({{@x}}) are refused: a merge fills plain fields, and never inserts XML from data', async () => {
    const loop = refusal(await docxWithBody(`<w:p>${text('{{#doctors}}{{Name}}{{/doctors}}')}</w:p>`));
    expect(loop.code).toBe('unsupported-tag');
    expect(loop.message).toMatch(/section/);
    const raw = refusal(await docxWithBody(`<w:p>${text('{{@Name}}')}</w:p>`));
    expect(raw.code).toBe('unsupported-tag');
    expect(raw.message).toMatch(/raw Word XML/);
    const unbalanced = refusal(await docxWithBody(`<w:p>${text('{{#doctors}}{{Name}}')}</w:p>`));
    expect(unbalanced.code).toBe('unsupported-tag');
  });

  it('a merge field inside an IF field is refused (never dropped), naming the IF', async () => {
    const body = `<w:p>${fieldChar('begin')}${instr(' IF ')}${complex(' MERGEFIELD Gender ', text('«Gender»'))}${instr(' = "F" "Dear Madam" "Dear Sir" ')}${fieldChar('separate')}${text('Dear Madam')}${fieldChar('end')}</w:p>`;
    const problem = refusal(await docxWithBody(body));
    expect(problem.code).toBe('unsupported-field');
    expect(problem.message).toBe(
      "The template has the merge field «Gender» inside an IF field (Word's Rules > If…Then…Else) in the text, which a mail merge here cannot fill.",
    );
  });

  it("Word's Address Block, a Next Record rule and a DDEAUTO field are refused with what to do", async () => {
    const address = refusal(
      await docxWithBody(
        `<w:p>${complex(' ADDRESSBLOCK \\f "&lt;&lt;_TITLE0_ &gt;&gt;&lt;&lt;_FIRST0_&gt;&gt;" ', text('«AddressBlock»'))}</w:p>`,
      ),
    );
    expect(address.code).toBe('unsupported-field');
    expect(address.message).toMatch(/Address Block/);
    expect(address.action).toMatch(/Insert Merge Field/);
    const next = refusal(await docxWithBody(`<w:p><w:fldSimple w:instr=" NEXT "/>${text('{{Name}}')}</w:p>`));
    expect(next.message).toMatch(/Next Record/);
    const dde = refusal(
      await docxWithBody(`<w:p>${complex(' DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc" ', text('x'))}${text('{{Name}}')}</w:p>`),
    );
    expect(dde.code).toBe('unsupported-field');
    expect(dde.message).toMatch(/DDEAUTO/);
  });

  it('a merge field in a tracked deletion is refused, not left for every fax to show', async () => {
    const deleted = `<w:del w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:delInstrText xml:space="preserve"> MERGEFIELD Name </w:delInstrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:delText>«Name»</w:delText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:del>`;
    const problem = refusal(await docxWithBody(`<w:p>${text('{{Fax}} ')}${deleted}</w:p>`));
    expect(problem.code).toBe('unsupported-field');
    expect(problem.action).toMatch(/Accept All Changes/);
  });

  it('a ZIP bomb is refused (too-large) without inflating it: by size, and when its sizes lie', async () => {
    const zip = new PizZip(await noFieldsTemplate());
    const xml = zip.file('word/document.xml')?.asText() ?? '';
    zip.file('word/document.xml', xml.replace('<w:body>', `<w:body>${' '.repeat(51 * 1024 * 1024)}`));
    const honest = zip.generate({ type: 'uint8array', compression: 'DEFLATE' });
    expect(refusal(honest).code).toBe('too-large');
    // The same archive claiming its document is 1 KB: zlib stops at the cap all the same.
    const liar = claimSize(honest, 'word/document.xml', 1024);
    const problem = refusal(liar);
    expect(problem.code).toBe('too-large');
    expect(problem.message).toMatch(/50 MB/);
  });
});

describe('filling a template', () => {
  for (const simple of [false, true]) {
    it(`50 rows of a 2-page ${simple ? 'simple' : 'complex'} MERGEFIELD template: each document holds its own values and nothing of another row`, async () => {
      const template = read(await mergeFieldTemplate({ simple, pages: 2 }));
      for (let i = 0; i < 50; i++) {
        const filled = fill(template, rowValues(i));
        const shown = docxText(filled);
        for (const value of rowTexts(i)) expect(shown, `row ${i}`).toContain(value);
        for (let other = 0; other < 50; other++) {
          if (other === i) continue;
          for (const value of rowTexts(other)) expect(shown, `row ${i} holds row ${other}'s ${value}`).not.toContain(value);
        }
        expectNoLeftovers(filled);
        expect(shown).toContain(`Dear ${rowValues(i).Name},`);
        expect(shown).toContain(`Notice for ${rowValues(i).Name}`);
        expect(shown).toContain(`Page two for ${rowValues(i).Name}`);
      }
    });
  }

  it('values are text: <, &, quotes, line breaks (\\n, \\r\\n), control characters and a 10,000-character value', async () => {
    const template = read(await mergeFieldTemplate({ simple: false }));
    const long = `${'x'.repeat(9_990)}END-OF-LONG`;
    const filled = fill(template, {
      Name: 'A & B <script>alert(1)</script> "quoted" \'single\'',
      Fax: 'line one\r\nline two\rline three',
      Account: `bell\u0007 and nul\u0000 gone`,
      'Patient list': long,
    });
    const body = docxParts(filled).get('word/document.xml') ?? '';
    expect(body).toContain('A &amp; B &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body).not.toContain('<script>');
    const shown = docxText(filled);
    expect(shown).toContain('Dear A & B <script>alert(1)</script> "quoted" \'single\',');
    expect(shown).toContain('Fax: line one\nline two\nline three');
    expect(shown).toContain('Account: bell and nul gone');
    expect(shown).toContain(`Patient list: ${long}`);
    // The filled document is a valid package: it reads back as a template with no fields left.
    expect(readTemplate(filled, 'filled.docx')).toMatchObject({ ok: false, problem: { code: 'no-fields' } });
  });

  it('a field missing from the values is a problem naming it, never an empty fill; an empty value is a value', async () => {
    const template = read(await mergeFieldTemplate({ simple: true }));
    const { Account: _, ...withoutAccount } = rowValues(1);
    const outcome = fillTemplate(template, withoutAccount);
    expect(outcome).toEqual({
      ok: false,
      problem: {
        code: 'missing-field',
        message: "The template's field «Account» has no value in this row.",
        action: expect.stringMatching(/Map each field to a column/),
      },
    });
    const empty = fill(template, { ...rowValues(1), Account: '' });
    expect(docxText(empty)).toMatch(/Account: \n/);
  });

  it('a field named like an object property (constructor, __proto__) is looked up in the row only', async () => {
    const template = read(await docxWithBody(`<w:p>${text('A {{constructor}} B {{toString}}')}</w:p>`));
    expect(template.fields).toEqual(['constructor', 'toString']);
    expect(fillTemplate(template, {})).toMatchObject({ ok: false, problem: { code: 'missing-field' } });
    // A fields list that is not the template's own: the filler's nullGetter still names the gap.
    const lying = { ...template, fields: ['constructor'] };
    expect(fillTemplate(lying, { constructor: 'c' })).toMatchObject({
      ok: false,
      problem: { code: 'missing-field', message: expect.stringContaining('«toString»') },
    });
    expect(docxText(fill(template, { constructor: 'C1', toString: 'T1' }))).toContain('A C1 B T1');
  });

  it('a logo in the template reaches every filled document byte for byte', async () => {
    const png = await readFile(join(import.meta.dirname, '../../fixtures/images/scan.png'));
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ children: [new ImageRun({ type: 'png', data: png, transformation: { width: 120, height: 60 } })] }),
            new Paragraph({ children: [new TextRun('Dear {{Name}},')] }),
          ],
        },
      ],
    });
    const template = read(new Uint8Array(await Packer.toBuffer(doc)));
    const filled = new PizZip(fill(template, { Name: 'Dr Ada' }));
    const media = Object.keys(filled.files).filter((name) => name.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect(Buffer.from(filled.file(media[0] as string)?.asUint8Array() ?? []).equals(png)).toBe(true);
    expect(docxText(fill(template, { Name: 'Dr Ada' }))).toContain('Dear Dr Ada,');
  });

  it('filling twice from one template gives the same bytes (the normalized copy is never changed)', async () => {
    const template = read(await mergeFieldTemplate({ simple: false, pages: 2 }));
    const before = Buffer.from(template.normalized).toString('base64');
    const a = fill(template, rowValues(3));
    fill(template, rowValues(4));
    const b = fill(template, rowValues(3));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(template.normalized).toString('base64')).toBe(before);
  });
});

/** A minimal OLE compound file: the signature, then directory entry names in UTF-16 as Office writes them. */
function oleFile(streams: string[]): Uint8Array {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  const names = streams.map((name) => {
    const entry = Buffer.alloc(128);
    Buffer.from(name, 'utf16le').copy(entry);
    return entry;
  });
  return new Uint8Array(Buffer.concat([header, Buffer.from(`Root Entry`, 'utf16le'), ...names]));
}

/** The ZIP with one entry's stated uncompressed size changed (local header and central directory). */
function claimSize(bytes: Uint8Array, entry: string, size: number): Uint8Array {
  const data = Buffer.from(bytes);
  const name = Buffer.from(entry);
  for (let i = 0; i < data.length - 46; i++) {
    const signature = data.readUInt32LE(i);
    if (signature === 0x04034b50 && data.subarray(i + 30, i + 30 + name.length).equals(name) && data.readUInt16LE(i + 26) === name.length)
      data.writeUInt32LE(size, i + 22);
    if (signature === 0x02014b50 && data.subarray(i + 46, i + 46 + name.length).equals(name) && data.readUInt16LE(i + 28) === name.length)
      data.writeUInt32LE(size, i + 24);
  }
  return new Uint8Array(data);
}
