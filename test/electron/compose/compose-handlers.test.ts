import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../electron/app/handlers/index.ts';
import { createHeadlessHost } from '../../../electron/core/host.ts';
import { createIpcRouter, type IpcRouter } from '../../../electron/app/ipc-router.ts';
import { type AppServices, createAppServices } from '../../../electron/app/services.ts';
import { createMemorySecretStore } from '../../../electron/secrets/secret-store.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';

let services: AppServices;
let router: IpcRouter;
let dataDir: string;
const web = { transport: 'web' as const };

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'openfax-compose-ipc-'));
  services = await createAppServices({
    dataDir,
    host: createHeadlessHost('web'),
    hotFolder: { enabled: false },
    version: 'test',
    secrets: createMemorySecretStore(),
    sandbox: { speed: 1000, inMemory: true },
  });
  router = createIpcRouter(createHandlers(services), { validateResponses: true });
});
afterAll(async () => {
  await services.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('compose channels', () => {
  it('take uploaded bytes, answer inside the contract and hand the bytes back by id only', async () => {
    const pdf = await makePdf({ pages: ['one', 'two'] });
    const added = await router.dispatch(
      'addComposeFiles',
      { files: [{ name: 'two.pdf', dataBase64: Buffer.from(pdf).toString('base64') }] },
      web,
    );
    expect(added.ok).toBe(true);
    const doc = (added as { value: { added: Array<{ id: string; pages: number }> } }).value.added[0];
    expect(doc?.pages).toBe(2);

    const bytes = await router.dispatch('getComposeDocumentBytes', { id: doc!.id }, web);
    expect(bytes.ok && Buffer.from((bytes.value as { dataBase64: string }).dataBase64, 'base64').equals(Buffer.from(pdf))).toBe(true);
    const traversal = await router.dispatch('getComposeDocumentBytes', { id: '../openfax.db' }, web);
    expect(traversal).toMatchObject({ ok: false, error: { code: 'document-gone', field: 'id' } });

    const state = await router.dispatch('getCompose', undefined, web);
    expect(state).toMatchObject({ ok: true, value: { draft: { documents: [{ name: 'two.pdf' }] }, pricing: { priceSource: 'sandbox' } } });
  });

  it('refuse paths from a browser and report the picker as unsupported there', async () => {
    const r = await router.dispatch('addComposePaths', { paths: ['/etc/passwd'] }, web);
    expect(r).toMatchObject({ ok: false, error: { code: 'path-not-granted', field: 'paths' } });
    const pick = await router.dispatch('pickComposeDocuments', undefined, web);
    expect(pick).toMatchObject({ ok: true, value: { unsupported: true, added: [] } });
  });

  it('render the cover preview as a one-page PDF', async () => {
    const r = await router.dispatch(
      'getCoverPreview',
      { cover: { enabled: true, to: 'A', from: 'B', subject: 'S', message: 'M' }, pages: 3, paperSize: 'letter', date: 'today' },
      web,
    );
    expect(r.ok).toBe(true);
    const head = Buffer.from((r as { value: { dataBase64: string } }).value.dataBase64, 'base64')
      .subarray(0, 5)
      .toString();
    expect(head).toBe('%PDF-');
  });
});
