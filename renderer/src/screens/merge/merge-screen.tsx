// Mail merge: one Word template, a personalised fax to each row of a sheet or a group. Reached
// from Compose (its link, or a .docx dropped on it); the sidebar keeps Compose lit. Top to
// bottom: template, recipients, columns, rows, converter, preview, then Send (or the run).

import { useEffect } from 'react';
import { Icon } from '../../components/icon.tsx';
import { warmUpPdfJs } from '../../preview/pdfjs.ts';
import { useStore } from '../../store/index.ts';
import { ConverterSection } from './converter-section.tsx';
import { DataSection } from './data-section.tsx';
import { MappingSection } from './mapping-section.tsx';
import { PreviewSection } from './preview-section.tsx';
import { RowsSection } from './rows-table.tsx';
import { SendSection } from './send-section.tsx';
import { TemplateSection } from './template-section.tsx';
import './merge.css';

export function MergeScreen() {
  const loaded = useStore((s) => s.merge !== undefined);
  const loadError = useStore((s) => s.mergeLoadError);
  const load = useStore((s) => s.loadMerge);
  const navigate = useStore((s) => s.navigate);

  // biome-ignore lint/correctness/useExhaustiveDependencies: once per visit, on purpose.
  useEffect(() => {
    warmUpPdfJs();
    void load();
  }, []);

  return (
    <div className="merge">
      <div className="merge-head">
        <button type="button" className="link-button" onClick={() => navigate('compose')}>
          <Icon name="previous" /> Back to Compose
        </button>
        <h1>Mail merge</h1>
        <p className="muted merge-intro">One Word template, a fax of its own to each recipient: their name, number or account filled in.</p>
      </div>
      {loadError && (
        <div className="banner banner-red" role="alert">
          <div>
            <strong>The merge could not be loaded.</strong> {loadError}{' '}
            <button type="button" className="button" onClick={() => void load()}>
              Try again
            </button>
          </div>
        </div>
      )}
      {!loaded && !loadError ? (
        <p className="muted">
          <span className="spinner" aria-hidden="true" /> Loading…
        </p>
      ) : (
        <>
          <TemplateSection />
          <DataSection />
          <MappingSection />
          <RowsSection />
          <ConverterSection />
          <PreviewSection />
          <SendSection />
        </>
      )}
    </div>
  );
}
