// One page on a canvas. Drawing starts when the canvas mounts and is cancelled if it
// unmounts first; an unmounted canvas gives its pixels back at once.

import { useEffect, useRef, useState } from 'react';
import { type FaxViewSpec, type RenderedPage, releaseCanvas, renderPage } from './render-page.ts';

export interface PageCanvasProps {
  pdfKey: string;
  page: number;
  /** CSS pixels. */
  width: number;
  priority: 0 | 1;
  fax?: FaxViewSpec;
  /** Height ÷ width to reserve before the page is known (Letter). */
  aspect?: number;
  /** What a screen reader hears; '' hides the canvas (a thumbnail whose option already says it). */
  label: string;
  className?: string;
  testId?: string;
  /** Wait before drawing (thumbnails wait for the large page). */
  hold?: boolean;
  onRendered?: (r: RenderedPage) => void;
}

export function PageCanvas({
  pdfKey,
  page,
  width,
  priority,
  fax,
  aspect = 11 / 8.5,
  label,
  className,
  testId,
  hold = false,
  onRendered,
}: PageCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<{ status: 'loading' | 'done' | 'error'; aspect?: number; error?: string }>({ status: 'loading' });
  const rendered = useRef(onRendered);
  rendered.current = onRendered;
  // The spec as one value, so a new object with the same fields does not draw the page again.
  const faxKey = fax ? `${fax.resolution}:${fax.paper}:${fax.header ? 'header' : 'bare'}` : '';
  const faxSpec = useRef(fax);
  faxSpec.current = fax;

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || width <= 0 || hold) return;
    setState((s) => ({ ...s, status: 'loading' }));
    const handle = renderPage({ key: pdfKey, page, canvas, cssWidth: width, priority, fax: faxKey ? faxSpec.current : undefined });
    handle.done.then(
      (r) => {
        if (!r) return;
        setState({ status: 'done', aspect: r.heightPt / r.widthPt });
        rendered.current?.(r);
      },
      (err: unknown) => setState({ status: 'error', error: err instanceof Error ? err.message : String(err) }),
    );
    return () => handle.cancel();
  }, [pdfKey, page, width, priority, faxKey, hold]);

  useEffect(() => {
    const canvas = ref.current;
    return () => releaseCanvas(canvas);
  }, []);

  const height = Math.round(width * (state.aspect ?? aspect));
  return (
    <div
      className={`page-canvas ${className ?? ''}`}
      style={{ width, height }}
      data-status={state.status}
      aria-hidden={label ? undefined : true}
    >
      {label ? (
        <canvas ref={ref} role="img" aria-label={label} style={{ width, height }} data-testid={testId} />
      ) : (
        <canvas ref={ref} style={{ width, height }} data-testid={testId} />
      )}
      {state.status === 'loading' && <span className="page-canvas-busy spinner" aria-hidden="true" />}
      {state.status === 'error' && (
        <span className="page-canvas-error" role="note">
          This page cannot be shown ({state.error}).
        </span>
      )}
    </div>
  );
}
