// Domain types shared by main, renderer, CLI and tests. Vendor wire values live here too,
// so every layer speaks the same words (paper size codes, resolution codes, priority).

export const PAPER_SIZES = ['letter', 'legal', 'a4'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];
/** Vendor `paperSize` codes: 0 Letter, 1 Legal, 2 A4. */
export const PAPER_SIZE_CODE: Record<PaperSize, 0 | 1 | 2> = { letter: 0, legal: 1, a4: 2 };
export const PAPER_SIZE_LABEL: Record<PaperSize, string> = { letter: 'US Letter', legal: 'US Legal', a4: 'A4' };

export const RESOLUTIONS = ['standard', 'fine'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];
/** Vendor `faxResolution` codes: 0 standard (204×98 dpi), 1 fine (204×196 dpi). */
export const RESOLUTION_CODE: Record<Resolution, 0 | 1> = { standard: 0, fine: 1 };

/** Vendor `Priority` values; case-sensitive on the wire. */
export const PRIORITIES = ['Normal', 'Low'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** The vendor's limit, before base64. */
export const MAX_PDF_BYTES = 50 * 1024 * 1024;
export const MAX_HEADER_LENGTH = 15;

export interface FaxOptions {
  toHeader: string;
  fromHeader: string;
  paperSize: PaperSize;
  resolution: Resolution;
  priority: Priority;
}

/**
 * Our job states. Vendor CurrentState refines `submitted` while in flight; final states are
 * `delivered`, `failed`, `canceled`, and the local ones (`rejected`, `auth-failed`, `no-credit`).
 * `needs-attention` waits for the user (transient errors ran out, or an unknown outcome).
 */
export const JOB_STATES = [
  'draft',
  'queued',
  'submitting',
  'submitted',
  'delivered',
  'failed',
  'canceled',
  'rejected',
  'needs-attention',
  'auth-failed',
  'no-credit',
] as const;
export type JobState = (typeof JOB_STATES)[number];

export const FINAL_JOB_STATES: readonly JobState[] = ['delivered', 'failed', 'canceled', 'rejected', 'auth-failed', 'no-credit'];
export const IN_FLIGHT_JOB_STATES: readonly JobState[] = ['queued', 'submitting', 'submitted'];
