// What the platform around the services provides. Electron implements it in the wiring;
// the browser host implements what a browser can (no native dialogs, no badge).

export interface HostAdapter {
  transport: 'electron' | 'web';
  /** Opens a file or folder with the OS default handler. */
  openPath(path: string): Promise<boolean>;
  /** Native file picker; absent in the browser host (the renderer uploads bytes instead). */
  pickFiles?(options: { title: string; filters: Array<{ name: string; extensions: string[] }>; multiple: boolean }): Promise<string[]>;
  pickFolder?(options: { title: string; defaultPath?: string }): Promise<string | undefined>;
  pickSavePath?(options: {
    title: string;
    defaultPath: string;
    filters: Array<{ name: string; extensions: string[] }>;
  }): Promise<string | undefined>;
  /**
   * A native yes/no question (an unusual API address, a hot folder that holds files); true only
   * when the person pressed `confirmLabel`. Cancel is the default. Absent in the browser host,
   * where the renderer asks and main requires the answer in the request.
   */
  confirm?(question: { title: string; message: string; detail: string; confirmLabel: string }): Promise<boolean>;
  /** A native notification (final fax results, rejected files). */
  notify(title: string, body: string): void;
  /** Jobs in flight, for the dock/taskbar badge and tray tooltip. */
  setBadgeCount(count: number): void;
  /** Brings the window to the front (hot-folder pickup). */
  focusWindow(): void;
  /**
   * The built-in DOCX converter's printer (merge/types.ts's DocxPrintPort, written out: core
   * imports no engine): a .docx's bytes in, a PDF's out. A hidden Electron window
   * (wiring/docx-print.ts), or headless Chromium under the browser host (web/docx-print.ts).
   * Absent in the CLI and tests.
   */
  printDocx?(docx: Uint8Array, signal: AbortSignal): Promise<Uint8Array>;
}

/** A host that does nothing visible: tests and the headless CLI. */
export function createHeadlessHost(
  transport: 'electron' | 'web' = 'web',
): HostAdapter & { notifications: Array<{ title: string; body: string }>; badge: number } {
  const host = {
    transport,
    notifications: [] as Array<{ title: string; body: string }>,
    badge: 0,
    async openPath() {
      return false;
    },
    notify(title: string, body: string) {
      host.notifications.push({ title, body });
    },
    setBadgeCount(count: number) {
      host.badge = count;
    },
    focusWindow() {},
  };
  return host;
}
