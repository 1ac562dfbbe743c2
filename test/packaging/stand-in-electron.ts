// A stand-in for Electron's Linux release folder, which cannot be downloaded here: what
// electron-builder copies and renames (the `electron` executable), with Electron's fuse wire in
// it so electron-builder's fuse step runs for real and the flipped fuses can be read back.

import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** @electron/fuses' marker; the wire follows it: version 1, length, one byte a fuse. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/**
 * Electron's own defaults, in @electron/fuses' FuseV1Options order: RunAsNode on, cookie
 * encryption off, NODE_OPTIONS on, --inspect on, ASAR integrity off, only-from-asar off, the
 * browser V8 snapshot off, file:// privileges on. '1' is on, '0' off.
 */
const ELECTRON_DEFAULT_FUSES = '10110001';

/** Writes the stand-in into `dir` and answers `dir`, for `-c.electronDist`. */
export function makeStandInElectron(dir: string, version: string): string {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const script = `#!/bin/sh\necho "Electron stand-in: no Electron binary could be downloaded here" >&2\nexit 1\n`;
  const wire = Buffer.concat([
    Buffer.from(`${script}# ${FUSE_SENTINEL}`),
    Buffer.from([1, ELECTRON_DEFAULT_FUSES.length]),
    Buffer.from(`${ELECTRON_DEFAULT_FUSES}\n`),
  ]);
  writeFileSync(join(dir, 'electron'), wire);
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in for the Electron license\n');
  writeFileSync(join(dir, 'version'), `${version}\n`);
  return dir;
}
