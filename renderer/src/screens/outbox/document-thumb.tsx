// The job's document, page 1, drawn by the shared pdf.js preview (renderer/src/preview). The
// bytes are fetched from main only when the panel shows the page.

import { useEffect, useState } from 'react';
import { call } from '../../ipc/api.ts';
import { PageCanvas } from '../../preview/page-canvas.tsx';
import { provideFetcher, releasePdf } from '../../preview/pdf-registry.ts';
import { base64ToBytes } from './download.ts';

export function DocumentThumb({ jobId, name, available }: { jobId: number; name: string; available: boolean }) {
  const key = `outbox-job:${jobId}`;
  const [ready, setReady] = useState(false);

  useEffect(() => {
    if (!available) return;
    provideFetcher(key, async () => {
      const doc = await call('getJobDocument', { jobId });
      if (!doc.ok) throw new Error(doc.reason);
      return base64ToBytes(doc.base64);
    });
    setReady(true);
    return () => {
      setReady(false);
      releasePdf(key);
    };
  }, [key, jobId, available]);

  if (!available) return <p className="thumb-missing muted">The PDF is no longer kept, so it cannot be shown or sent again.</p>;
  return (
    <figure className="doc-thumb">
      {ready && <PageCanvas pdfKey={key} page={1} width={150} priority={0} label={`Page 1 of ${name}`} testId="doc-thumb" />}
    </figure>
  );
}
