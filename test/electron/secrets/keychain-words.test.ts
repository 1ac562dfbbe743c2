import { describe, expect, it } from 'vitest';
import { classifyKeychainError, keychainMessage } from '../../../electron/secrets/keychain-words.ts';

// What @napi-rs/keyring says on a Linux session without a Secret Service (seen on this machine).
const NO_BUS =
  'Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead';

describe('keychain problems in plain words', () => {
  it('sorts raw errors into missing, locked and refused', () => {
    expect(classifyKeychainError(NO_BUS)).toBe('missing');
    expect(classifyKeychainError('The name org.freedesktop.secrets was not provided by any .service files')).toBe('missing');
    expect(classifyKeychainError('Platform failure: Cannot create an item in a locked collection')).toBe('locked');
    expect(classifyKeychainError('User interaction is not allowed. (-25308)')).toBe('locked');
    expect(classifyKeychainError('Attribute too long')).toBe('refused');
  });

  it('says on Linux that a Secret Service keyring is missing and names the ones to install, without the D-Bus text', () => {
    const m = keychainMessage('linux', 'read', NO_BUS);
    expect(m).toMatch(/^Could not read the API key: /);
    expect(m).toMatch(/Secret Service keyring/);
    expect(m).toMatch(/GNOME Keyring or KWallet/);
    expect(m).toMatch(/unlock it/);
    expect(m).not.toMatch(/DBus|X11|DBUS_SESSION/);
  });

  it('names the macOS Keychain and the Windows Credential Manager on their systems', () => {
    expect(keychainMessage('darwin', 'save', 'No default keychain could be found. (-25307)')).toMatch(/macOS Keychain.*Keychain Access/);
    expect(keychainMessage('darwin', 'save', 'User interaction is not allowed. (-25308)')).toMatch(/locked.*"Allow"/);
    expect(keychainMessage('win32', 'save', 'Platform failure: no session')).toMatch(/Windows Credential Manager/);
    expect(keychainMessage('freebsd', 'remove', NO_BUS)).toMatch(/^Could not remove the API key: .*GNOME Keyring or KWallet/);
  });
});
