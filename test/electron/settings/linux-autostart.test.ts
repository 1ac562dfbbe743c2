import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linuxAutostartFile, setLinuxAutostart } from '../../../electron/settings/linux-autostart.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-autostart-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const launch = (env: Record<string, string | undefined>, execPath = '/opt/Openfax Desktop/openfax-desktop') => ({
  env,
  home: join(dir, 'home'),
  execPath,
  args: ['--hidden'],
});

/** The Exec line as a desktop reads it: the string escapes first, then the quoting, into arguments. */
function execArgs(entry: string): string[] {
  const value = /^Exec=(.*)$/m.exec(entry)?.[1] ?? '';
  const unescaped = value.replace(/\\(.)/g, (_m, c: string) => (c === 't' ? '\t' : c));
  const args: string[] = [];
  for (const m of unescaped.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)) {
    args.push((m[1] !== undefined ? m[1].replace(/\\(["`$\\])/g, '$1') : m[2]!).replaceAll('%%', '%'));
  }
  return args;
}

describe('Linux start at login: an XDG autostart entry', () => {
  it('lives in $XDG_CONFIG_HOME/autostart, or ~/.config/autostart when it is unset or not absolute', () => {
    const config = join(dir, 'config');
    expect(linuxAutostartFile({ env: { XDG_CONFIG_HOME: config }, home: '/home/me' })).toBe(
      join(config, 'autostart', 'openfax-desktop.desktop'),
    );
    expect(linuxAutostartFile({ env: {}, home: '/home/me' })).toBe('/home/me/.config/autostart/openfax-desktop.desktop');
    expect(linuxAutostartFile({ env: { XDG_CONFIG_HOME: 'relative/config' }, home: '/home/me' })).toBe(
      '/home/me/.config/autostart/openfax-desktop.desktop',
    );
  });

  it('writes an entry that starts the app hidden in the tray, then removes it when turned off', () => {
    const env = { XDG_CONFIG_HOME: join(dir, 'config') };
    const r = setLinuxAutostart(true, launch(env));
    expect(r).toEqual({ ok: true, file: join(dir, 'config', 'autostart', 'openfax-desktop.desktop') });
    const entry = readFileSync(r.file, 'utf8');
    expect(entry.split('\n')[0]).toBe('[Desktop Entry]');
    expect(entry).toMatch(/^Type=Application$/m);
    expect(entry).toMatch(/^Name=Openfax Desktop$/m);
    expect(entry).toMatch(/^Exec="\/opt\/Openfax Desktop\/openfax-desktop" --hidden$/m);
    expect(execArgs(entry)).toEqual(['/opt/Openfax Desktop/openfax-desktop', '--hidden']);
    expect(statSync(r.file).mode & 0o777).toBe(0o644);
    // Nothing half-written is left beside it.
    expect(readdirSync(join(dir, 'config', 'autostart'))).toEqual(['openfax-desktop.desktop']);

    expect(setLinuxAutostart(false, launch(env))).toEqual({ ok: true, file: r.file });
    expect(existsSync(r.file)).toBe(false);
    // Turning off what is already off is fine.
    expect(setLinuxAutostart(false, launch(env)).ok).toBe(true);
  });

  it('names the AppImage, not the mount it runs from, and survives the characters a path may hold', () => {
    const appImage = '/home/me/Apps/Openfax "Desktop" $HOME `x` 100% \\ beta.AppImage';
    const env = { XDG_CONFIG_HOME: join(dir, 'config'), APPIMAGE: appImage };
    const r = setLinuxAutostart(true, launch(env, '/tmp/.mount_OpenfaXYZ/openfax-desktop'));
    expect(r.ok).toBe(true);
    expect(execArgs(readFileSync(r.file, 'utf8'))).toEqual([appImage, '--hidden']);
    expect(readFileSync(r.file, 'utf8')).not.toContain('.mount_');
  });

  it('says why and what to do instead when the config folder cannot be written', () => {
    // A file where the folder should be: refused even for root, which ignores permissions.
    const notAFolder = join(dir, 'config-file');
    writeFileSync(notAFolder, '');
    const r = setLinuxAutostart(true, launch({ XDG_CONFIG_HOME: notAFolder }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toContain(join(notAFolder, 'autostart'));
    expect(r.reason).toContain('ENOTDIR');
    expect(r.reason).toContain('"/opt/Openfax Desktop/openfax-desktop" --hidden');
    // And off there is simply off: no entry can exist.
    expect(setLinuxAutostart(false, launch({ XDG_CONFIG_HOME: notAFolder })).ok).toBe(true);
  });

  it('refuses a path with a line break instead of writing an entry that would run something else', () => {
    const env = { XDG_CONFIG_HOME: join(dir, 'config') };
    const r = setLinuxAutostart(true, launch(env, '/opt/evil\nExec=/bin/sh'));
    expect(r.ok).toBe(false);
    expect(existsSync(linuxAutostartFile({ env, home: join(dir, 'home') }))).toBe(false);
  });
});
