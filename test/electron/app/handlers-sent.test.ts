// "As sent by Openfax" through the real router: a fax delivered by the sandbox comes back a page
// at a time as packed bits of the size the paper and resolution give; a page past the end, a
// fax refused before it reached Openfax and a malformed request each get their own answer.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getJobView } from '../../../electron/store/jobs-repo.ts';
import { countInk } from '../../../shared/fax-raster.ts';
import { sentMethods } from '../../../shared/ipc/contract/sent.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';
import { type HandlersHarness, itDispatchedEvery, startHandlers } from './handlers-harness.ts';

const dispatched = new Set<string>();
let h: HandlersHarness;
let delivered: number;
let refused: number;

beforeAll(async () => {
  h = await startHandlers({ dispatched });
  const pdf = await makePdf({ pages: ['Invoice 7\nIIIIIIIIIIIIIIII', 'Terms'] });
  const sent = await h.services.outbox.submit({ pdfBytes: pdf, originalName: 'invoice.pdf', to: { number: '12025550150' } });
  const refusedSend = await h.services.outbox.submit({ pdfBytes: pdf, originalName: 'invoice.pdf', to: { number: '12025550106' } });
  if (!sent.ok || !refusedSend.ok) throw new Error('not queued');
  delivered = sent.value.jobIds[0] as number;
  refused = refusedSend.value.jobIds[0] as number;
  // Before it ends there is nothing to show yet.
  expect(await h.value('getAsSentPage', { jobId: delivered })).toEqual({ state: 'waiting' });
  await vi.waitFor(
    async () => {
      await h.services.sandbox.settle();
      await h.services.outbox.pollNow();
      expect(getJobView(h.services.store.db, delivered)?.state).toBe('delivered');
      expect(getJobView(h.services.store.db, refused)?.state).toBe('failed');
    },
    { timeout: 30_000, interval: 50 },
  );
  await h.services.asSent.idle();
}, 60_000);
afterAll(() => h?.close());

describe('getAsSentPage', () => {
  it('answers each page as packed bits: 1728 dots across, Letter at standard resolution', async () => {
    for (const page of [1, 2]) {
      const got = await h.value('getAsSentPage', { jobId: delivered, page });
      expect(got).toMatchObject({ state: 'page', page, pages: 2, width: 1728, height: 1078, resolution: 'standard' });
      if (got.state !== 'page') throw new Error('no page');
      const bits = new Uint8Array(Buffer.from(got.bitsBase64, 'base64'));
      expect(bits.byteLength).toBe(216 * 1078);
      expect(countInk({ width: 1728, height: 1078, bits })).toBeGreaterThan(0);
    }
  });

  it('says why when there is no page to show', async () => {
    expect(await h.value('getAsSentPage', { jobId: delivered, page: 3 })).toEqual({
      state: 'unavailable',
      reason: 'The image Openfax sent has no page 3.',
    });
    expect(await h.value('getAsSentPage', { jobId: refused })).toEqual({
      state: 'none',
      reason: 'Openfax did not provide the image it sent.',
    });
    expect((await h.refusal('getAsSentPage', { jobId: delivered, page: 0 })).code).toBe('invalid-payload');
  });
});

itDispatchedEvery(sentMethods, dispatched);
