// Thin glue between the compose channels and the compose service (electron/compose/).

import type { composeMethods } from '../../../shared/ipc/contract/compose.ts';
import { AppError } from '../../core/app-error.ts';
import type { Handlers } from '../ipc-router.ts';
import type { AppServices } from '../services.ts';

const PDF_FILTERS = [{ name: 'PDF documents', extensions: ['pdf'] }];

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function composeHandlers(s: AppServices): Pick<Handlers, keyof typeof composeMethods> {
  return {
    getCompose: async () => s.compose.getState(),
    saveComposeDraft: async (fields) => s.compose.saveFields(fields),
    addComposeFiles: async ({ files }) =>
      s.compose.addFiles(
        files.map((f) => ({ name: f.name, bytes: new Uint8Array(Buffer.from(f.dataBase64, 'base64')) })),
        'drop',
      ),
    addComposePaths: async ({ paths }, ctx) => {
      // Only Electron's own window can name files on this machine (a dropped File's path).
      if (ctx.transport !== 'electron') {
        throw new AppError('Files can only be added by path in the desktop app.', { code: 'paths-need-desktop', field: 'paths' });
      }
      return s.compose.addPaths(paths, 'drop');
    },
    pickComposeDocuments: async () => {
      const compose = s.compose;
      if (!s.host.pickFiles) return { draft: compose.getState().draft, added: [], refused: [], canceled: false, unsupported: true };
      const paths = await s.host.pickFiles({ title: 'Add PDF documents to the fax', filters: PDF_FILTERS, multiple: true });
      if (paths.length === 0) return { draft: compose.getState().draft, added: [], refused: [], canceled: true, unsupported: false };
      return { ...(await compose.addPaths(paths, 'picker')), canceled: false, unsupported: false };
    },
    removeComposeDocument: async ({ id }) => s.compose.removeDocument(id),
    reorderComposeDocuments: ({ ids }) => s.compose.reorderDocuments(ids),
    getComposeDocumentBytes: async ({ id }) => ({ dataBase64: toBase64(await s.compose.documentBytes(id)) }),
    getCoverPreview: async (input) => ({ dataBase64: toBase64(await s.compose.coverPreview(input)) }),
    sendCompose: async (fields) => s.compose.send(fields),
    discardCompose: async () => s.compose.discard(),
    dismissComposeSend: async () => s.compose.dismissSend(),
  };
}
