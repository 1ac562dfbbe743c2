import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText } from '../../../electron/pdf/extract-text.ts';
import { loadPdfJs } from '../../../electron/pdf/pdfjs-loader.ts';
import { chromiumPdf, ghostscriptPdf, makePdf } from '../../fixtures/pdf/make-pdf.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'text-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('extractText', () => {
  it('reads text with line breaks from a pdf-lib PDF, up to maxPages', async () => {
    const bytes = await makePdf({ pages: ['Hello\nworld', 'second page', 'third page'] });
    const text = await extractText(bytes, { maxPages: 2 });
    expect(text).toMatch(/Hello\s*\n\s*world/);
    expect(text).toContain('second page');
    expect(text).not.toContain('third page');
  });

  it('reads Ghostscript and Chromium output', async () => {
    const gs = join(dir, 'gs.pdf');
    await ghostscriptPdf(gs, ['Invoice 42 {{fax: 212 555 0100}}']);
    expect((await extractText(gs)).replace(/\s+/g, ' ')).toContain('Invoice 42 {{fax: 212 555 0100}}');
    const chrome = join(dir, 'chrome.pdf');
    await chromiumPdf(chrome, '<p>Quarterly report</p><p>@@fax:2125550101@@</p>');
    const text = await extractText(chrome);
    expect(text).toContain('Quarterly report');
    expect(text.replace(/\s+/g, '')).toContain('@@fax:2125550101@@');
  }, 60_000);

  it('loads pdf.js once and reuses it', async () => {
    const first = await loadPdfJs();
    const second = await loadPdfJs();
    expect(second).toBe(first);
    const started = performance.now();
    for (let i = 0; i < 20; i++) await extractText(await makePdf({ pages: [`doc ${i}`] }));
    // Twenty small documents: a reload per document (hundreds of ms each) would blow this.
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
