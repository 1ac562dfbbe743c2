// The duplicate guard's findings: a document Openfax already accepted for a number, when it
// went and how it ended, or one still waiting in the Outbox to be sent ('not-sent'). Main finds them (electron/outbox/duplicate-guard.ts); the words are
// here so Compose, the Outbox, the CLI and the hot folder say the same thing.

import { z } from 'zod';

const DUPLICATE_OUTCOMES = ['delivered', 'failed', 'in-progress', 'canceled', 'not-sent'] as const;

export const DuplicateSend = z.object({
  /** The earlier job that Openfax accepted, or that waits in the Outbox ('not-sent'). */
  jobId: z.number(),
  /** Vendor digits, e.g. 12125550100 (what a caller filters recipients by). */
  faxNumber: z.string(),
  /** For people: +1 212 555 0100. */
  number: z.string(),
  /** When Openfax accepted it (ms since epoch); for 'not-sent', when it was queued. */
  sentAt: z.number(),
  outcome: z.enum(DUPLICATE_OUTCOMES),
  /** Why it failed, in plain words, when it did. */
  detail: z.string().nullable(),
});
export type DuplicateSend = z.infer<typeof DuplicateSend>;

const OUTCOME_WORDS: Record<DuplicateSend['outcome'], string> = {
  delivered: 'delivered',
  failed: 'failed',
  'in-progress': 'still in progress at Openfax',
  canceled: 'canceled by Openfax',
  'not-sent': 'in the Outbox, not sent yet',
};

/** "today at 10:42", "yesterday at 18:05", "on Fri 27 Nov at 09:10", in this machine's local time. */
function whenSent(at: number, now: number): string {
  const sent = new Date(at);
  const time = sent.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const today = new Date(now);
  const yesterday = new Date(now);
  yesterday.setDate(today.getDate() - 1);
  if (sent.toDateString() === today.toDateString()) return `today at ${time}`;
  if (sent.toDateString() === yesterday.toDateString()) return `yesterday at ${time}`;
  return `on ${sent.toLocaleDateString([], { weekday: 'short', day: 'numeric', month: 'short' })} at ${time}`;
}

/** "at 10:42" today, else as whenSent: when a job still in the Outbox was queued. */
function whenQueued(at: number, now: number): string {
  const w = whenSent(at, now);
  return w.startsWith('today ') ? w.slice('today '.length) : w;
}

/** One number: "+1 212 555 0100: sent today at 10:42, delivered." or "… is already in the Outbox, not sent yet (queued at 10:42)." */
export function duplicateLine(d: DuplicateSend, now: number): string {
  if (d.outcome === 'not-sent') return `${d.number} is already in the Outbox, not sent yet (queued ${whenQueued(d.sentAt, now)}).`;
  const how = d.outcome === 'failed' && d.detail ? `failed (${d.detail.replace(/\.$/, '')})` : OUTCOME_WORDS[d.outcome];
  return `${d.number}: sent ${whenSent(d.sentAt, now)}, ${how}.`;
}

/** The whole finding in one paragraph: which numbers already have this document, when and how it ended. */
export function duplicateMessage(list: readonly DuplicateSend[], now: number): string {
  if (list.length === 1) {
    const d = list[0] as DuplicateSend;
    if (d.outcome === 'not-sent') return `This document to ${duplicateLine(d, now)}`;
    const how = d.outcome === 'failed' && d.detail ? `it failed (${d.detail.replace(/\.$/, '')})` : `it was ${OUTCOME_WORDS[d.outcome]}`;
    const tail = d.outcome === 'in-progress' ? 'it is still in progress at Openfax' : how;
    return `Openfax already accepted this document for ${d.number} ${whenSent(d.sentAt, now)}; ${tail}.`;
  }
  const waiting = list.filter((d) => d.outcome === 'not-sent').length;
  const lead =
    waiting === 0
      ? 'Openfax already accepted this document for'
      : waiting === list.length
        ? 'This document is already in the Outbox, not sent yet, for'
        : 'This document was already sent, or is waiting in the Outbox, for';
  return `${lead} ${list.length} of these numbers: ${list.map((d) => duplicateLine(d, now)).join(' ')}`;
}
