// App-wide guards: no navigation away from our page, no new windows, no webviews, no
// permission prompts (camera, notifications-by-web-API, geolocation…) granted to content.

import { app, session, shell } from 'electron';

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
      // Help links open in the user's browser, never inside the app.
      if (/^https:\/\//.test(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  };
  app.on('web-contents-created', guard);
  return () => {
    app.off('web-contents-created', guard);
  };
}
