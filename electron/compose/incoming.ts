// A hot-folder pickup becomes a Compose document, with what its routing found (recipients,
// headers, options, subject) ready to fill an empty form. Routing problems are not guessed
// around: the recipients it could not use are simply left for the person to type.

import type { HotFolderDocument } from '../hotfolder/events.ts';
import { printedDocumentName } from '../hotfolder/printed-name.ts';
import type { IncomingDocument } from './compose-service.ts';

/** `folder`: the hot folder the document was printed into (it shapes cups-pdf's file names). */
export function incomingFromHotFolder(doc: HotFolderDocument, folder?: string): IncomingDocument {
  const { route } = doc;
  return {
    path: doc.spoolPath,
    name: printedDocumentName(doc.originalName, folder),
    recipients: route.recipients.map((r) => ({ number: r.number, display: r.display, name: r.name })),
    toHeader: route.headers.toHeader,
    fromHeader: route.headers.fromHeader,
    subject: route.subject,
    options: route.options,
  };
}
