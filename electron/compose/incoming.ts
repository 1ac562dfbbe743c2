// A hot-folder pickup becomes a Compose document, with what its routing found (recipients,
// headers, options, subject) ready to fill an empty form. Routing problems are not guessed
// around: the recipients it could not use are simply left for the person to type.

import type { HotFolderDocument } from '../hotfolder/events.ts';
import type { IncomingDocument } from './compose-service.ts';

export function incomingFromHotFolder(doc: HotFolderDocument): IncomingDocument {
  const { route } = doc;
  return {
    path: doc.spoolPath,
    name: doc.originalName,
    recipients: route.recipients.map((r) => ({ number: r.number, display: r.display, name: r.name })),
    toHeader: route.headers.toHeader,
    fromHeader: route.headers.fromHeader,
    subject: route.subject,
    options: route.options,
  };
}
