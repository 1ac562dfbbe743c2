// "As sent by Openfax" in the job panel: the image Openfax made of the fax, page by page, beside
// our own fax view of the same page of the document that was sent (the preview's fax mode, with
// the header band), so a person sees what the recipient's machine printed. When Openfax gave no
// image, or it could not be downloaded, one quiet line says so: it is not an error of the fax.

import { useEffect, useRef, useState } from 'react';
import type { PaperSize, Resolution } from '../../../../shared/domain.ts';
import { FAX_PAPER_POINTS } from '../../../../shared/fax-page.ts';
import { FAX_LINES_PER_INCH, rasterToRgba } from '../../../../shared/fax-raster.ts';
import type { AsSentPage } from '../../../../shared/ipc/contract/sent.ts';
import { base64ToBytes } from '../../files/base64.ts';
import { PageCanvas } from '../../preview/page-canvas.tsx';
import { openPdf, provideFetcher, releasePdf } from '../../preview/pdf-registry.ts';
import { useStore } from '../../store/index.ts';

const WIDTH = 220;
// While the fax has ended and its image is on its way, ask again now and then (a few times).
const WAIT_MS = 1500;
const WAIT_TRIES = 20;

/** Give it `key={jobId}`: another fax starts again at its page 1. */
export interface AsSentViewProps {
  jobId: number;
  /** Openfax has the fax (it has an OutTransID): only then can there be an image. */
  reachedOpenfax: boolean;
  /** Changes when the job does (a new row, its final result): the image may have come. */
  version: number;
  paper: PaperSize;
  resolution: Resolution;
  documentAvailable: boolean;
}

export function AsSentView({ jobId, reachedOpenfax, version, paper, resolution, documentAvailable }: AsSentViewProps) {
  const loadAsSentPage = useStore((s) => s.loadAsSentPage);
  const loadJobDocument = useStore((s) => s.loadJobDocument);
  const [page, setPage] = useState(1);
  const [shown, setShown] = useState<AsSentPage | undefined>();
  const [tries, setTries] = useState(0);
  // How many pages the sent document has: the image may have more (a service's own page).
  const [documentPages, setDocumentPages] = useState<number | undefined>();
  const key = `as-sent-ours:${jobId}`;

  // `version` and `tries` are why it asks again: the job moved on, or the image was still on its way.
  // biome-ignore lint/correctness/useExhaustiveDependencies: version and tries trigger a new read
  useEffect(() => {
    if (!reachedOpenfax) return;
    let live = true;
    void loadAsSentPage(jobId, page).then((p) => {
      if (live) setShown(p);
    });
    return () => {
      live = false;
    };
  }, [jobId, page, version, tries, reachedOpenfax, loadAsSentPage]);

  useEffect(() => {
    if (shown?.state !== 'waiting' || tries >= WAIT_TRIES) return;
    const timer = setTimeout(() => setTries((n) => n + 1), WAIT_MS);
    return () => clearTimeout(timer);
  }, [shown, tries]);

  useEffect(() => {
    if (!documentAvailable) return;
    provideFetcher(key, () => loadJobDocument(jobId));
    return () => releasePdf(key);
  }, [key, jobId, documentAvailable, loadJobDocument]);

  // Opened once there is an image to show beside it (the registry keeps it for the page canvas).
  const hasImage = shown?.state === 'page';
  useEffect(() => {
    if (!documentAvailable || !hasImage) return;
    let live = true;
    openPdf(key).then(
      (doc) => {
        if (live) setDocumentPages(doc.numPages);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [key, documentAvailable, hasImage]);

  if (!reachedOpenfax || !shown || shown.state === 'waiting') return null;
  if (shown.state !== 'page') {
    return (
      <p className="muted as-sent-note" data-testid="as-sent-note">
        {shown.reason}
      </p>
    );
  }
  return (
    <section className="as-sent" aria-labelledby="as-sent-title" data-testid="as-sent">
      <h3 className="panel-section" id="as-sent-title">
        As sent by Openfax
      </h3>
      <div className="panel-doc">
        <figure className="doc-thumb" style={{ width: WIDTH }}>
          <SentPageCanvas page={shown} paper={paper} resolution={resolution} />
          <figcaption className="muted">As sent by Openfax</figcaption>
        </figure>
        {documentAvailable && documentPages !== undefined && (
          <figure className="doc-thumb" style={{ width: WIDTH }}>
            {shown.page <= documentPages ? (
              <PageCanvas
                pdfKey={key}
                page={shown.page}
                width={WIDTH}
                priority={0}
                fax={{ paper, resolution: shown.resolution ?? resolution, header: true }}
                label={`Page ${shown.page}, our fax view`}
                testId="as-sent-ours"
              />
            ) : (
              <p className="muted" data-testid="as-sent-no-page">
                No page {shown.page} in the sent document, which has {documentPages}.
              </p>
            )}
            <figcaption className="muted">Our fax view</figcaption>
          </figure>
        )}
      </div>
      {shown.pages > 1 && (
        <p className="panel-links">
          <button type="button" className="link-button" disabled={page <= 1} onClick={() => setPage((n) => n - 1)}>
            Previous page
          </button>{' '}
          <span className="muted">
            Page {shown.page} of {shown.pages}
          </span>{' '}
          <button type="button" className="link-button" disabled={page >= shown.pages} onClick={() => setPage((n) => n + 1)}>
            Next page
          </button>
        </p>
      )}
    </section>
  );
}

/**
 * The page's 1-bit pixels on a canvas of its own size, shown at the paper's shape: a fax dot is
 * 1/204 inch across but 1/98 inch tall at standard resolution, so the height comes from the
 * line rate, not the pixel count.
 */
function SentPageCanvas({
  page,
  paper,
  resolution,
}: {
  page: Extract<AsSentPage, { state: 'page' }>;
  paper: PaperSize;
  resolution: Resolution;
}) {
  const inchesAcross = FAX_PAPER_POINTS[paper].width / 72;
  const inchesDown = page.height / FAX_LINES_PER_INCH[page.resolution ?? resolution];
  const cssHeight = Math.round((WIDTH * inchesDown) / inchesAcross);
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    canvas.width = page.width;
    canvas.height = page.height;
    const bits = base64ToBytes(page.bitsBase64);
    const raster = { width: page.width, height: page.height, rowBytes: Math.ceil(page.width / 8), bits, inkRatio: 0 };
    context.putImageData(new ImageData(rasterToRgba(raster) as Uint8ClampedArray<ArrayBuffer>, page.width, page.height), 0, 0);
  }, [page]);
  return (
    <canvas
      ref={ref}
      role="img"
      aria-label={`Page ${page.page} of ${page.pages}, as sent by Openfax`}
      style={{ width: WIDTH, height: cssHeight, display: 'block', background: '#fff' }}
      data-testid="as-sent-page"
    />
  );
}
