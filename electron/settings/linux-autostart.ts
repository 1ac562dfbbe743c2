// Start at login on Linux, where Electron has no login items: an XDG autostart entry
// (freedesktop.org "Desktop Application Autostart"), $XDG_CONFIG_HOME/autostart/<name>.desktop,
// which GNOME, KDE, Xfce and the rest start at login. Plain Node: the wiring passes the
// environment, the home folder and the executable.

import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

const FILE_NAME = 'openfax-desktop.desktop';

export interface LinuxAutostartPlace {
  env: Readonly<Record<string, string | undefined>>;
  home: string;
}

export interface LinuxAutostartLaunch extends LinuxAutostartPlace {
  /** The running executable (process.execPath); an AppImage runs from a mount that changes, so $APPIMAGE wins. */
  execPath: string;
  args: readonly string[];
}

export type AutostartResult = { ok: true; file: string } | { ok: false; file: string; reason: string };

/** The entry's path: $XDG_CONFIG_HOME when it is absolute (the spec ignores a relative one), else ~/.config. */
export function linuxAutostartFile({ env, home }: LinuxAutostartPlace): string {
  const configHome = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(configHome, 'autostart', FILE_NAME);
}

/** Writes the entry (on) or removes it (off); a failure says why and what to do instead. */
export function setLinuxAutostart(on: boolean, launch: LinuxAutostartLaunch): AutostartResult {
  const file = linuxAutostartFile(launch);
  const program = launch.env.APPIMAGE || launch.execPath;
  const command = [program, ...launch.args];
  if (!on) {
    try {
      rmSync(file, { force: true });
      return { ok: true, file };
    } catch (err) {
      // No folder where the entry would be: there is no entry either.
      if (errorCode(err) === 'ENOTDIR') return { ok: true, file };
      return {
        ok: false,
        file,
        reason: `Could not remove ${file} (${errorCode(err)}): delete it to stop Openfax Desktop starting at login.`,
      };
    }
  }
  if (command.some((part) => /[\n\r]/.test(part))) {
    return { ok: false, file, reason: 'The app’s path holds a line break, which a startup entry cannot name: move the app and try again.' };
  }
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    // Written beside and renamed, so the desktop never reads half an entry.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, desktopEntry(command), { mode: 0o644 });
    renameSync(partial, file);
    return { ok: true, file };
  } catch (err) {
    return {
      ok: false,
      file,
      reason:
        `Openfax Desktop could not add itself to the startup applications: ${join(file, '..')} cannot be written (${errorCode(err)}). ` +
        `Add it in your desktop’s startup settings instead, with the command ${command.map(quoteArg).join(' ')}`,
    };
  }
}

function desktopEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Openfax Desktop',
    'Comment=Starts in the tray and watches the hot folder for faxes to send',
    `Exec=${escapeValue(command.map(quoteArg).join(' '))}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** The Exec key's quoting: an argument with a reserved character is double-quoted, with " ` $ \ escaped. */
function quoteArg(arg: string): string {
  // A per cent sign starts a field code (%f, %u…); %% is a literal one, quoted or not.
  const literal = arg.replaceAll('%', '%%');
  if (literal !== '' && !/[\s"'\\><~|&;$*?#()`]/.test(literal)) return literal;
  return `"${literal.replace(/["`$\\]/g, '\\$&')}"`;
}

/** A desktop-entry string value: backslashes are escapes there, read before the Exec quoting. */
function escapeValue(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('\t', '\\t');
}

function errorCode(err: unknown): string {
  return (err as NodeJS.ErrnoException)?.code ?? (err instanceof Error ? err.message : String(err));
}
