// Templates LibreOffice made, and filled documents as LibreOffice lays them out: the {{tags}} of
// a document typed in LibreOffice (one split over two runs by a bold span) are the fields; 50
// rows fill; and the PDFs LibreOffice makes of filled documents, read by pdf.js, each hold their
// own row's values, nothing of another row's, and the template's two pages. A real .doc and
// .odt (made by LibreOffice) are refused as what they are. Needs `soffice` (.ci/run installs
// libreoffice-writer-nogui): skipped with the reason elsewhere, failed under CI.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText } from '../../../electron/pdf/extract-text.ts';
import { openPdfDocument } from '../../../electron/pdf/pdfjs-loader.ts';
import { fillTemplate } from '../../../electron/merge/template/fill-template.ts';
import { readTemplate } from '../../../electron/merge/template/read-template.ts';
import type { MergeTemplate } from '../../../electron/merge/types.ts';
import {
  DEFAULT_FIELDS,
  docxText,
  libreOfficeTagTemplate,
  mergeFieldTemplate,
  sofficeConvert,
  sofficeMissing,
} from '../../fixtures/merge-templates.ts';

const missing = sofficeMissing();
if (missing && process.env.CI) throw new Error(`${missing}: the LibreOffice template tests need it under CI.`);
const suite = missing ? describe.skip : describe;

function read(bytes: Uint8Array): MergeTemplate {
  const outcome = readTemplate(bytes, 'template.docx');
  if (!outcome.ok) throw new Error(`expected a template, got ${outcome.problem.code}: ${outcome.problem.message}`);
  return outcome.value;
}

function fill(template: MergeTemplate, values: Record<string, string>): Uint8Array {
  const outcome = fillTemplate(template, values);
  if (!outcome.ok) throw new Error(`fill refused: ${outcome.problem.message}`);
  return outcome.value;
}

function rowValues(i: number): Record<string, string> {
  const n = String(i).padStart(2, '0');
  return { Name: `Dr Row-${n}-Name`, Fax: `+1 212 555 01${n}`, Account: `ACC-${n}-X`, 'Patient list': `Patient ${n}a\nPatient ${n}b` };
}

const rowTexts = (i: number) => Object.values(rowValues(i)).flatMap((v) => v.split('\n'));

suite(`templates and documents through LibreOffice${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let dir: string;
  let onePage: string;
  let twoPages: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'openfax-merge-template-'));
    onePage = await libreOfficeTagTemplate(dir, { pages: 1 });
    twoPages = await libreOfficeTagTemplate(dir, { pages: 2 });
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('the {{tags}} of a LibreOffice document are its fields, a tag split by formatting included', async () => {
    for (const path of [onePage, twoPages]) {
      const bytes = new Uint8Array(await readFile(path));
      // The split is real in the file LibreOffice wrote: no run holds "{{Fax}}" whole.
      expect(new PizZip(bytes).file('word/document.xml')?.asText()).not.toContain('{{Fax}}');
      const template = read(bytes);
      expect(template.fields).toEqual(DEFAULT_FIELDS);
      expect(template.kinds).toEqual({ mergeFields: 0, tags: 4 });
    }
  });

  it('50 rows of the 2-page LibreOffice template: each document holds its own values, nothing of another row, no tag left', async () => {
    const template = read(new Uint8Array(await readFile(twoPages)));
    for (let i = 0; i < 50; i++) {
      const shown = docxText(fill(template, rowValues(i)));
      for (const value of rowTexts(i)) expect(shown, `row ${i}`).toContain(value);
      for (let other = 0; other < 50; other++) {
        if (other !== i) for (const value of rowTexts(other)) expect(shown, `row ${i} holds row ${other}'s ${value}`).not.toContain(value);
      }
      expect(shown).not.toMatch(/\{\{|\}\}/);
      expect(shown).toContain(`Notice for ${rowValues(i).Name}`);
    }
  });

  it('PDFs of filled documents (tags, simple and complex MERGEFIELDs): pdf.js reads each row’s own values, none of another’s, on 2 pages', async () => {
    const templates: [string, MergeTemplate][] = [
      ['tags', read(new Uint8Array(await readFile(twoPages)))],
      ['simple', read(await mergeFieldTemplate({ simple: true, pages: 2 }))],
      ['complex', read(await mergeFieldTemplate({ simple: false, pages: 2 }))],
    ];
    const made: { path: string; row: number }[] = [];
    for (const [kind, template] of templates) {
      for (const row of [3, 17, 42]) {
        const path = join(dir, `${kind}-row-${row}.docx`);
        await writeFile(path, fill(template, rowValues(row)));
        made.push({ path, row });
      }
    }
    await sofficeConvert(
      made.map((m) => m.path),
      'pdf',
      dir,
    );
    for (const { path, row } of made) {
      const pdf = new Uint8Array(await readFile(path.replace(/\.docx$/, '.pdf')));
      const doc = await openPdfDocument(pdf.slice());
      const pages = doc.numPages;
      await doc.destroy();
      expect(pages, path).toBe(2);
      const pdfText = (await extractText(pdf)).replace(/\s+/g, ' ');
      for (const value of rowTexts(row)) expect(pdfText, path).toContain(value);
      for (const other of [3, 17, 42, 0, 49]) {
        if (other !== row) for (const value of rowTexts(other)) expect(pdfText, `${path} holds row ${other}`).not.toContain(value);
      }
      expect(pdfText).not.toMatch(/\{\{|«|MERGEFIELD/);
      expect(pdfText).toContain(`Page two for ${rowValues(row).Name}`);
    }
  }, 120_000);

  it('a real Word 97-2003 .doc and an OpenDocument .odt (made by LibreOffice) are refused as what they are', async () => {
    const fodt = onePage.replace(/\.docx$/, '.fodt');
    await sofficeConvert([fodt], 'doc', dir);
    await sofficeConvert([fodt], 'odt', dir);
    const doc = readTemplate(new Uint8Array(await readFile(fodt.replace(/\.fodt$/, '.doc'))), 'old.doc');
    expect(doc).toMatchObject({ ok: false, problem: { code: 'legacy-doc', action: expect.stringMatching(/save it as \.docx/) } });
    const odt = readTemplate(new Uint8Array(await readFile(fodt.replace(/\.fodt$/, '.odt'))), 'letter.docx');
    expect(odt).toMatchObject({ ok: false, problem: { code: 'not-docx', message: expect.stringMatching(/OpenDocument text/) } });
  }, 120_000);
});
