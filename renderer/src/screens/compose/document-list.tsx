// The documents that make up the fax, in sending order: drag a row to reorder (or use the
// move buttons, which work from the keyboard), remove one, add more. Files still being
// checked show a spinner; refused files are listed with the reason and what to do.

import { type DragEvent, useState } from 'react';
import type { ComposeDocument } from '../../../../shared/ipc/contract/compose.ts';
import { Icon } from '../../components/icon.tsx';
import { shortcutProps } from '../../keyboard/shortcut-keys.ts';
import { useStore } from '../../store/index.ts';

const NO_DOCUMENTS: ComposeDocument[] = [];

const DRAG_TYPE = 'application/x-openfax-document';

function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function DocumentList({ onAdd }: { onAdd(): void }) {
  const documents = useStore((s) => s.composeDraft?.documents ?? NO_DOCUMENTS);
  const pending = useStore((s) => s.composePending);
  const move = useStore((s) => s.moveComposeDocument);
  const remove = useStore((s) => s.removeComposeDocument);
  const [over, setOver] = useState<number>();

  const onDrop = (e: DragEvent, index: number) => {
    const id = e.dataTransfer.getData(DRAG_TYPE);
    setOver(undefined);
    if (!id) return;
    e.preventDefault();
    void move(id, index);
  };

  return (
    <div className="doc-list">
      <div className="doc-list-head">
        <h2 id="documents-heading">Documents</h2>
        <button type="button" className="button" onClick={onAdd} {...shortcutProps('addPdf')}>
          <Icon name="add" /> Add PDF…
        </button>
      </div>
      <ol aria-labelledby="documents-heading" className="doc-rows">
        {documents.map((d, i) => (
          <li
            key={d.id}
            className={`doc-row${over === i ? ' doc-row-over' : ''}`}
            draggable
            onDragStart={(e) => {
              e.dataTransfer.setData(DRAG_TYPE, d.id);
              e.dataTransfer.effectAllowed = 'move';
            }}
            onDragOver={(e) => {
              if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
              e.preventDefault();
              setOver(i);
            }}
            onDragLeave={() => setOver(undefined)}
            onDrop={(e) => onDrop(e, i)}
            data-testid="document-row"
          >
            <span className="doc-grip" aria-hidden="true" title="Drag to reorder">
              <Icon name="grip" />
            </span>
            <span className="doc-name" title={d.name}>
              {d.name}
            </span>
            <span className="doc-meta muted">
              {d.pages} page{d.pages === 1 ? '' : 's'} · {formatSize(d.size)}
            </span>
            <span className="doc-actions">
              <button
                type="button"
                className="icon-button"
                aria-label={`Move ${d.name} up`}
                disabled={i === 0}
                onClick={() => void move(d.id, i - 1)}
              >
                <Icon name="up" />
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Move ${d.name} down`}
                disabled={i === documents.length - 1}
                onClick={() => void move(d.id, i + 1)}
              >
                <Icon name="down" />
              </button>
              <button type="button" className="icon-button" aria-label={`Remove ${d.name}`} onClick={() => void remove(d.id)}>
                <Icon name="remove" />
              </button>
            </span>
          </li>
        ))}
        {pending.map((p) => (
          <li key={p.key} className="doc-row doc-row-pending">
            <span className="spinner" aria-hidden="true" />
            <span className="doc-name">{p.name}</span>
            <span className="doc-meta muted">{p.progress ? `Making pages: ${p.progress.done} of ${p.progress.total}` : 'Checking…'}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

export function RefusedFiles() {
  const refused = useStore((s) => s.composeRefused);
  const dismiss = useStore((s) => s.dismissComposeRefused);
  if (refused.length === 0) return null;
  return (
    <div className="banner banner-red refused" role="alert" data-testid="refused-files">
      <Icon name="warning" />
      <div className="refused-body">
        <strong>{refused.length === 1 ? 'One file was not added' : `${refused.length} files were not added`}; the others are kept.</strong>
        <ul>
          {refused.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the same file may be refused twice.
            <li key={i}>
              <strong>{r.name}</strong>: {r.message} {r.action}
              {r.code && <small className="code"> ({r.code})</small>}
            </li>
          ))}
        </ul>
      </div>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={dismiss}>
        <Icon name="close" />
      </button>
    </div>
  );
}
