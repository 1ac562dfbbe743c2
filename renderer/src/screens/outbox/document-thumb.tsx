// The job's document, page 1, drawn by the shared pdf.js preview (renderer/src/preview). The
// bytes are fetched from main only when the panel shows the page.

import { useEffect, useState } from 'react';
import { PageCanvas } from '../../preview/page-canvas.tsx';
import { provideFetcher, releasePdf } from '../../preview/pdf-registry.ts';
import { useStore } from '../../store/index.ts';

export function DocumentThumb({ jobId, name, available }: { jobId: number; name: string; available: boolean }) {
  const key = `outbox-job:${jobId}`;
  const [ready, setReady] = useState(false);
  const loadJobDocument = useStore((s) => s.loadJobDocument);

  useEffect(() => {
    if (!available) return;
    provideFetcher(key, () => loadJobDocument(jobId));
    setReady(true);
    return () => {
      setReady(false);
      releasePdf(key);
    };
  }, [key, jobId, available, loadJobDocument]);

  if (!available) return <p className="thumb-missing muted">The PDF is no longer kept, so it cannot be shown or sent again.</p>;
  return (
    <figure className="doc-thumb">
      {ready && <PageCanvas pdfKey={key} page={1} width={150} priority={0} label={`Page 1 of ${name}`} testId="doc-thumb" />}
    </figure>
  );
}
