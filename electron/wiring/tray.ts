// Tray icon: open the window, see faxes in flight, quit.

import { Menu, Tray, app, nativeImage } from 'electron';

export interface TrayControls {
  setInFlight(count: number): void;
  dispose(): void;
}

export function setupTray(iconPath: string, actions: { show(): void; openOutbox(): void }): TrayControls {
  const tray = new Tray(nativeImage.createFromPath(iconPath));
  const render = (inFlight: number) => {
    tray.setToolTip(inFlight > 0 ? `Openfax: ${inFlight} fax${inFlight === 1 ? '' : 'es'} in progress` : 'Openfax');
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Open Openfax', click: actions.show },
        { label: inFlight > 0 ? `Outbox (${inFlight} in progress)` : 'Outbox', click: actions.openOutbox },
        { type: 'separator' },
        { label: 'Quit', click: () => app.quit() },
      ]),
    );
  };
  render(0);
  tray.on('click', actions.show);
  return { setInFlight: render, dispose: () => tray.destroy() };
}
