// Thin glue between the compose channels and the compose service (electron/compose/).

import { DOCUMENT_EXTENSIONS } from '../../../shared/document-kinds.ts';
import type { composeMethods } from '../../../shared/ipc/contract/compose.ts';
import { PATH_NOT_GRANTED } from '../../../shared/ipc/names.ts';
import { AppError } from '../../core/app-error.ts';
import type { CallContext, Handlers } from '../ipc-router.ts';
import type { AppServices } from '../services.ts';

const DOCUMENT_FILTERS = [{ name: 'PDF documents and scanned images', extensions: [...DOCUMENT_EXTENSIONS] }];

/** Paths come only from Electron's own preload (a dropped File's path); a browser gets the one refusal. */
function desktopOnly(ctx: CallContext): void {
  if (ctx.transport !== 'electron') throw new AppError(PATH_NOT_GRANTED.message, { code: PATH_NOT_GRANTED.code, field: 'paths' });
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function composeHandlers(s: AppServices): Pick<Handlers, keyof typeof composeMethods> {
  return {
    getCompose: async () => s.compose.getState(),
    saveComposeDraft: async ({ draftId, ...fields }) => s.compose.saveFields(fields, draftId),
    addComposeFiles: async ({ files }) =>
      s.compose.addFiles(
        files.map((f) => ({ name: f.name, bytes: new Uint8Array(Buffer.from(f.dataBase64, 'base64')) })),
        'drop',
      ),
    addComposePaths: async ({ paths }, ctx) => {
      desktopOnly(ctx);
      return s.compose.addPaths(paths, 'drop');
    },
    grantDroppedPaths: async ({ paths }, ctx) => {
      desktopOnly(ctx);
      return { granted: await s.compose.grantPaths(paths) };
    },
    pickComposeDocuments: async () => {
      const compose = s.compose;
      const none = () => ({ draft: compose.getState().draft, drafts: compose.getState().drafts, added: [], refused: [] });
      if (!s.host.pickFiles) return { ...none(), canceled: false, unsupported: true };
      const paths = await s.host.pickFiles({ title: 'Add documents to the fax', filters: DOCUMENT_FILTERS, multiple: true });
      if (paths.length === 0) return { ...none(), canceled: true, unsupported: false };
      await compose.grantPaths(paths);
      const { draft, drafts, added, refused } = await compose.addPaths(paths, 'picker');
      return { draft, drafts, added, refused, canceled: false, unsupported: false };
    },
    removeComposeDocument: async ({ id }) => s.compose.removeDocument(id),
    reorderComposeDocuments: ({ ids }) => s.compose.reorderDocuments(ids),
    getComposeDocumentBytes: async ({ id }) => ({ dataBase64: toBase64(await s.compose.documentBytes(id)) }),
    getCoverPreview: async (input) => ({ dataBase64: toBase64(await s.compose.coverPreview(input)) }),
    sendCompose: async ({ draftId, allowDuplicate, skipDuplicates, ...fields }) =>
      s.compose.send(fields, draftId, { allowDuplicate, skipDuplicates }),
    discardCompose: async ({ id }) => s.compose.discard(id),
    undoDiscardCompose: async ({ token }) => s.compose.undoDiscard(token),
    newComposeDraft: async () => s.compose.newDraft(),
    openComposeDraft: async ({ id }) => s.compose.openDraft(id),
    dismissComposeSend: async () => s.compose.dismissSend(),
  };
}
