// A routed hot-folder document handed to the outbox: the CLI's `watch` and the app share it.

import type { Outbox } from '../outbox/types.ts';
import { searchContacts } from '../store/contacts-repo.ts';
import { jobsOfDocumentSince } from '../store/documents-repo.ts';
import type { Db } from '../store/sql.ts';
import type { QueuedQuery, RoutedSend, SendOutcome } from './headless-watch.ts';
import type { ContactLookup } from './routing.ts';

/** Exact name (or company) matches only: a near match must never receive someone's fax. */
export function contactLookup(db: Db): ContactLookup {
  return (name) => {
    const wanted = name.trim().toLowerCase();
    const exact = searchContacts(db, name, { limit: 20 }).filter(
      (c) => (c.name.trim().toLowerCase() === wanted || c.company.trim().toLowerCase() === wanted) && (c.faxNumber || c.faxRaw),
    );
    const numbers = new Set(exact.map((c) => c.faxNumber || c.faxRaw));
    if (numbers.size !== 1) return undefined;
    const c = exact[0];
    return c ? { name: c.name || c.company, number: c.faxNumber ? `+${c.faxNumber}` : c.faxRaw } : undefined;
  };
}

export async function sendRouted(outbox: Outbox, r: RoutedSend, note: (text: string) => void): Promise<SendOutcome> {
  const { toHeader, ...options } = r.options;
  // Routing gives the vendor's digits (country code first); "+" keeps them international.
  const recipients = r.recipients.map((p) => ({ number: `+${p.number}`, ...(toHeader !== undefined ? { toHeader } : {}) }));
  const doc = { pdfPath: r.pdfPath, originalName: r.originalName, pages: r.pages, source: 'hotfolder' as const, options };
  const first = recipients[0];
  const result =
    recipients.length === 1 && first
      ? await outbox.submit({ ...doc, to: first })
      : await outbox.createBroadcast({ ...doc, recipients, name: r.subject ?? r.originalName });
  if (!result.ok && result.error.kind === 'duplicate') {
    // Nobody is there to say yes: never sent twice unattended, a person decides.
    return {
      ok: false,
      duplicate: true,
      message: result.error.message,
      action:
        'It was not sent again. If it should go again, send it from Openfax (Compose asks you to confirm), or with openfax send --allow-duplicate.',
    };
  }
  if (!result.ok) return { ok: false, message: result.error.message, action: result.error.action };
  for (const x of result.value.rejected) note(`${r.originalName}: not sent to ${x.number}: ${x.reason}`);
  return { ok: true, jobIds: result.value.jobIds };
}

// The outbox stamps a document with its own clock a moment after the hand-off began; a minute
// of slack covers a clock stepped back meanwhile.
const CLOCK_SLACK_MS = 60_000;

/** Asks the outbox whether it received a hot-folder document whose hand-off a crash cut short. */
export function queuedFromHotFolder(db: Db): (q: QueuedQuery) => number[] | undefined {
  return (q) => jobsOfDocumentSince(db, { ...q, source: 'hotfolder', since: q.since - CLOCK_SLACK_MS });
}
