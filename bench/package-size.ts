// Package size benchmark: packages the app as a release would (electron-builder --linux dir,
// against the stand-in Electron of test/packaging) and reports what a user downloads beside
// Electron itself: app.asar, app.asar.unpacked, and what each is made of.
// Targets: app.asar under 15 MB; unpacked files only for native addons. Exits non-zero when
// one is missed. Before main's dependencies were bundled: 49 MB app.asar + 36 MB unpacked.
//
//   npx electron-vite build && npx node bench/package-size.ts

import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { nativeProblems, packageOf, readAsar } from '../test/packaging/asar-contents.ts';
import { packageApp } from '../test/packaging/package-app.ts';

const MB = 1024 * 1024;
const ASAR_TARGET_MB = 15;

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

const app = await packageApp();
const listing = readAsar(app.asar);
const asarBytes = statSync(app.asar).size;
const unpackedBytes = folderBytes(`${app.asar}.unpacked`);
// What the archive's bytes are made of: the app's own bundles and each packaged package.
const parts = new Map<string, number>();
for (const file of listing.files) {
  if (listing.unpacked.has(file)) continue;
  const part = packageOf(file) ?? file.split('/').slice(0, 2).join('/');
  parts.set(part, (parts.get(part) ?? 0) + listing.read(file).length);
}
const unpackedParts = new Map<string, number>();
for (const file of listing.unpacked) {
  const part = packageOf(file) ?? file;
  unpackedParts.set(part, (unpackedParts.get(part) ?? 0) + statSync(join(`${app.asar}.unpacked`, file)).size);
}
const mb = (n: number) => `${(n / MB).toFixed(1)} MB`;
const table = (m: Map<string, number>) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .filter(([, n]) => n >= 0.05 * MB)
    .map(([k, n]) => `    ${k.padEnd(48)} ${mb(n)}`)
    .join('\n');
const problems = nativeProblems(listing);
console.log(`packaged in ${app.seconds.toFixed(1)} s`);
console.log(`app.asar: ${mb(asarBytes)} (target < ${ASAR_TARGET_MB} MB; before: 49 MB)\n${table(parts)}`);
console.log(`app.asar.unpacked: ${mb(unpackedBytes)} (before: 36 MB)\n${table(unpackedParts)}`);
console.log(problems.length ? `unpacked files that are not native addons:\n  ${problems.join('\n  ')}` : 'unpacked: native addons only');
rmSync(app.work, { recursive: true, force: true });
if (asarBytes >= ASAR_TARGET_MB * MB || problems.length) process.exit(1);
