// What went wrong with the OS keychain, in words a person can act on. The library's own text
// (a D-Bus error, an OS status code) goes to the log, never to the screen.

export type KeychainTrouble = 'missing' | 'locked' | 'refused';

/** The keychain each OS has, as people know it. */
export function keychainLabel(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service keyring';
}

/** Sorts a raw keychain error: none running (no session bus, no Secret Service), locked, or refused. */
export function classifyKeychainError(raw: string): KeychainTrouble {
  const t = raw.toLowerCase();
  if (/locked|unlock|dismissed|cancel+ed|user interaction|interaction is not allowed|-25308|-128/.test(t)) return 'locked';
  if (
    /dbus_session_bus_address|autolaunch|no such (file|name|interface)|serviceunknown|service_unknown|not provided by any \.service|org\.freedesktop\.secrets|was not provided|connection refused|no keyring|no secret service|platform failure|no default keychain|-25307|-25294/.test(
      t,
    )
  ) {
    return 'missing';
  }
  return 'refused';
}

const MISSING_FIX: Partial<Record<NodeJS.Platform, string>> = {
  linux:
    'Openfax Desktop keeps the API key in a Secret Service keyring, and none is running for this session. Install and start GNOME Keyring or KWallet (most desktops start one at login), unlock it, then try again.',
  darwin:
    'Openfax Desktop keeps the API key in the macOS Keychain, and it could not be opened. Open Keychain Access, make sure your login keychain exists and is unlocked, then try again.',
  win32:
    'Openfax Desktop keeps the API key in the Windows Credential Manager, and it could not be reached. Sign in to Windows with your own account (not a service account), then try again.',
};

const LOCKED_FIX: Partial<Record<NodeJS.Platform, string>> = {
  linux: 'Your keyring is locked. Unlock it (GNOME Keyring or KWallet asks for your login password), then try again.',
  darwin:
    'The macOS Keychain is locked or asked for permission and was refused. Unlock it and choose "Allow" when it asks about Openfax Desktop.',
  win32: 'The Windows Credential Manager refused. Sign in again, then try again.',
};

/** One sentence of what failed and what to do, for Settings and the CLI. */
export function keychainMessage(platform: NodeJS.Platform, action: 'read' | 'save' | 'remove', raw: string): string {
  const label = keychainLabel(platform);
  const what = `Could not ${action} the API key: `;
  const trouble = classifyKeychainError(raw);
  const os: NodeJS.Platform = platform === 'darwin' || platform === 'win32' ? platform : 'linux';
  if (trouble === 'missing') return `${what}${MISSING_FIX[os]}`;
  if (trouble === 'locked') return `${what}${LOCKED_FIX[os]}`;
  return `${what}the ${label} refused. Make sure it is unlocked and allows Openfax Desktop, then try again.`;
}
