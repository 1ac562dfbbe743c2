// Resolution (with what it does to the time), paper size (detected, or chosen) and priority.

import { useId } from 'react';
import { PAPER_SIZE_LABEL, PAPER_SIZES, type PaperSize, type Priority, type Resolution } from '../../../../shared/domain.ts';
import { type ComposeDocument, detectedPaperSize } from '../../../../shared/ipc/contract/compose.ts';
import { useStore } from '../../store/index.ts';
import { resolutionHint } from './estimate.ts';

const NO_DOCUMENTS: ComposeDocument[] = [];

export function OptionsRow({ pages }: { pages: number }) {
  const fields = useStore((s) => s.composeFields);
  const documents = useStore((s) => s.composeDraft?.documents ?? NO_DOCUMENTS);
  const defaultPaper = useStore((s) => s.composeDefaults?.paperSize ?? 'letter');
  const problems = useStore((s) => s.composeProblems);
  const edit = useStore((s) => s.editComposeFields);
  const id = useId();
  if (!fields) return null;
  const detected = detectedPaperSize(documents);
  const auto = detected ?? defaultPaper;
  const optionProblems = problems.filter((p) => p.field === 'options');

  return (
    <fieldset className="options">
      <legend>Options</legend>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-res`}>Resolution</label>
          <select
            id={`${id}-res`}
            className="input"
            value={fields.resolution}
            aria-describedby={`${id}-res-hint`}
            onChange={(e) => edit({ resolution: e.target.value as Resolution })}
          >
            <option value="standard">Standard</option>
            <option value="fine">Fine</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-paper`}>Paper</label>
          <select
            id={`${id}-paper`}
            className="input"
            value={fields.paperSize ?? 'auto'}
            onChange={(e) => edit({ paperSize: e.target.value === 'auto' ? null : (e.target.value as PaperSize) })}
          >
            <option value="auto">
              {PAPER_SIZE_LABEL[auto].replace('US ', '')} ({detected ? 'auto' : 'default'})
            </option>
            {PAPER_SIZES.map((p) => (
              <option key={p} value={p}>
                {PAPER_SIZE_LABEL[p]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-prio`}>Priority</label>
          <select
            id={`${id}-prio`}
            className="input"
            value={fields.priority}
            onChange={(e) => edit({ priority: e.target.value as Priority })}
          >
            <option value="Normal">Normal</option>
            <option value="Low">Low</option>
          </select>
        </div>
      </div>
      <p id={`${id}-res-hint`} className="field-hint">
        {fields.resolution === 'fine' ? 'Fine (204 × 196 dpi)' : 'Standard (204 × 98 dpi)'}: {resolutionHint(pages, fields.resolution)}
      </p>
      {optionProblems.map((p) => (
        <p key={p.message} className="field-error" role="alert">
          {p.message} {p.action}
        </p>
      ))}
    </fieldset>
  );
}
