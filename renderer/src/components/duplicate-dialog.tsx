// The duplicate guard's question, one dialog for Compose and the Outbox: Openfax already has
// this document for these numbers (when it went, how it ended). Nothing goes without an
// explicit yes; with other recipients too, "send to the others only" is offered.

import { useEffect, useRef } from 'react';
import type { DuplicateSend } from '../../../shared/duplicate-sends.ts';
import { duplicateLine } from '../../../shared/duplicate-sends.ts';
import { ModalDialog } from './modal-dialog.tsx';

export interface DuplicateDialogProps {
  duplicates: readonly DuplicateSend[];
  /** Recipients asked for in all; more than the duplicates: "send to the others only" is offered. */
  total: number;
  busy?: boolean;
  onSendAgain(): void;
  onSendOthers(): void;
  onCancel(): void;
}

export function DuplicateDialog({ duplicates, total, busy, onSendAgain, onSendOthers, onCancel }: DuplicateDialogProps) {
  const now = Date.now();
  const others = total - duplicates.length;
  const one = duplicates.length === 1;
  const open = duplicates.length > 0;
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // Not sending is the default. After the commit: showModal (the parent's effect) focuses the first button.
    if (open) queueMicrotask(() => cancel.current?.focus());
  }, [open]);
  return (
    <ModalDialog
      open={open}
      title={one ? 'Openfax already has this fax for this number' : `Openfax already has this fax for ${duplicates.length} numbers`}
      description="The same document went to them recently. Nothing has been sent this time."
      onClose={onCancel}
    >
      <ul className="duplicate-list" data-testid="duplicate-list">
        {duplicates.map((d) => (
          <li key={d.faxNumber}>{duplicateLine(d, now)}</li>
        ))}
      </ul>
      <p>Send it again only if the recipient{one ? '' : 's'} should get it a second time.</p>
      <div className="field-row dialog-actions">
        <button type="button" className="button" ref={cancel} onClick={onCancel} data-testid="duplicate-cancel">
          Don’t send
        </button>
        {others > 0 && (
          <button type="button" className="button button-primary" disabled={busy} onClick={onSendOthers} data-testid="duplicate-others">
            Send to the other {others === 1 ? 'recipient' : `${others} recipients`} only
          </button>
        )}
        <button type="button" className="button button-danger" disabled={busy} onClick={onSendAgain} data-testid="duplicate-send-again">
          {others > 0 ? `Send to ${one ? 'this number' : 'these numbers'} again too` : 'Yes, send it again'}
        </button>
      </div>
    </ModalDialog>
  );
}
