// One setting: its control, saved on change (typing settles for a moment first), refused values
// explained under the field, and a quiet "Saved" once main has stored it.

import { useEffect, useId, useRef, useState } from 'react';
import type { SettingKey } from '../../../../shared/settings.ts';
import { useStore } from '../../store/index.ts';
import { specFor } from './settings-fields.ts';

const SETTLE_MS = 600;

function SaveNote({ k }: { k: SettingKey }) {
  const state = useStore((s) => s.settingSave[k]);
  return (
    <span className="save-note" aria-live="polite">
      {state === 'saving' ? 'Saving…' : state === 'saved' ? 'Saved' : ''}
    </span>
  );
}

export function SettingField({ k }: { k: SettingKey }) {
  const spec = specFor(k);
  const id = useId();
  const value = useStore((s) => s.settings?.[k]);
  const error = useStore((s) => s.settingErrors[k]);
  const save = useStore((s) => s.saveSetting);
  const setError = useStore((s) => s.setSettingError);
  const [draft, setDraft] = useState<string>(value == null ? '' : String(value));
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const editing = useRef(false);
  // A choice shows at once while main stores it (a box that springs back until then looks
  // broken); a refusal brings back the stored value, with its reason under the field.
  const [chosen, setChosen] = useState<string | boolean | undefined>(undefined);
  const choose = (next: string | boolean) => {
    setChosen(next);
    void save(k, next).finally(() => setChosen(undefined));
  };

  // Follow changes made elsewhere (another window, the CLI) unless the person is typing here.
  useEffect(() => {
    if (!editing.current) setDraft(value == null ? '' : String(value));
  }, [value]);

  useEffect(() => () => clearTimeout(timer.current), []);

  if (value === undefined) return null;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [spec.hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;

  const commit = (text: string) => {
    clearTimeout(timer.current);
    editing.current = false;
    if (spec.kind === 'number') {
      // An optional number left empty is "not set".
      if (spec.optional && text.trim() === '') {
        void save(k, null);
        return;
      }
      const n = text.trim() === '' ? Number.NaN : Number(text);
      if (!Number.isFinite(n)) {
        setError(k, 'Enter a number.');
        return;
      }
      void save(k, n);
    } else void save(k, text);
  };
  const onType = (text: string) => {
    editing.current = true;
    setDraft(text);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => commit(text), SETTLE_MS);
  };

  if (spec.kind === 'checkbox') {
    return (
      <div className="field field-check">
        <label htmlFor={id} className="check-label">
          <input
            id={id}
            type="checkbox"
            checked={typeof chosen === 'boolean' ? chosen : value === true}
            aria-describedby={describedBy}
            onChange={(e) => choose(e.target.checked)}
          />
          {spec.label}
        </label>
        <SaveNote k={k} />
        <FieldNotes hint={spec.hint} hintId={hintId} error={error} errorId={errorId} />
      </div>
    );
  }

  return (
    <div className="field">
      <div className="field-label-row">
        <label htmlFor={id}>{spec.label}</label>
        <SaveNote k={k} />
      </div>
      {spec.kind === 'select' ? (
        <select
          id={id}
          className="input"
          value={typeof chosen === 'string' ? chosen : String(value)}
          aria-describedby={describedBy}
          onChange={(e) => choose(e.target.value)}
        >
          {spec.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <div className="input-with-unit">
          {spec.unit === '$' && (
            <span className="unit" aria-hidden="true">
              $
            </span>
          )}
          <input
            id={id}
            className="input"
            type={spec.kind === 'number' ? 'number' : 'text'}
            inputMode={spec.kind === 'number' ? 'decimal' : undefined}
            step={spec.step}
            placeholder={spec.placeholder}
            value={draft}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            onChange={(e) => onType(e.target.value)}
            onBlur={(e) => {
              if (editing.current) commit(e.target.value);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') commit((e.target as HTMLInputElement).value);
            }}
          />
          {spec.unit && spec.unit !== '$' && <span className="unit">{spec.unit}</span>}
          {spec.maxLength && (
            <span className={`counter${draft.length > spec.maxLength ? ' counter-over' : ''}`}>
              {draft.length}/{spec.maxLength}
            </span>
          )}
        </div>
      )}
      <FieldNotes hint={spec.hint} hintId={hintId} error={error} errorId={errorId} />
    </div>
  );
}

/** The hint under a field and, when the value was refused, why (announced). */
function FieldNotes({ hint, hintId, error, errorId }: { hint?: string; hintId: string; error?: string; errorId: string }) {
  return (
    <>
      {hint && (
        <span id={hintId} className="field-hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={errorId} className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
