// The TIFF loop: a fax sent by the app through the real client to the real sandbox, which draws
// the PDF it received as a CCITT G4 TIFF and gives its address in the report row; the app
// downloads that image once, decodes it, and its pixels agree with our own fax view of the
// same PDF within the fidelity limits. The sandbox's record is the judge: the PDF it
// received is the one spooled, and the image kept is the one it served.

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import UTIF from 'utif2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type AppServices, createAppServices } from '../../../electron/app/services.ts';
import { createHeadlessHost } from '../../../electron/core/host.ts';
import { renderFaxPage } from '../../../electron/pdf/fax-render.ts';
import { openPdfDocument } from '../../../electron/pdf/pdfjs-loader.ts';
import { createMemorySecretStore } from '../../../electron/secrets/secret-store.ts';
import { getAsSent } from '../../../electron/store/as-sent-repo.ts';
import { getJobView } from '../../../electron/store/jobs-repo.ts';
import { get } from '../../../electron/store/sql.ts';
import { A4, makePdf } from '../../fixtures/pdf/make-pdf.ts';
import { FIDELITY_LIMITS } from '../../fidelity/corpus.ts';
import { compareRasters } from '../../fidelity/metrics.ts';

let services: AppServices;
let dataDir: string;
let jobId: number;
let pdf: Uint8Array;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'openfax-tiff-loop-'));
  services = await createAppServices({
    dataDir,
    host: createHeadlessHost(),
    version: 'test',
    secrets: createMemorySecretStore(),
    sandbox: { speed: 5000, inMemory: true },
    hotFolder: { enabled: false, documentsDir: join(dataDir, 'Documents') },
  });
  pdf = await makePdf({
    pages: ['Invoice 42\nAmount due: 1,234.00\nIIIIIIIIIIIIIIIIIIIIIIII', 'Terms and conditions\nPage two'],
    size: A4,
  });
  const sent = await services.outbox.submit({
    pdfBytes: pdf,
    originalName: 'invoice.pdf',
    to: { number: '12025550150', toHeader: 'ACCOUNTS' },
    options: { paperSize: 'a4', resolution: 'fine' },
  });
  if (!sent.ok) throw new Error(`not queued: ${sent.error.message}`);
  jobId = sent.value.jobIds[0] as number;
  await vi.waitFor(
    async () => {
      await services.sandbox.settle();
      await services.outbox.pollNow();
      expect(getJobView(services.store.db, jobId)?.state).toBe('delivered');
    },
    { timeout: 30_000, interval: 50 },
  );
  await vi.waitFor(() => expect(services.asSent.status(jobId).state).toBe('stored'), { timeout: 20_000 });
}, 90_000);

afterAll(async () => {
  await services?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the TIFF loop', () => {
  it('keeps the very image the sandbox drew of the PDF it received', () => {
    const [fax] = services.sandbox.faxes();
    const spooled = get<{ sha256: string }>(
      services.store.db,
      'SELECT d.sha256 FROM jobs j JOIN documents d ON d.id = j.document_id WHERE j.id = :jobId',
      {
        jobId,
      },
    );
    expect(fax?.pdfSha256).toBe(spooled?.sha256);
    const kept = getAsSent(services.store.db, jobId);
    expect(kept).toMatchObject({ state: 'stored', url: fax?.image?.url, pages: 2, sha256: fax?.image?.sha256, linesPerInch: 196 });
    const file = readFileSync(join(dataDir, 'as-sent', `${jobId}.tif`));
    expect(createHash('sha256').update(file).digest('hex')).toBe(fax?.image?.sha256);
  });

  it('is CCITT G4, 1728 dots across and as many lines as A4 has at fine resolution', () => {
    const file = new Uint8Array(readFileSync(join(dataDir, 'as-sent', `${jobId}.tif`)));
    const pages = UTIF.decode(file.buffer);
    expect(
      pages.map((ifd) => [(ifd.t259 as number[])[0], (ifd.t256 as number[])[0], (ifd.t257 as number[])[0], (ifd.t258 as number[])[0]]),
    ).toEqual([
      [4, 1728, 2292, 1],
      [4, 1728, 2292, 1],
    ]);
  });

  it('decodes to pages that agree with our fax view of the same PDF within the fidelity limits', async () => {
    const doc = await openPdfDocument(pdf.slice());
    try {
      for (const n of [1, 2]) {
        const got = await services.asSent.page(jobId, n);
        if (!('raster' in got)) throw new Error(`page ${n}: ${got.state}`);
        expect(got).toMatchObject({ pages: 2, resolution: 'fine' });
        const ours = await renderFaxPage(doc, n, { paper: 'a4', resolution: 'fine', header: true });
        const figures = compareRasters(got.raster, ours);
        expect(figures.inkedBlocks, `page ${n}`).toBeGreaterThan(0);
        expect(figures.blockMean, `page ${n}`).toBeLessThanOrEqual(FIDELITY_LIMITS.blockMean);
        expect(figures.blockMax, `page ${n}`).toBeLessThanOrEqual(FIDELITY_LIMITS.blockMax);
        expect(figures.agreement, `page ${n}`).toBeGreaterThanOrEqual(FIDELITY_LIMITS.agreement);
      }
    } finally {
      await doc.destroy();
    }
  });

  it('gives the transmission report page 1, and says there is no page 3', async () => {
    const first = await services.asSent.firstPage(jobId);
    expect(first).toMatchObject({ resolution: 'fine', raster: { width: 1728, height: 2292 } });
    expect(first?.raster.inkRatio).toBeGreaterThan(0);
    expect(await services.asSent.page(jobId, 3)).toEqual({ state: 'unavailable', reason: 'The image Openfax sent has no page 3.' });
  });
});
