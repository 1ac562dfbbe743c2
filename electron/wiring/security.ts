// App-wide guards: no navigation away from our page, no new windows, no webviews, no
// permission prompts (camera, notifications-by-web-API, geolocation…) granted to content.
// Links to Openfax's own pages open in the person's browser (core/external-links.ts).

import { app, session, shell } from 'electron';
import { checkExternalLink } from '../core/external-links.ts';
import { createLogger } from '../core/logger.ts';

const log = createLogger('security');

function openExternally(url: string): void {
  const verdict = checkExternalLink(url);
  if (verdict.open) void shell.openExternal(verdict.url);
  else log.warn(`refused to open ${verdict.shown} outside the app`);
}

/**
 * Chromium's remote-debugging switches let any local process attach to the page and call
 * `window.openfax` (send faxes, read contacts); the fuses close Node's switches, not these, and
 * `devTools: false` does not either. A packaged app refuses to start with one (a developer's
 * unpackaged run keeps them). Answers the switch found, if any.
 */
export function refusedLaunchSwitch(): string | undefined {
  if (!app.isPackaged) return undefined;
  return ['remote-debugging-port', 'remote-debugging-pipe'].find((s) => app.commandLine.hasSwitch(s));
}

export function setupSecurity(isOwnUrl: (url: string) => boolean): () => void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  const guard = (_event: unknown, contents: Electron.WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isOwnUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isOwnUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openExternally(url);
      return { action: 'deny' };
    });
  };
  app.on('web-contents-created', guard);
  return () => {
    app.off('web-contents-created', guard);
  };
}
