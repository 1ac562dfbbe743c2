// The large page: fitted to the pane's width, or at a zoom where 100% is actual size
// (96 CSS px per inch). In fax view it shows the 1-bit raster, stretched back to the page's
// shape (fax pixels are twice as tall as wide at standard resolution).

import { useLayoutEffect, useRef, useState } from 'react';
import type { Resolution } from '../../../shared/domain.ts';
import { PageCanvas } from './page-canvas.tsx';
import type { PreviewPage } from './page-list.ts';
import type { RenderedPage } from './render-page.ts';

export type Zoom = 'fit' | number;

export interface PageViewProps {
  page: PreviewPage;
  zoom: Zoom;
  fax?: Resolution;
  onRendered?: (r: RenderedPage) => void;
}

const PADDING = 32;
const CSS_PX_PER_PT = 96 / 72;

export function PageView({ page, zoom, fax, onRendered }: PageViewProps) {
  const box = useRef<HTMLElement>(null);
  const [boxWidth, setBoxWidth] = useState(0);
  const [widthPt, setWidthPt] = useState(612);

  // Measured before paint, so the page starts drawing in the same frame the pane appears.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setBoxWidth(el.clientWidth);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const fit = Math.max(120, boxWidth - PADDING);
  const width = zoom === 'fit' ? fit : Math.round(widthPt * CSS_PX_PER_PT * zoom);
  const label = `Page ${page.number}: ${page.groupTitle}, page ${page.page}${page.groupPages ? ` of ${page.groupPages}` : ''}${fax ? ', fax view' : ''}`;
  return (
    // Focusable so a zoomed page can be scrolled with the keyboard.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
    <section ref={box} className="page-view" data-testid="page-view" aria-label="Page" tabIndex={0}>
      {boxWidth > 0 && (
        <PageCanvas
          key={`${page.key}:${page.page}:${fax ?? 'color'}`}
          pdfKey={page.key}
          page={page.page}
          width={width}
          priority={0}
          fax={fax}
          label={label}
          className={fax ? 'page-large page-fax' : 'page-large'}
          testId="page-view-canvas"
          onRendered={(r) => {
            setWidthPt(r.widthPt);
            onRendered?.(r);
          }}
        />
      )}
    </section>
  );
}
