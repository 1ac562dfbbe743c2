// One row's fax as it will be sent, before anything is sent: filled, converted and with its cover
// in front, shown with Compose's page view and thumbnails (fax view on: what the recipient's
// machine prints). It names the converter that made it and flags a page count unlike the template's.

import { useEffect, useId, useMemo, useState } from 'react';
import { flattenGroups } from '../../preview/page-list.ts';
import { HeaderLine } from '../../preview/header-line.tsx';
import { PageView } from '../../preview/page-view.tsx';
import type { RenderedPage } from '../../preview/render-page.ts';
import { ThumbnailStrip } from '../../preview/thumbnail-strip.tsx';
import { Icon } from '../../components/icon.tsx';
import { ProgressBar } from '../../components/progress-bar.tsx';
import { useStore } from '../../store/index.ts';
import { rowNumber } from './merge-words.ts';

function RowPicker({ rows, disabled }: { rows: number; disabled: boolean }) {
  const selected = useStore((s) => s.mergeSelectedRow);
  const preview = useStore((s) => s.previewMergeRow);
  const [typed, setTyped] = useState('');
  const id = useId();
  const n = Number(typed);
  const valid = Number.isInteger(n) && n >= 1 && n <= rows;
  return (
    <form
      className="merge-row-picker"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) void preview(n - 1);
      }}
    >
      <label htmlFor={`${id}-row`}>Preview row</label>
      <input
        id={`${id}-row`}
        className="input merge-row-input"
        inputMode="numeric"
        value={typed}
        placeholder={selected !== undefined ? String(rowNumber(selected)) : '1'}
        onChange={(e) => setTyped(e.target.value.replace(/\D/g, ''))}
      />
      <button type="submit" className="button" disabled={disabled || !valid}>
        Show
      </button>
      <span className="field-hint">or press Preview on a row above.</span>
    </form>
  );
}

function Pages() {
  const shown = useStore((s) => s.mergePreview);
  const options = useStore((s) => s.merge?.options);
  const toHeader = useStore(
    (s) =>
      Object.values(s.mergeRowPages)
        .flat()
        .find((r) => r.row === s.mergePreview?.row)?.toHeader ?? '',
  );
  const [selected, setSelected] = useState(0);
  const [faxView, setFaxView] = useState(true);
  const [faxInfo, setFaxInfo] = useState<RenderedPage['fax']>();
  const key = shown?.key;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new document starts at its first page.
  useEffect(() => setSelected(0), [key]);
  const preview = useMemo(
    () => flattenGroups(shown ? [{ key: shown.key, title: `Row ${rowNumber(shown.row)}`, pages: shown.pages, kind: 'document' }] : []),
    [shown],
  );
  if (!shown || !options) return null;
  const index = Math.min(selected, preview.pages.length - 1);
  const page = preview.pages[index];
  const paper = options.paperSize ?? 'letter';
  return (
    <div className="preview merge-preview" data-testid="merge-preview">
      <div className="preview-toolbar" role="toolbar" aria-label="Preview controls">
        <div className="toolbar-group">
          <button
            type="button"
            className="button"
            onClick={() => setSelected(Math.max(0, index - 1))}
            disabled={index <= 0}
            title="Previous page"
          >
            <Icon name="previous" /> <span className="button-label">Previous</span>
          </button>
          <span className="preview-page-count" aria-live="polite" data-testid="merge-page-count">
            Page {index + 1} of {shown.pages}
          </span>
          <button
            type="button"
            className="button"
            onClick={() => setSelected(Math.min(shown.pages - 1, index + 1))}
            disabled={index >= shown.pages - 1}
            title="Next page"
          >
            <span className="button-label">Next</span> <Icon name="next" />
          </button>
        </div>
        <button
          type="button"
          className={`button toggle${faxView ? ' toggle-on' : ''}`}
          aria-pressed={faxView}
          onClick={() => setFaxView((v) => !v)}
          title="Show each page as the recipient's fax machine will print it"
        >
          <Icon name="fax-view" /> <span className="button-label">Fax view</span>
        </button>
      </div>
      <div className="preview-body">
        <ThumbnailStrip preview={preview} selected={index} onSelect={setSelected} />
        {page && (
          <PageView
            page={page}
            zoom="fit-width"
            fax={faxView ? { resolution: options.resolution, paper, header: true } : undefined}
            onRendered={(r) => setFaxInfo(r.fax)}
            overlay={
              faxView && faxInfo?.headerLines ? (
                <HeaderLine
                  date={new Date()}
                  fromHeader={options.fromHeader}
                  toHeader={toHeader}
                  page={page.number}
                  pages={shown.pages}
                  band={faxInfo.headerLines / faxInfo.height}
                />
              ) : undefined
            }
          />
        )}
      </div>
    </div>
  );
}

export function PreviewSection() {
  const merge = useStore((s) => s.merge);
  const shown = useStore((s) => s.mergePreview);
  const busy = useStore((s) => Boolean(s.mergeBusy.preview));
  const error = useStore((s) => s.mergeErrors.preview);
  const progress = useStore((s) => s.mergeProgress);
  const selected = useStore((s) => s.mergeSelectedRow);
  if (!merge?.template || !merge.data) return null;
  const converter = merge.converters.find((c) => c.id === shown?.converter);
  return (
    <section className="merge-section" aria-labelledby="merge-preview-title" data-testid="merge-preview-section">
      <h2 id="merge-preview-title">6. Preview</h2>
      <RowPicker rows={merge.data.rows} disabled={busy || !merge.converter} />
      {!merge.converter && <p className="field-hint">Choose how Word files become PDFs first.</p>}
      {busy && (
        <div className="merge-wait" role="status" data-testid="merge-preview-busy">
          <span>
            <span className="spinner" aria-hidden="true" /> Making row {selected !== undefined ? rowNumber(selected) : ''}’s fax
            {progress ? `: ${progress.step}` : '…'}
          </span>
          {progress && progress.total > 0 && <ProgressBar value={progress.done / progress.total} label="Preview progress" />}
        </div>
      )}
      {error && (
        <p className="field-error" role="alert" data-testid="merge-preview-error">
          {error}
        </p>
      )}
      {shown && (
        <p className="merge-preview-facts" data-testid="merge-preview-facts">
          Row {rowNumber(shown.row)} · {shown.pages === 1 ? '1 page' : `${shown.pages} pages`} · made with{' '}
          {converter?.label ?? shown.converter}
          {converter?.fidelity === 'approximate' && !/approximate/i.test(converter.label) ? ' (approximate layout)' : ''}
        </p>
      )}
      {shown?.pageMismatch && (
        <p className="warning-line" role="status" data-testid="merge-page-mismatch">
          <Icon name="warning" /> This fax has {shown.pageMismatch.pdf} pages where the template has {shown.pageMismatch.template}: the text
          may have run over. Check the pages, or try another converter.
        </p>
      )}
      <Pages />
    </section>
  );
}
