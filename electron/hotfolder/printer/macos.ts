// macOS: "Send with Openfax" in the PDF menu of every print dialog. macOS runs an executable
// in ~/Library/PDF Services with (title, options, path of the printed PDF); ours copies it into
// the hot folder under a hidden temporary name, then renames it to a unique visible one, so the
// hot folder never sees half a file even when the two are on different volumes.

import { posix } from 'node:path';
import type { PrinterPlan, PrinterSetupOptions, StatusCheck } from './plan.ts';

const MAC_SERVICE_NAME = 'Send with Openfax';

export function macServicePath(homeDir: string): string {
  return posix.join(homeDir, 'Library', 'PDF Services', MAC_SERVICE_NAME);
}

/** POSIX shell single-quoted literal. */
export function shQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function macServiceScript(hotFolder: string): string {
  return `#!/bin/sh
# Installed by Openfax Desktop ("Send with Openfax" in the PDF menu of the print dialog).
# macOS passes: $1 the document title, $2 print options, $3 the printed PDF.
# Remove it from Openfax's settings, or delete this file.
HOT=${shQuote(hotFolder)}
pdf="$3"
[ -n "$pdf" ] && [ -f "$pdf" ] || { echo "Openfax: no PDF was given" >&2; exit 1; }
mkdir -p "$HOT" || exit 1
title=$(printf '%s' "$1" | sed 's/\\.[Pp][Dd][Ff]$//' | tr -c 'A-Za-z0-9 ._()+-' '_' | cut -c1-80)
case "$title" in ''|.*) title="Document$title" ;; esac
stamp=$(date +%Y%m%d-%H%M%S)
tmp="$HOT/.openfax-$$.part"
cp "$pdf" "$tmp" || { rm -f "$tmp"; exit 1; }
final="$HOT/$title $stamp.pdf"
n=1
while [ -e "$final" ]; do n=$((n + 1)); final="$HOT/$title $stamp ($n).pdf"; done
mv "$tmp" "$final" || { rm -f "$tmp"; exit 1; }
rm -f "$pdf"
exit 0
`;
}

export function macInstallPlan(options: PrinterSetupOptions): PrinterPlan {
  const path = macServicePath(options.homeDir);
  return {
    title: `Set up "${MAC_SERVICE_NAME}"`,
    steps: [
      { kind: 'mkdir', explain: `Make sure the Openfax folder exists: ${options.hotFolder}`, path: options.hotFolder },
      { kind: 'mkdir', explain: 'Make sure your PDF Services folder exists (~/Library/PDF Services)', path: posix.dirname(path) },
      {
        kind: 'write-file',
        explain: `Add "${MAC_SERVICE_NAME}" to the PDF menu of the print dialog; it puts the PDF into the Openfax folder`,
        path,
        content: macServiceScript(options.hotFolder),
        mode: 0o755,
      },
      { kind: 'note', explain: `Print from any program, open the PDF menu at the bottom left and choose "${MAC_SERVICE_NAME}".` },
    ],
  };
}

export function macRemovePlan(options: PrinterSetupOptions): PrinterPlan {
  return {
    title: `Remove "${MAC_SERVICE_NAME}"`,
    steps: [
      { kind: 'remove-file', explain: `Remove "${MAC_SERVICE_NAME}" from the PDF menu`, path: macServicePath(options.homeDir) },
      { kind: 'note', explain: 'The Openfax folder and anything in it are left as they are.' },
    ],
  };
}

export function macStatusChecks(options: PrinterSetupOptions): StatusCheck[] {
  return [
    {
      explain: `"${MAC_SERVICE_NAME}" is in the PDF menu and delivers to ${options.hotFolder}`,
      probe: { kind: 'file-equals', path: macServicePath(options.homeDir), content: macServiceScript(options.hotFolder) },
    },
  ];
}
