// After a send that not everyone got: the recipients Openfax already accepted (or that wait in
// the Outbox) are listed here, unticked, so "send again" goes only to the others. Ticking one
// puts it back on purpose; the confirm then says it already has the fax, and the outbox asks
// once more before it goes twice.

import type { DraftRecipient, SentRecipient } from '../../../../shared/ipc/contract/compose.ts';
import { useStore } from '../../store/index.ts';

const NONE: SentRecipient[] = [];
const NO_RECIPIENTS: DraftRecipient[] = [];

/** How an earlier send of this draft ended for `r`, in words. */
export function sentBeforeWords(r: Pick<SentRecipient, 'state'>): string {
  if (r.state === 'needs-attention') return 'waits in the Outbox (needs attention): retry it there';
  if (r.state === 'delivered') return 'already has it (delivered)';
  if (r.state === 'failed') return 'Openfax already took it; the call failed (see the Outbox)';
  return 'already has it (accepted by Openfax)';
}

export function SentBeforeField() {
  const sentBefore = useStore((s) => s.composeDraft?.sentBefore ?? NONE);
  const recipients = useStore((s) => s.composeFields?.recipients ?? NO_RECIPIENTS);
  const setRecipients = useStore((s) => s.setComposeRecipients);
  if (sentBefore.length === 0) return null;
  const ticked = new Set(recipients.map((r) => r.number));
  const toggle = (r: SentRecipient, on: boolean) => {
    const { jobId: _j, state: _s, ...recipient } = r;
    setRecipients(on ? [...recipients, recipient] : recipients.filter((x) => x.number !== r.number));
  };
  return (
    <fieldset className="sent-before" data-testid="sent-before">
      <legend>Already sent: not sent again</legend>
      <p className="field-hint">Tick one only to send it a second time.</p>
      <ul>
        {sentBefore.map((r) => (
          <li key={r.number}>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={ticked.has(r.number)}
                onChange={(e) => toggle(r, e.target.checked)}
                data-testid="sent-before-item"
              />
              <span>
                {r.name ? `${r.name} · ${r.display}` : r.display} <span className="muted">— {sentBeforeWords(r)}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
