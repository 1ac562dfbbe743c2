// "As sent by Openfax": thin glue over the as-sent service, one page of the image per call.

import type { sentMethods } from '../../../shared/ipc/contract/sent.ts';
import type { Handlers } from '../ipc-router.ts';
import type { AppServices } from '../services.ts';

export function sentHandlers(s: AppServices): Pick<Handlers, keyof typeof sentMethods> {
  return {
    getAsSentPage: async ({ jobId, page }) => {
      const got = await s.asSent.page(jobId, page);
      if (!('raster' in got)) return got.state === 'waiting' ? { state: 'waiting' } : { state: got.state, reason: got.reason };
      const { raster } = got;
      return {
        state: 'page',
        page,
        pages: got.pages,
        width: raster.width,
        height: raster.height,
        ...(got.resolution ? { resolution: got.resolution } : {}),
        bitsBase64: Buffer.from(raster.bits.buffer, raster.bits.byteOffset, raster.bits.byteLength).toString('base64'),
      };
    },
  };
}
