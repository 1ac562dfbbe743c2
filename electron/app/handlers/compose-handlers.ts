// Thin glue between the compose channels and the compose service (electron/compose/).

import type { composeMethods } from '../../../shared/ipc/contract/compose.ts';
import { ComposeError, type ComposeService, createComposeService } from '../../compose/compose-service.ts';
import { DEFAULT_PRICE_PER_PAGE } from '../../sandbox/defaults.ts';
import { AppError, type Handlers } from '../ipc-router.ts';
import type { AppServices } from '../services.ts';

const PDF_FILTERS = [{ name: 'PDF documents', extensions: ['pdf'] }];

type WithCompose = AppServices & { compose?: ComposeService | Promise<ComposeService> };

const lazy = new WeakMap<AppServices, Promise<ComposeService>>();

/**
 * The compose service: `services.compose` once the lead wires it; until then one built here
 * from the services that exist (see composeDepsFrom), once per AppServices.
 */
export function composeOf(s: AppServices): Promise<ComposeService> {
  const own = (s as WithCompose).compose;
  if (own) return Promise.resolve(own);
  let p = lazy.get(s);
  if (!p) {
    p = createComposeService(composeDepsFrom(s));
    lazy.set(s, p);
  }
  return p;
}

/** How to build the compose service from the app's services (for services.ts). */
export function composeDepsFrom(s: AppServices): Parameters<typeof createComposeService>[0] {
  const { outbox } = s;
  return {
    db: s.store.db,
    dataDir: s.dataDir,
    outbox,
    getSettings: () => s.settings.get(),
    emit: (name, payload) => s.events.emit(name, payload),
    pricing: () => ({
      mode: s.mode(),
      sandboxPricePerPage: DEFAULT_PRICE_PER_PAGE,
      settingsPricePerPage: (s.settings.get() as { pricePerPage?: number }).pricePerPage,
      credit: outbox.lastCredit()?.credit ?? s.account.status().credit,
    }),
  };
}

async function guard<T>(fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ComposeError) throw new AppError(err.message);
    throw err;
  }
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function composeHandlers(s: AppServices): Pick<Handlers, keyof typeof composeMethods> {
  return {
    getCompose: async () => (await composeOf(s)).getState(),
    saveComposeDraft: async (fields) => (await composeOf(s)).saveFields(fields),
    addComposeFiles: async ({ files }) =>
      (await composeOf(s)).addFiles(
        files.map((f) => ({ name: f.name, bytes: new Uint8Array(Buffer.from(f.dataBase64, 'base64')) })),
        'drop',
      ),
    addComposePaths: async ({ paths }, ctx) => {
      // Only Electron's own window can name files on this machine (a dropped File's path).
      if (ctx.transport !== 'electron') throw new AppError('Files can only be added by path in the desktop app.');
      return (await composeOf(s)).addPaths(paths, 'drop');
    },
    pickComposeDocuments: async () => {
      const compose = await composeOf(s);
      if (!s.host.pickFiles) return { draft: compose.getState().draft, added: [], refused: [], canceled: false, unsupported: true };
      const paths = await s.host.pickFiles({ title: 'Add PDF documents to the fax', filters: PDF_FILTERS, multiple: true });
      if (paths.length === 0) return { draft: compose.getState().draft, added: [], refused: [], canceled: true, unsupported: false };
      return { ...(await compose.addPaths(paths, 'picker')), canceled: false, unsupported: false };
    },
    removeComposeDocument: async ({ id }) => (await composeOf(s)).removeDocument(id),
    reorderComposeDocuments: ({ ids }) => guard(async () => (await composeOf(s)).reorderDocuments(ids)),
    getComposeDocumentBytes: ({ id }) => guard(async () => ({ dataBase64: toBase64(await (await composeOf(s)).documentBytes(id)) })),
    getCoverPreview: async (input) => ({ dataBase64: toBase64(await (await composeOf(s)).coverPreview(input)) }),
    sendCompose: async (fields) => (await composeOf(s)).send(fields),
    discardCompose: async () => (await composeOf(s)).discard(),
    dismissComposeSend: async () => (await composeOf(s)).dismissSend(),
  };
}
