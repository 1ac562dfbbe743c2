// Resend of a fax whose number cannot work (bad number, not a fax, restricted): the number is
// corrected first, in place, checked as it is typed with the shared number rule, and the fax
// goes to the corrected number only.

import { useId, useState } from 'react';
import { normalizeFaxNumber } from '../../../../shared/fax-number.ts';
import { useStore } from '../../store/index.ts';

export interface CorrectedNumberProps {
  /** The number as it was sent (to start from). */
  number: string;
  busy: boolean;
  /** Main's refusal of the last try, under the field. */
  refused?: string;
  onSend(number: string): void;
}

export function CorrectedNumber({ number, busy, refused, onSend }: CorrectedNumberProps) {
  const country = useStore((s) => s.composeDefaults?.defaultCountry ?? 'US');
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState(number);
  const id = useId();
  const check = normalizeFaxNumber(typed, country);
  const problem = !check.ok ? check.reason : undefined;

  if (!open) {
    return (
      <div className="corrected-number">
        {/* The status above names the reason; this says what it means for a resend. */}
        <p className="muted">Redialling cannot fix this: sending to the same number again would fail the same way.</p>
        <button type="button" className="button button-primary" onClick={() => setOpen(true)} data-testid="correct-number">
          Correct the number and resend
        </button>
      </div>
    );
  }
  return (
    <form
      className="corrected-number"
      onSubmit={(e) => {
        e.preventDefault();
        if (check.ok) onSend(typed);
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-number`}>Corrected fax number</label>
        <input
          id={`${id}-number`}
          className="input"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          aria-invalid={!!(problem ?? refused)}
          aria-describedby={`${id}-why`}
          data-testid="corrected-number"
          // biome-ignore lint/a11y/noAutofocus: the person just asked to type the number
          autoFocus
        />
        <p id={`${id}-why`} className={problem || refused ? 'field-error' : 'field-hint'} role="status">
          {problem ?? refused ?? `Will send to ${check.ok ? check.value.display : typed}.`}
        </p>
      </div>
      <div className="field-row">
        <button type="submit" className="button button-primary" disabled={busy || !check.ok} data-testid="send-corrected">
          {busy ? 'Resending…' : 'Resend to this number'}
        </button>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          Back
        </button>
      </div>
    </form>
  );
}
