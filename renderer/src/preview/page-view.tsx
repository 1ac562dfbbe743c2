// The large page: fitted to the pane's width, or the whole page fitted into the pane, or at a
// zoom where 100% is actual size (96 CSS px per inch). The pane scrolls on its own, so a
// zoomed page never pushes the controls around it. In fax view it shows the 1-bit raster,
// stretched back to the paper's shape (fax pixels are twice as tall as wide at standard resolution).

import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';
import { PageCanvas } from './page-canvas.tsx';
import type { PreviewPage } from './page-list.ts';
import type { FaxViewSpec, RenderedPage } from './render-page.ts';

export type Zoom = 'fit-width' | 'fit-page' | number;

export interface PageViewProps {
  page: PreviewPage;
  zoom: Zoom;
  fax?: FaxViewSpec;
  onRendered?: (r: RenderedPage) => void;
  /** Drawn over the page, sized to it (the fax view's header line, header-line.tsx). */
  overlay?: ReactNode;
}

const CSS_PX_PER_PT = 96 / 72;
/** A fitted page is never drawn narrower than this, however small the pane. */
const MIN_WIDTH = 40;

/** The page's width in CSS px for a zoom, in a pane whose room inside its padding is `box`. */
export function pageWidth(zoom: Zoom, box: { width: number; height: number }, page: { widthPt: number; heightPt: number }): number {
  if (typeof zoom === 'number') return Math.round(page.widthPt * CSS_PX_PER_PT * zoom);
  const byWidth = box.width;
  const byHeight = (box.height * page.widthPt) / page.heightPt;
  return Math.max(MIN_WIDTH, Math.floor(zoom === 'fit-page' ? Math.min(byWidth, byHeight) : byWidth));
}

export function PageView({ page, zoom, fax, onRendered, overlay }: PageViewProps) {
  const box = useRef<HTMLElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [pagePt, setPagePt] = useState({ widthPt: 612, heightPt: 792 });

  // Measured before paint, so the page starts drawing in the same frame the pane appears.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    // clientWidth leaves out the scrollbar, so a page fitted to the width needs no sideways
    // scroll; the padding is the stylesheet's (smaller in a short window).
    const measure = () => {
      const css = getComputedStyle(el);
      const width = el.clientWidth - Number.parseFloat(css.paddingLeft) - Number.parseFloat(css.paddingRight);
      const height = el.clientHeight - Number.parseFloat(css.paddingTop) - Number.parseFloat(css.paddingBottom);
      setSize((s) => (s.width === width && s.height === height ? s : { width, height }));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const width = pageWidth(zoom, size, pagePt);
  const label = `Page ${page.number}: ${page.groupTitle}, page ${page.page}${page.groupPages ? ` of ${page.groupPages}` : ''}${fax ? ', fax view' : ''}`;
  return (
    // Focusable so a zoomed page can be scrolled with the keyboard.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
    <section ref={box} className="page-view" data-testid="page-view" data-zoom={zoom} aria-label="Page" tabIndex={0}>
      {size.width > 0 && (
        <div className="page-stack" style={{ width }}>
          <PageCanvas
            key={`${page.key}:${page.page}:${fax ? `${fax.resolution}:${fax.paper}` : 'color'}`}
            pdfKey={page.key}
            page={page.page}
            width={width}
            priority={0}
            fax={fax}
            label={label}
            className={fax ? 'page-large page-fax' : 'page-large'}
            testId="page-view-canvas"
            onRendered={(r) => {
              setPagePt((p) => (p.widthPt === r.widthPt && p.heightPt === r.heightPt ? p : { widthPt: r.widthPt, heightPt: r.heightPt }));
              onRendered?.(r);
            }}
          />
          {overlay}
        </div>
      )}
    </section>
  );
}
