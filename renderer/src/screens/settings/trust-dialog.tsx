// A question main needs the person's yes to (the browser host has no native dialogs): an API
// address that is not Openfax's, a hot folder that already holds files. The words come from
// shared/trust-questions.ts, the same as main's native dialog; Cancel is first and focused.

import { type ReactNode, useEffect, useRef } from 'react';
import type { TrustQuestion } from '../../../../shared/trust-questions.ts';
import { ModalDialog } from '../../components/modal-dialog.tsx';

export interface TrustDialogProps {
  question: TrustQuestion | undefined;
  onConfirm(): void;
  onCancel(): void;
  /** Shown between the question and what saying yes does (a folder's listing). */
  children?: ReactNode;
}

export function TrustDialog({ question, onConfirm, onCancel, children }: TrustDialogProps) {
  const open = !!question;
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // After the commit: showModal (ModalDialog's effect) focuses the first button; make it Cancel.
    if (open) queueMicrotask(() => cancel.current?.focus());
  }, [open]);
  return (
    <ModalDialog open={open} title={question?.title ?? ''} onClose={onCancel}>
      {question && (
        <div data-testid="trust-question">
          <p>
            <strong>{question.message}</strong>
          </p>
          {children}
          <p>{question.detail}</p>
          <div className="field-row dialog-actions">
            <button type="button" className="button" ref={cancel} onClick={onCancel}>
              Cancel
            </button>
            <button type="button" className="button button-danger" onClick={onConfirm}>
              {question.confirmLabel}
            </button>
          </div>
        </div>
      )}
    </ModalDialog>
  );
}
