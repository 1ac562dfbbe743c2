// Tray icon: open the window, see faxes in flight, pause or resume the hot folder, restart to
// install a ready update, quit.

import { Menu, Tray, app, nativeImage } from 'electron';

export interface TrayControls {
  setInFlight(count: number): void;
  /** The hot folder's status (undefined: not running), for its pause/resume item. */
  setHotFolder(status: string | undefined): void;
  /** The version a restart would install (undefined: no update is ready). */
  setUpdateReady(version: string | undefined): void;
  dispose(): void;
}

export interface TrayActions {
  show(): void;
  openOutbox(): void;
  toggleHotFolder(): void;
  restartToUpdate(): void;
}

export function setupTray(iconPath: string, actions: TrayActions): TrayControls {
  const tray = new Tray(nativeImage.createFromPath(iconPath));
  let inFlight = 0;
  let hotFolder: string | undefined;
  let updateReady: string | undefined;
  const render = () => {
    tray.setToolTip(inFlight > 0 ? `Openfax: ${inFlight} fax${inFlight === 1 ? '' : 'es'} in progress` : 'Openfax');
    const canToggle = hotFolder === 'watching' || hotFolder === 'paused' || hotFolder === 'folder-missing';
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Open Openfax', click: actions.show },
        { label: inFlight > 0 ? `Outbox (${inFlight} in progress)` : 'Outbox', click: actions.openOutbox },
        { type: 'separator' },
        {
          label: hotFolder === 'paused' ? 'Resume the hot folder' : 'Pause the hot folder',
          enabled: canToggle,
          click: actions.toggleHotFolder,
        },
        { type: 'separator' },
        ...(updateReady ? [{ label: `Restart to update to ${updateReady}`, click: actions.restartToUpdate }] : []),
        { label: 'Quit', click: () => app.quit() },
      ]),
    );
  };
  render();
  tray.on('click', actions.show);
  return {
    setInFlight(count) {
      inFlight = count;
      render();
    },
    setHotFolder(status) {
      hotFolder = status;
      render();
    },
    setUpdateReady(version) {
      if (version === updateReady) return;
      updateReady = version;
      render();
    },
    dispose: () => tray.destroy(),
  };
}
