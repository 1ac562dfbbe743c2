import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prependCover, renderCoverPage } from '../../../electron/pdf/cover-page.ts';
import { inspectPdf } from '../../../electron/pdf/inspect.ts';
import { A4, makePdf, popplerPageCount, popplerText } from '../../fixtures/pdf/make-pdf.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cover-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function textOf(bytes: Uint8Array, name: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return (await popplerText(path)).replace(/[ \t]+/g, ' ');
}

describe('cover page', () => {
  it('renders one page of the chosen paper size with every field', async () => {
    const bytes = await renderCoverPage({
      to: 'Dr. Ada Smith',
      toFax: '+1 212 555 0100',
      from: 'Acme Clinic',
      subject: 'Referral',
      message: 'Please find the referral attached.\nCall us with any questions.',
      pages: 4,
      date: 'November 28, 2025',
      paperSize: 'legal',
    });
    const info = await inspectPdf(bytes);
    expect(info.pages).toBe(1);
    expect(info.paperSize).toBe('legal');
    const text = await textOf(bytes, 'cover.pdf');
    for (const expected of [
      'FAX',
      'To Dr. Ada Smith',
      'Fax +1 212 555 0100',
      'From Acme Clinic',
      'Date November 28, 2025',
      'Pages 4 (including this cover page)',
      'Subject Referral',
      'Please find the referral attached.',
      'Call us with any questions.',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('survives names outside the standard fonts and cuts an over-long message', async () => {
    const bytes = await renderCoverPage({
      to: 'Zoë Ångström 北京办公室',
      from: 'Ørsted 🚀',
      message: 'word '.repeat(3000),
      pages: 1,
      date: new Date('2025-11-28T15:04:00Z'),
      paperSize: 'letter',
    });
    const text = await textOf(bytes, 'odd.pdf');
    expect(text).toContain('Zoë Ångström ?????');
    expect(text).toContain('…');
    expect(await inspectPdf(bytes)).toMatchObject({ pages: 1, paperSize: 'letter' });
  });

  it("prepends the cover, counting it, in the document's paper size", async () => {
    const doc = await makePdf({ pages: ['body one', 'body two'], size: A4 });
    const bytes = await prependCover(doc, { to: 'Bob', from: 'Alice', date: 'today' });
    const path = join(dir, 'with-cover.pdf');
    await writeFile(path, bytes);
    expect(await popplerPageCount(path)).toBe(3);
    const info = await inspectPdf(bytes);
    expect(info.paperSize).toBe('a4');
    expect(info.paperSizeMismatch).toBe(false);
    const text = await popplerText(path);
    expect(text).toMatch(/Pages\s+3 \(including this cover page\)/);
    expect(text.indexOf('FAX')).toBeLessThan(text.indexOf('body one'));
  });
});
