// A modal dialog on the native <dialog> element: focus is kept inside and Escape closes it
// (the browser does both), the title names it for screen readers, and the page behind is inert.

import { type ReactNode, useEffect, useId, useRef } from 'react';
import { Icon } from './icon.tsx';
import './modal-dialog.css';

export interface ModalDialogProps {
  open: boolean;
  title: string;
  onClose(): void;
  children: ReactNode;
  /** Wider dialogs for tables (import preview). */
  size?: 'normal' | 'wide';
  /** Shown under the title. */
  description?: string;
}

export function ModalDialog({ open, title, onClose, children, size = 'normal', description }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={`modal modal-${size}`}
      aria-labelledby={`${id}-title`}
      aria-describedby={description ? `${id}-desc` : undefined}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <header className="modal-header">
            <h2 id={`${id}-title`}>{title}</h2>
            <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
              <Icon name="close" />
            </button>
          </header>
          {description && (
            <p id={`${id}-desc`} className="muted modal-description">
              {description}
            </p>
          )}
          <div className="modal-body">{children}</div>
        </>
      )}
    </dialog>
  );
}
