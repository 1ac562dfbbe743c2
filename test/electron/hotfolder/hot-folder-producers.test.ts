// Real PDFs from real producers go through the hot folder: Ghostscript and Chromium are taken
// and routed by the codes printed in them; a qpdf-encrypted one is rejected with its reason.
// (cups-pdf is covered by printer-cups.test.ts. LibreOffice is not installed on these machines.)

import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPdf, ghostscriptPdf, qpdfEncrypt } from '../../fixtures/pdf/make-pdf.ts';
import { type Harness, startHarness } from './harness.ts';

let work: string;
let h: Harness;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'producers-'));
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
  await rm(work, { recursive: true, force: true });
});

describe('PDFs from real producers', () => {
  it('takes Ghostscript, Chromium and qpdf output, routes by printed codes, rejects encryption', async () => {
    const gs = join(work, 'gs.pdf');
    await ghostscriptPdf(gs, ['Referral letter', '{{ fax : 1 212 555 0100 }}  {{subject: Referral}}'], 'a4');
    const chrome = join(work, 'chrome.pdf');
    // The codes wrap inside a narrow column, so the printed text breaks them over lines.
    await chromiumPdf(
      chrome,
      `<h1>Statement</h1><div style="width:90px">@@fax: 212 555 0101@@ &lt;TOFAXNUM: 212 555 0102&gt; {{fax: 212 555 0103}}</div>`,
    );
    const locked = join(work, 'locked.pdf');
    await qpdfEncrypt(gs, locked);
    const linearized = join(work, 'linear.pdf');
    const { execFile } = await import('node:child_process');
    await new Promise<void>((ok, fail) => execFile('qpdf', ['--linearize', chrome, linearized], (e) => (e ? fail(e) : ok())));

    await copyFile(gs, join(h.folder, 'ghostscript.pdf'));
    await copyFile(chrome, join(h.folder, 'chromium.pdf'));
    await copyFile(linearized, join(h.folder, 'linearized.pdf'));
    await copyFile(locked, join(h.folder, 'locked.pdf'));
    await h.waitFor(() => h.documents.length === 3 && h.rejected.length === 1, 'three documents and one reject');

    const by = Object.fromEntries(h.documents.map((d) => [d.originalName, d]));
    expect(by['ghostscript.pdf']).toMatchObject({ pages: 2, paperSize: 'a4' });
    expect(by['ghostscript.pdf']?.route).toMatchObject({ source: 'codes', subject: 'Referral', problems: [] });
    expect(by['ghostscript.pdf']?.route.recipients.map((r) => r.number)).toEqual(['12125550100']);
    expect(by['chromium.pdf']).toMatchObject({ pages: 1, paperSize: 'letter' });
    expect(by['chromium.pdf']?.route.problems).toEqual([]);
    expect(by['chromium.pdf']?.route.recipients.map((r) => r.number)).toEqual(['12125550101', '12125550102', '12125550103']);
    expect(by['linearized.pdf']?.duplicateOf).toBeUndefined();
    expect(by['linearized.pdf']?.route.recipients).toHaveLength(3);

    const [reject] = h.rejected;
    expect(reject).toMatchObject({ originalName: 'locked.pdf', reason: { code: 'encrypted' } });
    expect(await readFile(reject?.reasonPath as string, 'utf8')).toMatch(/password-protected/);
  }, 60_000);
});
