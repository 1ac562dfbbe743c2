// The template: a drop zone (or Choose…) until one is read, then its name, its fields as chips,
// which kinds of field it uses and its pages. A refusal says what is wrong and what to do.

import { Icon } from '../../components/icon.tsx';
import { useStore } from '../../store/index.ts';
import { useFileChoice } from './file-choice.tsx';
import { fieldsCount, kindsText } from './merge-words.ts';

const DOCX_ACCEPT = '.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function TemplateSection() {
  const template = useStore((s) => s.merge?.template ?? null);
  const busy = useStore((s) => Boolean(s.mergeBusy.template));
  const error = useStore((s) => s.mergeErrors.template);
  const running = useStore((s) => s.merge?.state === 'running' || s.merge?.state === 'paused');
  const dragging = useStore((s) => s.composeDragging);
  const open = useStore((s) => s.openMergeTemplate);
  const choice = useFileChoice({
    accept: DOCX_ACCEPT,
    label: 'Choose a Word template',
    testId: 'merge-template-input',
    take: (f) => void open(f),
  });

  return (
    <section className="merge-section" aria-labelledby="merge-template-title" data-testid="merge-template">
      <h2 id="merge-template-title">1. Template</h2>
      {choice.input}
      {template ? (
        <div className="merge-summary">
          <div className="merge-summary-head">
            <Icon name="compose" />
            <strong data-testid="merge-template-name">{template.name}</strong>
            {template.pages !== undefined && <span className="muted">· {template.pages === 1 ? '1 page' : `${template.pages} pages`}</span>}
            <span className="spacer" />
            {!running && (
              <button type="button" className="button" onClick={choice.open} disabled={busy}>
                Choose another…
              </button>
            )}
          </div>
          <p className="merge-fields" data-testid="merge-template-fields">
            <span>{fieldsCount(template.fields)}:</span>
            {template.fields.map((f) => (
              <span key={f} className="chip chip-blue">
                {f}
              </span>
            ))}
          </p>
          <p className="field-hint" data-testid="merge-template-kinds">
            {kindsText(template.kinds)}
          </p>
        </div>
      ) : (
        <div className={`drop-zone merge-drop${dragging ? ' drop-zone-over' : ''}`} data-testid="merge-template-drop">
          <Icon name="drop" size={32} />
          <p className="drop-zone-title">Drop a Word template (.docx) here</p>
          <p className="muted">Word’s merge fields (from Mailings → Insert Merge Field) and {'{{Name}}'} tags both work.</p>
          <button type="button" className="button button-primary" onClick={choice.open} disabled={busy}>
            Choose a template…
          </button>
        </div>
      )}
      {busy && (
        <p className="merge-wait" role="status">
          <span className="spinner" aria-hidden="true" /> Reading the template…
        </p>
      )}
      {error && (
        <p className="field-error" role="alert" data-testid="merge-template-error">
          {error}
        </p>
      )}
    </section>
  );
}
