// Left column: what the recipient will get. Cover page and documents as one run of pages,
// a virtualised thumbnail strip beside the large page, zoom (fit width, fit page or a
// percentage), the fax-view toggle (with the header line services stamp on every page), the
// page count and paper size underneath, and the warnings of what will print badly. The page
// scrolls inside its own pane, so zooming never moves these controls.

import { useEffect, useMemo, useState } from 'react';
import { PAPER_SIZE_LABEL, type PaperSize } from '../../../../shared/domain.ts';
import { type ComposeDocument, detectedPaperSize, pagesNotMatching } from '../../../../shared/ipc/contract/compose.ts';
import { toHeaderFor } from '../../../../shared/fax-header.ts';
import { FAX_LINES_PER_INCH } from '../../../../shared/fax-raster.ts';
import { Icon } from '../../components/icon.tsx';
import { HeaderLine } from '../../preview/header-line.tsx';
import { flattenGroups, type PreviewGroup } from '../../preview/page-list.ts';
import { PageView, type Zoom } from '../../preview/page-view.tsx';
import { markShown, openPdf } from '../../preview/pdf-registry.ts';
import type { RenderedPage } from '../../preview/render-page.ts';
import { ThumbnailStrip } from '../../preview/thumbnail-strip.tsx';
import { useStore } from '../../store/index.ts';
import { InkWarnings } from './ink-warnings.tsx';
import { useCoverPreview, useCoverRecipient } from './use-cover-preview.ts';

const ZOOMS: Array<{ value: Zoom; label: string }> = [
  { value: 'fit-width', label: 'Fit width' },
  { value: 'fit-page', label: 'Fit page' },
  { value: 0.5, label: '50%' },
  { value: 0.75, label: '75%' },
  { value: 1, label: '100%' },
  { value: 1.5, label: '150%' },
  { value: 2, label: '200%' },
];

const NO_DOCUMENTS: ComposeDocument[] = [];

export function PreviewPane() {
  const draft = useStore((s) => s.composeDraft);
  const pending = useStore((s) => s.composePending);
  const previewKeys = useStore((s) => s.composePreviewKeys);
  const cover = useStore((s) => s.composeFields?.cover);
  const resolution = useStore((s) => s.composeFields?.resolution ?? 'standard');
  const chosenPaper = useStore((s) => s.composeFields?.paperSize ?? null);
  const defaultPaper = useStore((s) => s.composeDefaults?.paperSize ?? 'letter');
  const fromHeader = useStore((s) => s.composeFields?.fromHeader ?? '');
  const typedToHeader = useStore((s) => s.composeFields?.toHeader ?? '');
  const [pendingPages, setPendingPages] = useState<Record<string, number>>({});
  const [selected, setSelected] = useState(0);
  const [zoom, setZoom] = useState<Zoom>('fit-width');
  const [faxView, setFaxView] = useState(false);
  const [faxInfo, setFaxInfo] = useState<RenderedPage['fax']>();
  // The first page people see is the large one: thumbnails wait until it is drawn (or a second).
  const [largeDrawn, setLargeDrawn] = useState(false);

  const documents = draft?.documents ?? NO_DOCUMENTS;
  const detected = detectedPaperSize(documents);
  const paper: PaperSize = chosenPaper ?? detected ?? defaultPaper;
  const docPages = documents.reduce((n, d) => n + d.pages, 0);
  const { key: coverKey, fresh: coverFresh } = useCoverPreview(cover, docPages + 1, paper);
  const coverOf = useCoverRecipient();
  const coverTitle = coverOf ? `Cover page for ${coverOf.name ?? coverOf.display}` : 'Cover page';

  // A dropped file's page count is known once pdf.js has opened it, before main answers.
  useEffect(() => {
    for (const p of pending) {
      if (pendingPages[p.key] !== undefined) continue;
      openPdf(p.key).then(
        (doc) => setPendingPages((m) => ({ ...m, [p.key]: doc.numPages })),
        () => undefined,
      );
    }
  }, [pending, pendingPages]);

  const groups = useMemo(() => {
    const g: PreviewGroup[] = [];
    if (coverKey) g.push({ key: coverKey, title: coverTitle, pages: 1, kind: 'cover' });
    for (const d of documents) g.push({ key: previewKeys[d.id] ?? d.id, title: d.name, pages: d.pages, kind: 'document' });
    for (const p of pending) g.push({ key: p.key, title: p.name, pages: pendingPages[p.key], kind: 'pending' });
    return g;
  }, [coverKey, coverTitle, documents, pending, pendingPages, previewKeys]);
  const preview = useMemo(() => flattenGroups(groups), [groups]);
  const total = preview.pages.length;
  const index = Math.min(selected, Math.max(0, total - 1));
  const page = preview.pages[index];

  useEffect(() => {
    if (largeDrawn || !page) return;
    const t = setTimeout(() => setLargeDrawn(true), 1000);
    return () => clearTimeout(t);
  }, [largeDrawn, page]);

  const mismatched = documents.length ? pagesNotMatching(documents, paper) : 0;
  const firstDocPage = coverKey ? 2 : 1;
  const showPage = (number: number) => {
    setSelected(Math.max(0, number - 1));
    setFaxView(true);
  };
  // Over the band the fax view leaves at the top of the raster, once there is one.
  const headerLine =
    faxView && faxInfo?.headerLines && page && !preview.partial ? (
      <HeaderLine
        date={new Date()}
        fromHeader={fromHeader}
        toHeader={toHeaderFor(typedToHeader, coverOf)}
        page={page.number}
        pages={total}
        band={faxInfo.headerLines / faxInfo.height}
      />
    ) : undefined;
  const paperText = `${PAPER_SIZE_LABEL[paper]} ${chosenPaper ? '(chosen)' : detected ? '(detected)' : '(default)'}`;

  return (
    <section className="preview" aria-label="Preview" data-cover-fresh={coverFresh}>
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
          <span className="preview-page-count" aria-live="polite" data-testid="page-count">
            {total ? `Page ${index + 1} of ${preview.partial ? '…' : total}` : 'No pages'}
          </span>
          <button
            type="button"
            className="button"
            onClick={() => setSelected(Math.min(total - 1, index + 1))}
            disabled={index >= total - 1}
            title="Next page"
          >
            <span className="button-label">Next</span> <Icon name="next" />
          </button>
        </div>
        <div className="toolbar-group">
          <label className="inline-field">
            <span className="button-label">Zoom</span>
            <select
              className="input"
              value={String(zoom)}
              onChange={(e) => setZoom(e.target.value.startsWith('fit') ? (e.target.value as Zoom) : Number(e.target.value))}
            >
              {ZOOMS.map((z) => (
                <option key={String(z.value)} value={String(z.value)}>
                  {z.label}
                </option>
              ))}
            </select>
          </label>
          {(['fit-width', 'fit-page'] as const).map((fit) => (
            <button
              key={fit}
              type="button"
              className={`button toggle${zoom === fit ? ' toggle-on' : ''}`}
              aria-pressed={zoom === fit}
              onClick={() => setZoom(fit)}
              title={fit === 'fit-width' ? 'Fit the page to the width of the pane' : 'Show the whole page'}
            >
              <Icon name={fit} /> <span className="button-label">{fit === 'fit-width' ? 'Fit width' : 'Fit page'}</span>
            </button>
          ))}
          <button
            type="button"
            className={`button toggle${faxView ? ' toggle-on' : ''}`}
            aria-pressed={faxView}
            onClick={() => setFaxView((v) => !v)}
            title="Show each page as the recipient's fax machine will print it: 1728 pixels across, black and white"
          >
            <Icon name="fax-view" /> <span className="button-label">Fax view</span>
          </button>
        </div>
      </div>

      <div className="preview-body">
        <ThumbnailStrip preview={preview} selected={index} hold={!largeDrawn} onSelect={setSelected} />
        {page ? (
          <PageView
            page={page}
            zoom={zoom}
            fax={faxView ? { resolution, paper, header: true } : undefined}
            overlay={headerLine}
            onRendered={(r) => {
              setFaxInfo(r.fax);
              setLargeDrawn(true);
              markShown(page.key);
            }}
          />
        ) : (
          <div className="page-view page-view-empty">
            <span className="spinner" aria-hidden="true" /> Opening the document…
          </div>
        )}
      </div>

      <div className="preview-info">
        <span data-testid="total-pages">
          {preview.partial ? 'Counting pages…' : `${total} page${total === 1 ? '' : 's'}`}
          {coverKey ? ' (with the cover page)' : ''}
        </span>
        <span aria-hidden="true">·</span>
        <span data-testid="paper-size">Paper: {paperText}</span>
        {faxView && faxInfo && (
          <>
            <span aria-hidden="true">·</span>
            <span data-testid="fax-info">
              Fax view {faxInfo.width} × {faxInfo.height} px ({FAX_LINES_PER_INCH[resolution]} lines per inch),{' '}
              {(faxInfo.inkRatio * 100).toFixed(1)}% black. Greys and images are halftoned as fax machines print them.
            </span>
          </>
        )}
      </div>
      {mismatched > 0 && (
        <p className="warning-line" role="status" data-testid="paper-mismatch">
          <Icon name="warning" /> {mismatched} of {docPages} page{docPages === 1 ? '' : 's'} {mismatched === 1 ? 'is' : 'are'} not{' '}
          {PAPER_SIZE_LABEL[paper]}: {mismatched === 1 ? 'it' : 'they'} will be scaled to fit. Choose another paper size under Options if
          that is wrong.
        </p>
      )}
      <InkWarnings documents={documents} resolution={resolution} paper={paper} firstPage={firstDocPage} onShow={showPage} />
    </section>
  );
}
