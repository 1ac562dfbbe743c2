// How each filled template becomes a PDF: Word, LibreOffice or the built-in renderer, each with
// what it is and how faithful its layout is. One that is not on this computer is shown, disabled,
// with why; the built-in one says its layout is approximate.

import { useId } from 'react';
import type { ConverterInfo } from '../../../../shared/ipc/contract/merge.ts';
import { useStore } from '../../store/index.ts';
import { fidelityText } from './merge-words.ts';

const NO_CONVERTERS: ConverterInfo[] = [];

export function ConverterSection() {
  const converters = useStore((s) => s.merge?.converters ?? NO_CONVERTERS);
  const chosen = useStore((s) => s.merge?.converter ?? null);
  const locked = useStore((s) => (s.merge?.state ?? 'draft') !== 'draft');
  const hasTemplate = useStore((s) => Boolean(s.merge?.template));
  const busy = useStore((s) => Boolean(s.mergeBusy.converter));
  const error = useStore((s) => s.mergeErrors.converter);
  const choose = useStore((s) => s.setMergeConverter);
  const id = useId();
  if (!hasTemplate) return null;
  return (
    <section className="merge-section" aria-labelledby="merge-converter-title" data-testid="merge-converter">
      <h2 id="merge-converter-title">5. Word to PDF</h2>
      <fieldset className="merge-converters" disabled={locked || busy}>
        <legend className="visually-hidden">Converter</legend>
        {converters.map((c) => (
          <label key={c.id} className={`radio merge-converter${c.available ? '' : ' merge-converter-off'}`}>
            <input
              type="radio"
              name={`${id}-conv`}
              value={c.id}
              checked={chosen === c.id}
              disabled={!c.available}
              onChange={() => void choose(c.id)}
              aria-describedby={`${id}-${c.id}`}
            />
            <span>
              <strong>{c.label}</strong> {/* The label may say it already ("Built in (approximate layout)"). */}
              {!c.label.toLowerCase().includes(c.fidelity) && (
                <span
                  className={`chip ${c.fidelity === 'approximate' ? 'chip-amber' : c.fidelity === 'exact' ? 'chip-green' : 'chip-blue'}`}
                >
                  {fidelityText(c.fidelity)}
                </span>
              )}
              <span id={`${id}-${c.id}`} className="field-hint merge-converter-detail">
                {c.available || /not available/i.test(c.detail) ? c.detail : `Not available: ${c.detail}`}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
