// Templates built to hurt whoever opens them, each refused at readTemplate, quickly and with
// words: references outside the package (a linked picture LibreOffice fetched for every fax, an
// attached template Word loads, INCLUDEPICTURE/IMPORT fields), XML built to make the tokenizer
// quadratic, a part that lies about its size and inflates far past the cap, a DTD's entity
// expansion, fields where no filler reaches (endnotes, charts). The LibreOffice case shows the
// linked picture really is fetched when converted as it is (so the test can fail), then that the
// template is refused before any converter sees it.

import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTemplate } from '../../../electron/merge/template/read-template.ts';
import { tokenizeXml } from '../../../electron/merge/template/xml-tokens.ts';
import type { MergeProblem } from '../../../electron/merge/types.ts';
import { sofficeConvert, sofficeMissing } from '../../fixtures/merge-templates.ts';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const MAIN_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const HEADER_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml';

function contentTypes(overrides: Record<string, string> = {}): string {
  const extra = Object.entries(overrides)
    .map(([part, type]) => `<Override PartName="/${part}" ContentType="${type}"/>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="${MAIN_TYPE}"/>${extra}</Types>`;
}

const document = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}" xmlns:r="${REL}" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>${body}<w:sectPr/></w:body></w:document>`;
const para = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const rels = (...relationships: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationships.join('')}</Relationships>`;
const relationship = (id: string, type: string, target: string, external = true) =>
  `<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"${external ? ' TargetMode="External"' : ''}/>`;

/** A picture shown from relationship rId9, linked (r:link), not embedded. */
const LINKED_PICTURE = `<w:p><w:r><w:drawing><wp:inline><wp:extent cx="914400" cy="914400"/><wp:docPr id="1" name="P"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="P"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:link="rId9"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`;

function pkg(parts: Record<string, string>, types: Record<string, string> = {}): Uint8Array {
  const zip = new PizZip();
  zip.file('[Content_Types].xml', contentTypes(types));
  zip.file('_rels/.rels', rels(relationship('rId1', 'officeDocument', 'word/document.xml', false)));
  for (const [name, text] of Object.entries(parts)) zip.file(name, text);
  return zip.generate({ type: 'uint8array', compression: 'DEFLATE' });
}

function refusal(bytes: Uint8Array): MergeProblem {
  const outcome = readTemplate(bytes, 'template.docx');
  if (outcome.ok) throw new Error(`expected a refusal, got fields ${outcome.value.fields.join(', ')}`);
  return outcome.problem;
}

function timed<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
}

describe('references outside the package', () => {
  const linked = (target: string) =>
    pkg({
      'word/document.xml': document(para('Dear {{Name}}') + LINKED_PICTURE),
      'word/_rels/document.xml.rels': rels(relationship('rId9', 'image', target)),
    });

  it('a linked picture is refused, whatever it points at, with "embed the picture instead"', () => {
    for (const target of [
      'http://127.0.0.1:18777/beacon.png',
      'file:///etc/hostname',
      '\\\\attacker\\share\\p.png',
      'file://attacker/share/p.png',
    ]) {
      const problem = refusal(linked(target));
      expect(problem.code, target).toBe('external-reference');
      expect(problem.message).toMatch(/picture linked from outside/);
      expect(problem.action).toMatch(/Embed the picture instead of linking it/);
    }
  });

  it("an attached template stored elsewhere (settings.xml.rels) is refused with Word's Developer > Document Template", () => {
    const problem = refusal(
      pkg({
        'word/document.xml': document(para('Dear {{Name}}')),
        'word/settings.xml': `<?xml version="1.0"?><w:settings xmlns:w="${W}" xmlns:r="${REL}"><w:attachedTemplate r:id="rId1"/></w:settings>`,
        'word/_rels/settings.xml.rels': rels(relationship('rId1', 'attachedTemplate', 'https://example.com/t.dotm')),
      }),
    );
    expect(problem.code).toBe('external-reference');
    expect(problem.message).toMatch(/attached template/);
    expect(problem.action).toMatch(/Developer > Document Template/);
  });

  it("frames, subdocuments, linked objects and other-file chunks are refused, each named; in a header's rels too", () => {
    for (const [type, words] of [
      ['frame', /frame/],
      ['subDocument', /subdocument/],
      ['oleObject', /object linked/],
      ['aFChunk', /another file/],
      ['somethingNew', /outside the document/],
    ] as const) {
      const problem = refusal(
        pkg(
          {
            'word/document.xml': document(para('Dear {{Name}}')),
            'word/header1.xml': `<?xml version="1.0"?><w:hdr xmlns:w="${W}"><w:p/></w:hdr>`,
            'word/_rels/header1.xml.rels': rels(relationship('rId3', type, 'https://example.com/x')),
          },
          { 'word/header1.xml': HEADER_TYPE },
        ),
      );
      expect(problem.code, type).toBe('external-reference');
      expect(problem.message, type).toMatch(words);
    }
  });

  it('an external hyperlink is kept: nothing follows it while printing', () => {
    const outcome = readTemplate(
      pkg({
        'word/document.xml': document(`<w:p><w:hyperlink r:id="rId5"><w:r><w:t>{{Name}}</w:t></w:r></w:hyperlink></w:p>`),
        'word/_rels/document.xml.rels': rels(relationship('rId5', 'hyperlink', 'https://example.com/')),
      }),
      'template.docx',
    );
    expect(outcome.ok && outcome.value.fields).toEqual(['Name']);
  });

  it('INCLUDEPICTURE and IMPORT fields are refused like INCLUDETEXT', () => {
    for (const [field, words] of [
      [' INCLUDEPICTURE "http://127.0.0.1:18777/p.png" \\d ', /INCLUDEPICTURE/],
      [' IMPORT "\\\\\\\\attacker\\\\share\\\\p.png" ', /IMPORT/],
    ] as const) {
      const problem = refusal(
        pkg({
          'word/document.xml': document(
            `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">${field}</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>x</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>${para('{{Name}}')}`,
          ),
        }),
      );
      expect(problem.code).toBe('unsupported-field');
      expect(problem.message).toMatch(words);
      expect(problem.action).toMatch(/Embed the picture/);
    }
  });
});

describe('refused in every part', () => {
  it('a DDEAUTO field in an endnote is refused, though no filler reaches endnotes', () => {
    const problem = refusal(
      pkg({
        'word/document.xml': document(para('Dear {{Name}}')),
        'word/endnotes.xml': `<?xml version="1.0"?><w:endnotes xmlns:w="${W}"><w:endnote w:id="1"><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:endnote></w:endnotes>`,
      }),
    );
    expect(problem.code).toBe('unsupported-field');
    expect(problem.message).toMatch(/DDEAUTO.*in an endnote/);
  });

  it('a {{tag}} in a chart or a diagram is refused: docxtemplater would send it as typed', () => {
    for (const [part, where] of [
      ['word/charts/chart1.xml', /in a chart/],
      ['word/diagrams/data1.xml', /in a diagram/],
    ] as const) {
      const problem = refusal(
        pkg({
          'word/document.xml': document(para('Dear {{Name}}')),
          [part]: `<?xml version="1.0"?><c:chartSpace xmlns:c="x"><c:v>{{Account}}</c:v></c:chartSpace>`,
        }),
      );
      expect(problem.code, part).toBe('unsupported-field');
      expect(problem.message, part).toMatch(where);
    }
  });

  it('a DTD (<!DOCTYPE, <!ENTITY: a billion laughs) is refused in any part, at once', () => {
    let dtd = '<!DOCTYPE x [<!ENTITY a0 "lollollollollol">';
    for (let i = 1; i < 10; i++) dtd += `<!ENTITY a${i} "${`&a${i - 1};`.repeat(10)}">`;
    dtd += ']>';
    for (const part of ['word/document.xml', 'docProps/app.xml', 'word/styles.xml']) {
      const parts: Record<string, string> = { 'word/document.xml': document(para('Dear {{Name}} &a9;')) };
      parts[part] =
        `<?xml version="1.0"?>${dtd}${part === 'word/document.xml' ? parts[part]?.replace(/^<\?xml[^>]*>/, '') : '<x>&a9;</x>'}`;
      const { value: problem, ms } = timed(() => refusal(pkg(parts)));
      expect(problem.message, part).toMatch(/<!DOCTYPE or <!ENTITY/);
      expect(ms, part).toBeLessThan(1000);
    }
  });
});

describe('input built to be slow or large', () => {
  const unclosedAfterField = (junk: string, n: number) =>
    pkg({
      'word/document.xml': `${document(`<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r></w:p>${para('{{Name}}')}`)}${junk.repeat(n)}`,
    });

  it('80,000 "<" with no ">" (or "<!--" with no "-->", "<![CDATA[", an unclosed quote) are refused in well under a second', () => {
    // The old tokenizer rescanned to the end after every failed match: 23 s for 80,000 "<".
    for (const junk of ['<', '<!--', '<![CDATA[', '<w:r w:x="']) {
      const small = timed(() => refusal(unclosedAfterField(junk, 40_000)));
      const large = timed(() => refusal(unclosedAfterField(junk, 80_000)));
      expect(large.value.code, junk).toBe('damaged');
      expect(large.ms, junk).toBeLessThan(1000);
      // Twice the input, not four times the time (a margin for a busy machine).
      expect(large.ms, junk).toBeLessThan(Math.max(100, small.ms * 3));
    }
  });

  it('the tokenizer gives the part back byte for byte, markup left open included, in one pass', () => {
    for (const xml of [
      '<a x=">">t</a><!-- c -->',
      `<a>${'<'.repeat(5)}`,
      '<a>b<!-- open',
      '<a b="unclosed>c',
      'text<![CDATA[x]]>',
      "<a b='>' c=\"'\"/>",
    ]) {
      expect(
        tokenizeXml(xml)
          .map((t) => t.raw)
          .join(''),
      ).toBe(xml);
    }
    expect(tokenizeXml('<a x=">">').map((t) => t.kind)).toEqual(['open']);
    const many = `${'<w:t x="1" y="2">'.repeat(50_000)}`;
    const { value, ms } = timed(() => tokenizeXml(`${many}<a "${' '.repeat(200_000)}`));
    expect(value.length).toBe(50_001);
    expect(ms).toBeLessThan(1000);
  });

  it('a part docxtemplater templates by its content type (word/h.bin as a header) that declares 1,000 bytes but inflates past the cap is refused, never inflated whole', () => {
    const big = Buffer.alloc(51 * 1024 * 1024, 0x20);
    const bytes = lyingZip(
      [
        ['[Content_Types].xml', Buffer.from(contentTypes({ 'word/h.bin': HEADER_TYPE }))],
        ['word/document.xml', Buffer.from(document(para('{{Name}}')))],
      ],
      { name: 'word/h.bin', data: big, declared: 1000 },
    );
    const heap = process.memoryUsage().rss;
    const { value: problem, ms } = timed(() => refusal(bytes));
    expect(problem.code).toBe('too-large');
    expect(ms).toBeLessThan(3000);
    expect(process.memoryUsage().rss - heap).toBeLessThan(400 * 1024 * 1024);
  });
});

/** A ZIP whose last entry's local and central headers declare `declared` bytes for a part far larger. */
function lyingZip(files: [string, Buffer][], liar: { name: string; data: Buffer; declared: number }): Uint8Array {
  const entries = [
    ...files.map(([name, data]) => ({ name, comp: deflateRawSync(data), declared: data.length })),
    { name: liar.name, comp: deflateRawSync(liar.data), declared: liar.declared },
  ];
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(8, 8);
    header.writeUInt32LE(entry.comp.length, 18);
    header.writeUInt32LE(entry.declared, 22);
    header.writeUInt16LE(name.length, 26);
    local.push(header, name, entry.comp);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(entry.comp.length, 20);
    dir.writeUInt32LE(entry.declared, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += 30 + name.length + entry.comp.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...local, directory, end]));
}

const missing = sofficeMissing();
if (missing && process.env.CI) throw new Error(`${missing}: the LibreOffice capture test needs it under CI.`);

describe.skipIf(missing)(`a linked picture through LibreOffice${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let server: Server;
  let port: number;
  let dir: string;
  const hits: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'openfax-merge-hostile-'));
    server = createServer((request, response) => {
      hits.push(`${request.method} ${request.url}`);
      response.end();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is fetched by LibreOffice when converted as it is, and so the template is refused before any converter sees it', async () => {
    const bytes = pkg({
      'word/document.xml': document(para('Dear {{Name}}') + LINKED_PICTURE),
      'word/_rels/document.xml.rels': rels(relationship('rId9', 'image', `http://127.0.0.1:${port}/beacon.png`)),
    });
    // Without the refusal: LibreOffice asks the server for the picture while it lays the page out.
    const raw = join(dir, 'linked.docx');
    await writeFile(raw, bytes);
    await sofficeConvert([raw], 'pdf', dir);
    expect(hits.some((hit) => hit.includes('/beacon.png'))).toBe(true);

    hits.length = 0;
    const outcome = readTemplate(bytes, 'linked.docx');
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.problem.code).toBe('external-reference');
    // Refused: there is no template to fill, so no document reaches a converter and nothing is asked.
    expect(hits).toEqual([]);
  }, 120_000);
});
