// The image Openfax sent of a fax ("As sent by Openfax" in the job panel): one page per call,
// its pixels packed one bit each (1 = black, rows of whole bytes, shared/fax-raster.ts), so an
// answer is at most a fax line by the longest page: 1728 × 2940 bits, 635 KB, about 850 KB as
// base64, whatever the fax's length. When there is no image to show, the answer says why in
// one quiet sentence.

import { z } from 'zod';
import { PAPER_SIZES, RESOLUTIONS } from '../../domain.ts';
import { FAX_PAPER_POINTS, faxPageLayout } from '../../fax-page.ts';
import { FAX_LINES_PER_INCH, FAX_WIDTH_PX } from '../../fax-raster.ts';
import { method } from '../define.ts';

/**
 * The longest page the image may have: the longest sheet at fine resolution (Legal, 2744
 * lines) and an inch more, for a service that puts its header line above the page.
 */
export const AS_SENT_MAX_LINES =
  Math.max(
    ...PAPER_SIZES.map(
      (paper) => faxPageLayout(FAX_PAPER_POINTS[paper].width, FAX_PAPER_POINTS[paper].height, { paper, resolution: 'fine' }).height,
    ),
  ) + FAX_LINES_PER_INCH.fine;
const MAX_BASE64 = Math.ceil(((FAX_WIDTH_PX / 8) * AS_SENT_MAX_LINES) / 3) * 4;

/** A page of the image, or why there is none to show. */
export const AsSentPage = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('page'),
    page: z.number().int().positive(),
    pages: z.number().int().positive(),
    width: z.number().int().positive().max(FAX_WIDTH_PX),
    height: z.number().int().positive().max(AS_SENT_MAX_LINES),
    /** As the image says; absent when it does not say. */
    resolution: z.enum(RESOLUTIONS).optional(),
    /** 1 bit a pixel, most significant first, 1 = black; rows padded to whole bytes. */
    bitsBase64: z.string().max(MAX_BASE64),
  }),
  /** The fax has not ended, or its image is being downloaded. */
  z.object({ state: z.literal('waiting') }),
  /** Openfax gave no image, or it could not be downloaded or read: the reason, for one quiet line. */
  z.object({ state: z.enum(['none', 'unavailable']), reason: z.string() }),
]);
export type AsSentPage = z.infer<typeof AsSentPage>;

export const sentMethods = {
  getAsSentPage: method(
    z.object({ jobId: z.number().int().positive(), page: z.number().int().positive().max(10_000).default(1) }),
    AsSentPage,
  ),
};
