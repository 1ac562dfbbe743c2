// The open drafts, so none is lost: each with its name, pages and recipients; pick one to show
// it, discard one (Undo follows in a toast), start a new fax. Beside them the one choice of
// where a print goes while this draft holds documents: a new draft, or "add to this fax".

import { useState } from 'react';
import { Icon } from '../../components/icon.tsx';
import { shortcutProps } from '../../keyboard/shortcut-keys.ts';
import { useStore } from '../../store/index.ts';
import './drafts-bar.css';

const PHASE_WORDS = { uploading: 'sending', sent: 'sent', failed: 'not all sent' } as const;

function recipientsText(names: readonly string[]): string {
  if (names.length === 0) return 'no recipient yet';
  if (names.length <= 2) return `to ${names.join(', ')}`;
  return `to ${names[0]} and ${names.length - 1} more`;
}

export function DraftsBar() {
  const drafts = useStore((s) => s.composeDrafts);
  const shownId = useStore((s) => s.composeDraft?.id);
  const open = useStore((s) => s.openComposeDraft);
  const discard = useStore((s) => s.discardCompose);
  const startNew = useStore((s) => s.newComposeDraft);
  const saved = useStore((s) => s.settings?.arrivalsJoinOpenDraft ?? false);
  const saveSetting = useStore((s) => s.saveSetting);
  // The box follows the click at once; main's answer (the setting saved, or refused) settles it.
  const [choosing, setChoosing] = useState<boolean | null>(null);
  const join = choosing ?? saved;
  const choose = async (value: boolean) => {
    setChoosing(value);
    try {
      await saveSetting('arrivalsJoinOpenDraft', value);
    } finally {
      setChoosing(null);
    }
  };

  return (
    <nav className="drafts-bar" aria-label="Drafts" data-testid="drafts-bar">
      <h2 className="drafts-title" id="drafts-title">
        Drafts <span className="muted">({drafts.length})</span>
      </h2>
      <ul className="drafts-list" aria-labelledby="drafts-title">
        {drafts.map((d) => {
          const shown = d.id === shownId;
          return (
            <li key={d.id} className={`draft-item${shown ? ' draft-item-shown' : ''}`} data-testid="draft-item" data-shown={shown}>
              <button
                type="button"
                className="draft-open"
                aria-current={shown ? 'true' : undefined}
                onClick={() => void open(d.id)}
                title={d.recipients.join(', ')}
              >
                <span className="draft-name">{d.name}</span>
                <span className="draft-meta muted">
                  {d.pages} page{d.pages === 1 ? '' : 's'} · {recipientsText(d.recipients)}
                  {d.phase ? ` · ${PHASE_WORDS[d.phase]}` : ''}
                </span>
              </button>
              <button type="button" className="icon-button" aria-label={`Discard the draft ${d.name}`} onClick={() => void discard(d.id)}>
                <Icon name="remove" />
              </button>
            </li>
          );
        })}
      </ul>
      <button type="button" className="button" onClick={() => void startNew()} data-testid="new-draft" {...shortcutProps('newFax')}>
        <Icon name="add" /> New fax
      </button>
      <label
        className="checkbox drafts-join"
        title="Off: a print or an opened file that arrives while this fax holds documents starts a new draft."
      >
        <input type="checkbox" checked={join} onChange={(e) => void choose(e.target.checked)} data-testid="arrivals-join" />
        Add new prints to this fax
      </label>
    </nav>
  );
}
