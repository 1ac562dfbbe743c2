// The strip of page thumbnails, grouped by document. Virtualised: only the rows in view (and
// a few either side) exist, so a 300-page fax has a dozen canvases, not 300; a thumbnail that
// scrolls away unmounts and its canvas is released. One tab stop: arrows move the selection.

import { useVirtualizer } from '@tanstack/react-virtual';
import { type CSSProperties, type KeyboardEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { FlatPreview } from './page-list.ts';
import { PageCanvas } from './page-canvas.tsx';

const HEADER_ROW = 30;
/** The strip's width is the stylesheet's (narrower in a small pane); a thumbnail fills it less this. */
const STRIP_INSET = 32;
const DEFAULT_THUMB = 104;
/** Room under a Letter thumbnail for its number and padding. */
const ROW_EXTRA = 38;

/** A thumbnail's width for a strip of this inner width. */
function thumbWidthFor(stripWidth: number): number {
  return stripWidth > 0 ? Math.max(40, stripWidth - STRIP_INSET) : DEFAULT_THUMB;
}

export interface ThumbnailStripProps {
  preview: FlatPreview;
  selected: number;
  /** Draw nothing yet: the large page is drawn first. */
  hold?: boolean;
  onSelect(index: number): void;
}

function rowKey(preview: FlatPreview, i: number): string {
  const row = preview.rows[i];
  if (!row) return `row:${i}`;
  if (row.kind === 'header') return `group:${row.group}:${row.title}`;
  const page = preview.pages[row.index];
  return page ? `page:${page.key}:${page.page}` : `row:${i}`;
}

export function ThumbnailStrip({ preview, selected, hold = false, onSelect }: ThumbnailStripProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [stripWidth, setStripWidth] = useState(0);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setStripWidth(el.clientWidth);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const thumbWidth = thumbWidthFor(stripWidth);
  const pageRow = Math.round((thumbWidth * 11) / 8.5) + ROW_EXTRA;
  const virtualizer = useVirtualizer({
    count: preview.rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (preview.rows[i]?.kind === 'header' ? HEADER_ROW : pageRow),
    // Keyed by what the row shows, so a cover page put in front does not hand page 1's canvas to page 2.
    getItemKey: (i) => rowKey(preview, i),
    overscan: 3,
  });

  // Rows change height with the strip's width: measure them again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: pageRow is the trigger, not an input.
  useEffect(() => virtualizer.measure(), [pageRow, virtualizer]);

  const selectedRow = preview.rowOfPage[selected];
  useEffect(() => {
    if (selectedRow !== undefined) virtualizer.scrollToIndex(selectedRow, { align: 'auto' });
  }, [selectedRow, virtualizer]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const last = preview.pages.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: selected + 1,
      ArrowRight: selected + 1,
      ArrowUp: selected - 1,
      ArrowLeft: selected - 1,
      PageDown: selected + 5,
      PageUp: selected - 5,
      Home: 0,
      End: last,
    };
    const next = moves[e.key];
    if (next === undefined || last < 0) return;
    e.preventDefault();
    onSelect(Math.max(0, Math.min(last, next)));
  };

  const active = preview.pages[selected];
  return (
    <div
      ref={scroller}
      className="thumb-strip"
      role="listbox"
      aria-label="Pages"
      tabIndex={0}
      aria-activedescendant={active ? `thumb-${selected}` : undefined}
      onKeyDown={onKeyDown}
      data-testid="thumbnail-strip"
      style={{ '--thumb-width': `${thumbWidth}px` } as CSSProperties}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = preview.rows[item.index];
          if (!row) return null;
          const style = {
            position: 'absolute' as const,
            top: 0,
            left: 0,
            right: 0,
            height: item.size,
            transform: `translateY(${item.start}px)`,
          };
          if (row.kind === 'header') {
            return (
              <div key={item.key} className="thumb-group" style={style} aria-hidden="true" title={row.title}>
                <span className="thumb-group-title">{row.title}</span>
              </div>
            );
          }
          const page = preview.pages[row.index];
          if (!page) return null;
          const isSelected = row.index === selected;
          return (
            // Options of an aria-activedescendant listbox: the strip holds focus and takes the keys.
            // biome-ignore lint/a11y/useFocusableInteractive: see above.
            // biome-ignore lint/a11y/useKeyWithClickEvents: see above.
            <div
              key={item.key}
              id={`thumb-${row.index}`}
              role="option"
              aria-selected={isSelected}
              aria-label={`Page ${page.number}: ${page.groupTitle}, page ${page.page}${page.groupPages ? ` of ${page.groupPages}` : ''}`}
              className={`thumb${isSelected ? ' thumb-selected' : ''}`}
              style={style}
              onClick={() => onSelect(row.index)}
            >
              <PageCanvas
                pdfKey={page.key}
                page={page.page}
                width={thumbWidth}
                priority={1}
                hold={hold}
                label=""
                className="thumb-canvas"
              />
              <span className="thumb-number" aria-hidden="true">
                {page.number}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
