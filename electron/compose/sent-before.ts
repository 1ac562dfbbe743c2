// After a send that not every recipient got: the ones Openfax accepted (or that wait in the
// Outbox needing attention) leave the list to send to and are kept as "sent before", so
// "Edit and send again" offers only the ones that failed or were refused. A person may tick one
// back on; the outbox's duplicate guard then asks for an explicit yes.

import type { JobState } from '../../shared/domain.ts';
import type { ComposeDraft, SendStatus, SentRecipient } from '../../shared/ipc/contract/compose.ts';

/** Accepted by Openfax (a second send would be a second fax), or still in the Outbox to retry there. */
const KEPT_OFF: readonly JobState[] = ['submitted', 'delivered', 'failed', 'needs-attention'];

export function settleSend(draft: ComposeDraft, status: SendStatus): ComposeDraft {
  const reached = new Map<string, { jobId: number; state: JobState }>();
  for (const j of status.jobs) if (j.number && KEPT_OFF.includes(j.state)) reached.set(j.number, { jobId: j.jobId, state: j.state });
  if (reached.size === 0) return { ...draft, send: status };
  const sentBefore: SentRecipient[] = draft.sentBefore.filter((s) => !reached.has(s.number));
  for (const r of draft.recipients) {
    const job = reached.get(r.number);
    if (job) sentBefore.push({ ...r, ...job });
  }
  return { ...draft, recipients: draft.recipients.filter((r) => !reached.has(r.number)), sentBefore, send: status };
}
