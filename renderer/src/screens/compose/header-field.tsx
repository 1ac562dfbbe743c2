// A fax header line (To or From): at most 15 printable ASCII characters. The counter and
// the rule that is broken update as the user types; the text is never cut, so what was
// typed stays visible next to the reason.

import { useId } from 'react';
import { MAX_HEADER_LENGTH } from '../../../../shared/domain.ts';
import { checkHeader } from '../../../../shared/fax-rules.ts';
import type { SendProblem } from '../../../../shared/ipc/contract/compose.ts';

export interface HeaderFieldProps {
  label: 'To' | 'From';
  value: string;
  hint: string;
  problems: readonly SendProblem[];
  onChange(value: string): void;
}

export function HeaderField({ label, value, hint, problems, onChange }: HeaderFieldProps) {
  const id = useId();
  const check = checkHeader(label, value);
  const length = Array.from(value).length;
  // The live rule comes first; a problem from Send adds only what the rule cannot see
  // (a contact's own To header in a broadcast).
  const errors = check.ok ? problems.map((p) => `${p.message} ${p.action}`.trim()) : [check.reason];
  return (
    <div className="field header-field">
      <div className="field-label-row">
        <label htmlFor={id}>{label} header</label>
        <span
          className={`counter${length > MAX_HEADER_LENGTH ? ' counter-over' : ''}`}
          aria-hidden="true"
          data-testid={`${label.toLowerCase()}-counter`}
        >
          {length}/{MAX_HEADER_LENGTH}
        </span>
      </div>
      <input
        id={id}
        className="input"
        value={value}
        spellCheck={false}
        aria-invalid={errors.length > 0}
        aria-describedby={`${id}-help`}
        onChange={(e) => onChange(e.target.value)}
      />
      <div id={`${id}-help`} aria-live="polite">
        <span className="visually-hidden">
          {length} of {MAX_HEADER_LENGTH} characters.
        </span>
        {errors.length ? (
          errors.map((m) => (
            <p key={m} className="field-error" data-testid={`${label.toLowerCase()}-header-error`}>
              {m}
            </p>
          ))
        ) : (
          <p className="field-hint">{hint}</p>
        )}
      </div>
    </div>
  );
}
