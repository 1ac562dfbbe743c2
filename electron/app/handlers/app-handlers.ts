import type { AppServices } from '../services.ts';
import type { Handlers } from '../ipc-router.ts';

export function appHandlers(s: AppServices): Pick<Handlers, 'getAppInfo' | 'revealDataDir' | 'rendererReady'> {
  return {
    getAppInfo: () => ({
      name: 'Openfax Desktop',
      version: s.version,
      dataDir: s.dataDir,
      platform: process.platform,
      mode: s.mode(),
      transport: s.host.transport,
    }),
    revealDataDir: async () => ({ opened: await s.host.openPath(s.dataDir) }),
    // The transport holds each renderer's events until this call (core/event-gate.ts).
    rendererReady: (_request, ctx) => ({ delivered: ctx.rendererReady?.() ?? 0 }),
  };
}
