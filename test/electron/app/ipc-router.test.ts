import { describe, expect, it } from 'vitest';
import { type Handlers, createIpcRouter } from '../../../electron/app/ipc-router.ts';
import { AppError } from '../../../electron/core/app-error.ts';

function handlers(overrides: Partial<Record<string, (req: unknown) => unknown>> = {}): Handlers {
  return new Proxy({} as Handlers, {
    get: (_t, name: string) =>
      overrides[name] ??
      (() => ({ name: 'Openfax Desktop', version: '1', dataDir: '/d', platform: 'linux', mode: 'sandbox', transport: 'web' })),
    ownKeys: () => Object.keys(overrides),
  });
}

describe('IPC router', () => {
  it('refuses channels that are not in the contract', async () => {
    const r = await createIpcRouter(handlers()).dispatch('deleteEverything', {}, { transport: 'web' });
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    const proto = await createIpcRouter(handlers()).dispatch('__proto__', {}, { transport: 'web' });
    expect(proto).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });

  it('answers a valid request and rejects a malformed one with the field named', async () => {
    const router = createIpcRouter(handlers(), { validateResponses: true });
    expect(await router.dispatch('getAppInfo', undefined, { transport: 'web' })).toMatchObject({
      ok: true,
      value: { name: 'Openfax Desktop' },
    });
    const bad = await router.dispatch('getAppInfo', { x: 1 }, { transport: 'web' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
  });

  it('turns handler failures into typed errors and never throws', async () => {
    const router = createIpcRouter(
      handlers({
        getAppInfo: () => {
          throw new AppError('The hot folder is not writable.', { code: 'hot-folder-not-writable', field: 'hotFolderPath' });
        },
        getSettings: () => {
          throw new AppError('Nothing to say about a field.', { code: 'no-field' });
        },
        revealDataDir: () => {
          throw new TypeError('boom');
        },
      }),
    );
    expect(await router.dispatch('getAppInfo', undefined, { transport: 'web' })).toEqual({
      ok: false,
      error: { code: 'hot-folder-not-writable', message: 'The hot folder is not writable.', field: 'hotFolderPath' },
    });
    // No `field: undefined` key: Electron's structured clone would carry it across.
    expect(await router.dispatch('getSettings', undefined, { transport: 'web' })).toStrictEqual({
      ok: false,
      error: { code: 'no-field', message: 'Nothing to say about a field.' },
    });
    const internal = await router.dispatch('revealDataDir', undefined, { transport: 'web' });
    expect(internal).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(internal)).not.toContain('boom');
  });

  it('catches a handler answering outside the contract', async () => {
    const router = createIpcRouter(handlers({ getAppInfo: () => ({ nope: true }) }), { validateResponses: true });
    expect(await router.dispatch('getAppInfo', undefined, { transport: 'web' })).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
