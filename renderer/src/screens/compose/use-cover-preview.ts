// The cover page in the preview is the one main will prepend for the recipient picked in the
// form (each recipient has their own): rendered by main from the current fields (after a short
// pause in typing) and shown like any other PDF.

import { useEffect, useState } from 'react';
import type { PaperSize } from '../../../../shared/domain.ts';
import type { CoverFields, DraftRecipient } from '../../../../shared/ipc/contract/compose.ts';
import { provideBytes, releasePdf } from '../../preview/pdf-registry.ts';
import { useStore } from '../../store/index.ts';

const DELAY_MS = 400;
let seq = 0;

/** The cover's date as main prints it on a cover made now. */
function coverDate(now = new Date()): string {
  return now.toLocaleString('en-US', { dateStyle: 'long', timeStyle: 'short' });
}

/** Whose cover the preview shows: the recipient picked (a chip or the cover's list), else the first. */
export function useCoverRecipient(): DraftRecipient | undefined {
  return useStore((s) => {
    const recipients = s.composeFields?.recipients ?? [];
    return recipients.find((r) => r.number === s.composeCoverFor) ?? recipients[0];
  });
}

/**
 * The registry key of the current cover preview (undefined while there is none), and whether
 * it shows the fields as they are now (false while an edit is waiting to be drawn).
 */
export function useCoverPreview(cover: CoverFields | undefined, pages: number, paperSize: PaperSize): { key?: string; fresh: boolean } {
  const [key, setKey] = useState<string>();
  const [drawn, setDrawn] = useState('');
  const loadCoverPreview = useStore((s) => s.loadCoverPreview);
  const recipient = useCoverRecipient();
  const fromHeader = useStore((s) => s.composeFields?.fromHeader ?? '');
  const enabled = cover?.enabled ?? false;
  const text = cover ? JSON.stringify([cover.from, cover.subject, cover.message, pages, paperSize, recipient ?? null, fromHeader]) : '';

  // `text` stands for the cover's fields, pages and paper size: the cover object changes
  // identity on every edit, and `key` only marks whether a preview exists yet.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above.
  useEffect(() => {
    if (!enabled || !cover) {
      setKey(undefined);
      return;
    }
    let live = true;
    const timer = setTimeout(
      async () => {
        try {
          const bytes = await loadCoverPreview({
            cover,
            ...(recipient ? { recipient } : {}),
            fromHeader,
            pages: Math.max(1, pages),
            paperSize,
            date: coverDate(),
          });
          if (!live) return;
          const next = `cover:${++seq}`;
          provideBytes(next, bytes);
          setKey(next);
          setDrawn(text);
        } catch {
          // The preview is a courtesy: the real cover is built at send time and any error shows then.
        }
      },
      key ? DELAY_MS : 0,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [enabled, text]);

  useEffect(() => {
    if (!key) return;
    return () => releasePdf(key);
  }, [key]);

  return enabled ? { key, fresh: drawn === text } : { key: undefined, fresh: true };
}
