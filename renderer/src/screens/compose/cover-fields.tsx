// The optional cover page: From, Subject, Message. Each recipient gets a cover of their own,
// To naming that contact alone (never the others of a broadcast); page count and date are
// filled in at Send, from the fields as they are then. The preview shows the cover of the
// recipient picked here (or by clicking a chip).

import { useId } from 'react';
import type { CoverFields as Cover, DraftRecipient } from '../../../../shared/ipc/contract/compose.ts';
import { useStore } from '../../store/index.ts';

const NO_RECIPIENTS: DraftRecipient[] = [];

export function CoverFields() {
  const fields = useStore((s) => s.composeFields);
  const problems = useStore((s) => s.composeProblems);
  const edit = useStore((s) => s.editComposeFields);
  const id = useId();
  if (!fields) return null;
  const cover = fields.cover;
  const set = (p: Partial<Cover>) => edit({ cover: { ...cover, ...p } });

  // Nothing is copied in: an empty From follows the From header until Send.
  const toggle = (enabled: boolean) => set({ enabled });

  const coverProblems = problems.filter((p) => p.field === 'cover');
  return (
    <fieldset className="cover">
      <legend className="visually-hidden">Cover page</legend>
      <label className="checkbox">
        <input type="checkbox" checked={cover.enabled} onChange={(e) => toggle(e.target.checked)} />
        Add a cover page
      </label>
      {cover.enabled && (
        <div className="cover-fields">
          <CoverRecipientPicker />
          <div className="field-row">
            <div className="field">
              <label htmlFor={`${id}-from`}>Cover: From</label>
              <input
                id={`${id}-from`}
                className="input"
                value={cover.from}
                maxLength={200}
                placeholder={fields.fromHeader || 'Your name or company'}
                onChange={(e) => set({ from: e.target.value })}
              />
            </div>
          </div>
          <div className="field">
            <label htmlFor={`${id}-subject`}>Subject</label>
            <input
              id={`${id}-subject`}
              className="input"
              value={cover.subject}
              maxLength={300}
              onChange={(e) => set({ subject: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-message`}>Message</label>
            <textarea
              id={`${id}-message`}
              className="input"
              rows={4}
              value={cover.message}
              maxLength={4000}
              onChange={(e) => set({ message: e.target.value })}
            />
          </div>
          <p className="field-hint">The page count and today's date are added for you. Letters outside plain Latin print as "?".</p>
        </div>
      )}
      {coverProblems.map((p) => (
        <p key={p.message} className="field-error" role="alert">
          {p.message} {p.action}
        </p>
      ))}
    </fieldset>
  );
}

/** "Cover: To" is each recipient's own; this picks whose cover the preview shows. */
function CoverRecipientPicker() {
  const recipients = useStore((s) => s.composeFields?.recipients ?? NO_RECIPIENTS);
  const coverFor = useStore((s) => s.composeCoverFor);
  const choose = useStore((s) => s.setComposeCoverFor);
  const shown = recipients.find((r) => r.number === coverFor) ?? recipients[0];
  return (
    <div className="field">
      <span className="field-label">Cover: To</span>
      <p className="field-hint">
        Each recipient gets a cover page of their own, with their name and fax number only.
        {recipients.length > 1 ? ' Preview the cover of:' : ''}
      </p>
      {recipients.length > 1 && (
        <fieldset className="cover-for">
          <legend className="visually-hidden">Preview the cover of</legend>
          {recipients.map((r) => (
            <button
              key={r.number}
              type="button"
              className="button cover-for-button"
              aria-pressed={r === shown}
              onClick={() => choose(r.number)}
              data-testid="cover-for"
            >
              {r.name ?? r.display}
            </button>
          ))}
        </fieldset>
      )}
    </div>
  );
}
