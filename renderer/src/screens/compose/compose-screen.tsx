// Compose: the document on the left (preview), the form on the right, one Send button.
// With nothing to send yet, the page is one large drop target.

import { type ChangeEvent, useEffect, useRef } from 'react';
import { DOCUMENT_ACCEPT } from '../../../../shared/document-kinds.ts';
import { Icon } from '../../components/icon.tsx';
import { messageOf } from '../../ipc/message-of.ts';
import { shortcutProps } from '../../keyboard/shortcut-keys.ts';
import { warmUpPdfJs } from '../../preview/pdfjs.ts';
import { useStore } from '../../store/index.ts';
import { CoverFields } from './cover-fields.tsx';
import { DocumentList, RefusedFiles } from './document-list.tsx';
import { DraftsBar } from './drafts-bar.tsx';
import { HeaderField } from './header-field.tsx';
import { OptionsRow } from './options-row.tsx';
import { PreviewPane } from './preview-pane.tsx';
import { RecipientsField } from './recipients-field.tsx';
import { SendArea, SendStatusPanel, useEstimate } from './send-area.tsx';
import { SentBeforeField } from './sent-before-field.tsx';
import './compose.css';

function useAddDocuments() {
  const input = useRef<HTMLInputElement>(null);
  const pick = useStore((s) => s.pickComposeDocuments);
  const addFiles = useStore((s) => s.addComposeFiles);
  const toast = useStore((s) => s.pushToast);
  const nativeFiles = useStore((s) => s.capabilities.nativeFiles);
  const open = async () => {
    if (nativeFiles) {
      try {
        if ((await pick()) === 'done') return;
      } catch (err) {
        toast({ level: 'error', title: 'The file dialog could not be opened', message: messageOf(err) });
        return;
      }
    }
    input.current?.click();
  };
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.target.files ?? []);
    e.target.value = '';
    if (files.length) void addFiles(files);
  };
  const element = (
    <input
      ref={input}
      type="file"
      accept={DOCUMENT_ACCEPT}
      multiple
      hidden
      onChange={onChange}
      data-testid="file-input"
      aria-label="Choose PDF documents or scanned images"
    />
  );
  return { open, element };
}

function EmptyState({ onAdd }: { onAdd(): void }) {
  const navigate = useStore((s) => s.navigate);
  return (
    <div className="drop-target" data-testid="drop-target">
      <div className="drop-target-inner">
        <span className="drop-icon" aria-hidden="true">
          <Icon name="drop" size={48} />
        </span>
        <p className="drop-title">
          Drop PDFs here, or print to <em>Openfax</em> from any program
        </p>
        <p className="drop-hint">Scans and pictures (PNG, JPEG, TIFF, also fax TIFFs) become pages too.</p>
        <button type="button" className="button button-primary" onClick={onAdd} data-focus-home {...shortcutProps('addPdf')}>
          Choose PDF files…
        </button>
        <button type="button" className="link-button" onClick={() => navigate('merge')} data-testid="open-merge">
          Mail merge… (one Word template, a fax of its own to each recipient)
        </button>
        <button
          type="button"
          className="link-button"
          onClick={() => {
            navigate('settings');
            // The Settings screen renders on the next frame; then bring its printer card into view.
            requestAnimationFrame(() => document.getElementById('printer-setup')?.scrollIntoView({ block: 'start' }));
          }}
        >
          Set up the Openfax printer
        </button>
      </div>
    </div>
  );
}

function ComposeForm() {
  const fields = useStore((s) => s.composeFields);
  const problems = useStore((s) => s.composeProblems);
  const edit = useStore((s) => s.editComposeFields);
  const saveError = useStore((s) => s.composeSaveError);
  const navigate = useStore((s) => s.navigate);
  const estimate = useEstimate();
  if (!fields) return null;
  const broadcast = fields.recipients.length > 1;
  return (
    <section className="compose-form" aria-label="Fax details">
      <RecipientsField />
      <SentBeforeField />
      <HeaderField
        label="To"
        value={fields.toHeader}
        hint={broadcast ? "Leave it empty to print each contact's own To header." : 'Printed at the top of every page the recipient gets.'}
        problems={problems.filter((p) => p.field === 'toHeader')}
        onChange={(v) => edit({ toHeader: v, toHeaderAuto: v === '' })}
      />
      <HeaderField
        label="From"
        value={fields.fromHeader}
        hint="Your name or company, as the recipient sees it."
        problems={problems.filter((p) => p.field === 'fromHeader')}
        onChange={(v) => edit({ fromHeader: v })}
      />
      <OptionsRow pages={estimate.pages} />
      <CoverFields />
      {saveError && (
        <p className="field-error" role="alert">
          {saveError}
        </p>
      )}
      <SendArea />
      <button type="button" className="link-button" onClick={() => navigate('merge')}>
        Mail merge…
      </button>
    </section>
  );
}

export function ComposeScreen() {
  const status = useStore((s) => s.composeStatus);
  const loadError = useStore((s) => s.composeLoadError);
  const load = useStore((s) => s.loadCompose);
  const hasDocs = useStore((s) => (s.composeDraft?.documents.length ?? 0) + s.composePending.length > 0);
  const hasSend = useStore((s) => Boolean(s.composeDraft?.send));
  const coverOnly = useStore((s) => Boolean(s.composeFields?.cover.enabled));
  const dragging = useStore((s) => s.composeDragging);
  const discard = useStore((s) => s.discardCompose);
  const add = useAddDocuments();

  // Loads once per visit; a failed load is retried by the button below.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per mount, on purpose.
  useEffect(() => {
    warmUpPdfJs();
    if (status !== 'ready') void load();
  }, []);

  if (status === 'loading') {
    return (
      <div className="compose-loading">
        <span className="spinner" aria-hidden="true" /> Loading the draft…
      </div>
    );
  }
  if (status === 'error') {
    return (
      <div className="banner banner-red" role="alert">
        <div>
          <strong>The draft could not be loaded.</strong> {loadError}
          <div>
            <button type="button" className="button" onClick={() => void load()}>
              Try again
            </button>
          </div>
        </div>
      </div>
    );
  }

  return (
    <div className={`compose${dragging ? ' compose-dragging' : ''}`}>
      <h1 className="visually-hidden">Compose a fax</h1>
      {add.element}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <span>Drop to add to this fax</span>
        </div>
      )}
      <DraftsBar />
      <RefusedFiles />
      {hasDocs || coverOnly ? (
        <div className="compose-columns">
          <div className="compose-left">
            <DocumentList onAdd={() => void add.open()} />
            <PreviewPane />
          </div>
          <div className="compose-right">
            <SendStatusPanel />
            <ComposeForm />
            <button type="button" className="link-button discard" onClick={() => void discard()}>
              Discard this draft
            </button>
          </div>
        </div>
      ) : (
        <>
          {hasSend && <SendStatusPanel />}
          <EmptyState onAdd={() => void add.open()} />
        </>
      )}
    </div>
  );
}
