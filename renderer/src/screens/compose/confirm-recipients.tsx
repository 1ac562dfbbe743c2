// The confirm dialog's "who": who will get this fax, who already has it from an earlier send of
// this draft (not sent again), and anyone ticked back on to get it a second time.

import type { DraftRecipient, SentRecipient } from '../../../../shared/ipc/contract/compose.ts';
import { useStore } from '../../store/index.ts';
import { sentBeforeWords } from './sent-before-field.tsx';

const NONE: SentRecipient[] = [];
const NO_RECIPIENTS: DraftRecipient[] = [];
const SHOWN = 6;

const who = (r: Pick<DraftRecipient, 'name' | 'display'>) => (r.name ? `${r.name} · ${r.display}` : r.display);

function Names({ list, testId }: { list: ReadonlyArray<Pick<DraftRecipient, 'name' | 'display' | 'number'>>; testId: string }) {
  return (
    <dd data-testid={testId}>
      {list.slice(0, SHOWN).map((r) => (
        <div key={r.number}>{who(r)}</div>
      ))}
      {list.length > SHOWN && <div>and {list.length - SHOWN} more</div>}
    </dd>
  );
}

export function ConfirmRecipients() {
  const recipients = useStore((s) => s.composeFields?.recipients ?? NO_RECIPIENTS);
  const sentBefore = useStore((s) => s.composeDraft?.sentBefore ?? NONE);
  const cover = useStore((s) => s.composeFields?.cover.enabled ?? false);
  const earlier = new Map(sentBefore.map((r) => [r.number, r]));
  const fresh = recipients.filter((r) => !earlier.has(r.number));
  const again = recipients.filter((r) => earlier.has(r.number));
  const chosen = new Set(recipients.map((r) => r.number));
  const kept = sentBefore.filter((r) => !chosen.has(r.number));
  return (
    <>
      <dt>{sentBefore.length ? 'Will get it' : 'To'}</dt>
      <Names list={fresh} testId="confirm-gets" />
      {recipients.length > 1 && (
        <dd className="muted">Sent as a broadcast: one fax to each{cover ? ', each with a cover page of their own' : ''}.</dd>
      )}
      {again.length > 0 && (
        <>
          <dt className="summary-again">Again, on purpose</dt>
          <dd data-testid="confirm-again">
            {again.map((r) => (
              <div key={r.number}>
                {who(r)}{' '}
                <span className="muted">— {sentBeforeWords(earlier.get(r.number) as SentRecipient)}; this sends it a second time</span>
              </div>
            ))}
          </dd>
        </>
      )}
      {kept.length > 0 && (
        <>
          <dt>Already has it</dt>
          <dd data-testid="confirm-has">
            {kept.map((r) => (
              <div key={r.number}>
                {who(r)} <span className="muted">— not sent again</span>
              </div>
            ))}
          </dd>
        </>
      )}
    </>
  );
}
