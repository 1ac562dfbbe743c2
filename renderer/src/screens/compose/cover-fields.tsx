// The optional cover page: To, From, Subject, Message. Page count and date are filled in
// when it is made; the preview shows it in front of the documents.

import { useId } from 'react';
import type { CoverFields as Cover } from '../../../../shared/ipc/contract/compose.ts';
import { useStore } from '../../store/index.ts';

export function CoverFields() {
  const fields = useStore((s) => s.composeFields);
  const problems = useStore((s) => s.composeProblems);
  const edit = useStore((s) => s.editComposeFields);
  const id = useId();
  if (!fields) return null;
  const cover = fields.cover;
  const set = (p: Partial<Cover>) => edit({ cover: { ...cover, ...p } });

  const toggle = (enabled: boolean) => {
    // Start from what the form already says: the recipient and the sender.
    const names = fields.recipients.map((r) => r.name ?? r.display).join(', ');
    set({
      enabled,
      to: enabled && cover.to === '' ? names : cover.to,
      from: enabled && cover.from === '' ? fields.fromHeader : cover.from,
    });
  };

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
          <div className="field-row">
            <div className="field">
              <label htmlFor={`${id}-to`}>Cover: To</label>
              <input id={`${id}-to`} className="input" value={cover.to} maxLength={200} onChange={(e) => set({ to: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-from`}>Cover: From</label>
              <input
                id={`${id}-from`}
                className="input"
                value={cover.from}
                maxLength={200}
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
