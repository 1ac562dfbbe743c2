// What a packaged app must hold, checked from its app.asar and app.asar.unpacked the way
// Electron reads them. Each check answers the problems it found, in words, so a test shows
// every problem of a package at once.

import { builtinModules } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as asar from '@electron/asar';
import { parse } from 'acorn';
import * as walk from 'acorn-walk';

export interface AsarListing {
  /** Every file in the archive, without the leading slash ('out/main/index.js'). */
  files: string[];
  /** The files electron-builder put beside the archive in app.asar.unpacked. */
  unpacked: Set<string>;
  read(file: string): Buffer;
}

export function readAsar(archive: string): AsarListing {
  const files: string[] = [];
  const unpacked = new Set<string>();
  for (const entry of asar.listPackage(archive, { isPack: false })) {
    const path = entry.replace(/^[/\\]/, '').replaceAll('\\', '/');
    const stat = asar.statFile(archive, path, false) as { files?: unknown; size?: number; unpacked?: boolean; link?: string };
    if (stat.files || stat.link) continue; // a folder or a link
    files.push(path);
    if (stat.unpacked) unpacked.add(path);
  }
  return {
    files,
    unpacked,
    read: (file) => (unpacked.has(file) ? readFileSync(join(`${archive}.unpacked`, file)) : asar.extractFile(archive, file)),
  };
}

/** The package a path inside node_modules belongs to ('node_modules/@img/sharp-linux-x64/lib/x' → its folder). */
export function packageOf(path: string): string | undefined {
  const m = path.match(/^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//);
  return m?.[1];
}
const packageName = (dir: string) => dir.replace(/^.*node_modules\//, '');

const NATIVE_FILE = /\.(node|dll|dylib)$|\.so(\.\d+)*$/;
/**
 * What one bundle file asks the module loader for, read from its syntax tree (text search would
 * also find `require("x")` inside strings and comments): static imports and re-exports,
 * `import("x")`, and calls of a require: the bundler's `__require` (or `__require$1`), one made
 * on the spot (`createRequire(import.meta.url)("x")`, as pdf.js does), and `.resolve("x")` on
 * either. An `import()` of a computed name (pdf.js's worker URL) names no package.
 */
function specifiersOf(code: string): string[] {
  const found: string[] = [];
  const literal = (node: unknown) => {
    const n = node as { type?: string; value?: unknown } | null | undefined;
    if (n?.type === 'Literal' && typeof n.value === 'string') found.push(n.value);
  };
  type Node = { type: string; name?: string; callee?: Node; object?: Node; property?: Node; source?: unknown; arguments?: unknown[] };
  const isCreateRequire = (callee: Node | undefined): boolean =>
    (callee?.type === 'Identifier' && callee.name === 'createRequire') ||
    (callee?.type === 'MemberExpression' && callee.property?.name === 'createRequire');
  const isRequire = (callee: Node | undefined): boolean =>
    !!callee &&
    ((callee.type === 'Identifier' && /^_*require(\$\d+)?$/.test(callee.name ?? '')) ||
      (callee.type === 'CallExpression' && isCreateRequire(callee.callee)));
  walk.full(parse(code, { ecmaVersion: 'latest', sourceType: 'module' }), (node) => {
    const n = node as unknown as Node;
    if (n.type === 'ImportDeclaration' || n.type === 'ExportAllDeclaration' || n.type === 'ExportNamedDeclaration') literal(n.source);
    else if (n.type === 'ImportExpression') literal(n.source);
    else if (n.type === 'CallExpression' && isRequire(n.callee)) literal(n.arguments?.[0]);
    else if (
      n.type === 'CallExpression' &&
      n.callee?.type === 'MemberExpression' &&
      n.callee.property?.name === 'resolve' &&
      isRequire(n.callee.object)
    ) {
      literal(n.arguments?.[0]);
    }
  });
  return found;
}

/**
 * Packages the bundle names but the app never loads, each with why; runtimeImports leaves them
 * out, and the packaging test checks the bundle still names each (so this list cannot rot).
 */
export const NAMED_NOT_LOADED: Readonly<Record<string, string>> = {
  'node-readable-to-web-readable-stream': "pdf.js reads a URL or a Node stream with it; the app hands pdf.js the document's bytes",
  'pdfjs-dist': 'run from source only: the bundle reads the standard fonts copied beside it (out/main/pdfjs)',
};

const importsOf = new WeakMap<AsarListing, string[]>();

/** The packages main's bundle (every .js file under out/main) names, loaded or not. */
export function bundleImports(listing: AsarListing): string[] {
  const known = importsOf.get(listing);
  if (known) return known;
  const found = new Set<string>();
  for (const file of listing.files.filter((f) => /^out\/main\/[^/]+\.js$/.test(f))) {
    for (const spec of specifiersOf(listing.read(file).toString('utf8'))) {
      if (spec.startsWith('.') || spec.startsWith('/') || spec === 'electron' || spec.startsWith('node:')) continue;
      if (builtinModules.includes(spec.split('/')[0])) continue;
      found.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    }
  }
  const sorted = [...found].sort();
  importsOf.set(listing, sorted);
  return sorted;
}

/** The packages main's bundle loads at run time. */
export function runtimeImports(listing: AsarListing): string[] {
  return bundleImports(listing).filter((name) => !(name in NAMED_NOT_LOADED));
}

/** The app's own files: the built main (and the PDF check's child), preload and renderer. */
export function missingAppFiles(listing: AsarListing): string[] {
  const needed = [
    'package.json',
    'out/main/index.js',
    'out/main/pdf-inspector-child.js',
    'out/main/pdfjs/standard_fonts/LiberationSans-Regular.ttf',
    'out/preload/index.cjs',
    'out/renderer/index.html',
    'out/renderer/icon.png',
    'out/renderer/tray.png',
  ];
  const problems = needed.filter((f) => !listing.files.includes(f)).map((f) => `${f} is not in app.asar`);
  const html = listing.files.includes('out/renderer/index.html') ? listing.read('out/renderer/index.html').toString('utf8') : '';
  for (const [, src] of html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)) {
    if (!listing.files.includes(`out/renderer/${src}`)) problems.push(`the page's ${src} is not in app.asar`);
  }
  return problems;
}

/**
 * Every package main loads, and every dependency of every packaged package, is in the archive
 * where Node's lookup finds it. `installed` is the tree's node_modules, which says which
 * optional packages exist on this platform at all.
 */
export function missingRuntimePackages(listing: AsarListing, installed: string): string[] {
  const packages = new Set(listing.files.map(packageOf).filter((p): p is string => !!p));
  const problems: string[] = [];
  const findFrom = (from: string, name: string) => {
    for (let at = from; ; at = dirname(at)) {
      const dir = at === '.' ? `node_modules/${name}` : `${at}/node_modules/${name}`;
      if (packages.has(dir)) return dir;
      if (at === '.' || at === '') return undefined;
    }
  };
  for (const name of runtimeImports(listing)) {
    if (!packages.has(`node_modules/${name}`)) problems.push(`main loads ${name}, which is not in the package`);
  }
  for (const dir of packages) {
    const manifest = `${dir}/package.json`;
    if (!listing.files.includes(manifest)) continue;
    const pkg = JSON.parse(listing.read(manifest).toString('utf8')) as { dependencies?: object; optionalDependencies?: object };
    for (const dep of Object.keys(pkg.dependencies ?? {})) {
      if (!findFrom(dir, dep)) problems.push(`${packageName(dir)} needs ${dep}, which is not in the package`);
    }
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) {
      // Another platform's build is not installed here, and rightly not packaged.
      if (existsSync(join(installed, dep, 'package.json')) && !findFrom(dir, dep)) {
        problems.push(`${packageName(dir)} needs ${dep} on this platform, which is not in the package`);
      }
    }
  }
  return problems;
}

/** The packages (their folders, 'node_modules/…') in the archive. */
export function packagedPackages(listing: AsarListing): string[] {
  return [...new Set(listing.files.map(packageOf).filter((p): p is string => !!p))].sort();
}

/**
 * The packages package-lock.json says the app runs with: every entry npm did not mark as for
 * development, less the optional ones this platform did not install (another platform's build).
 * The archive must hold exactly these: a package more is something dev that leaked in (a
 * direct devDependency or one of theirs), a package less is a runtime one left out.
 */
export function lockedRuntimePackages(lockFile: string, projectDir: string): string[] {
  const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean; optional?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path && !entry.dev && !entry.devOptional)
    .filter(([path, entry]) => !entry.optional || existsSync(join(projectDir, path, 'package.json')))
    .map(([path]) => path)
    .sort();
}

/** Nothing the package does not need: devDependencies, tests, source maps, TypeScript sources. */
export function unwantedFiles(listing: AsarListing, devDependencies: string[]): string[] {
  const problems = new Set<string>();
  for (const file of listing.files) {
    const pkg = packageOf(file);
    if (pkg && devDependencies.includes(packageName(pkg))) problems.add(`devDependency ${packageName(pkg)} is in the package`);
    if (/\.map$/.test(file)) problems.add(`source map ${file}`);
    if (/\.(ts|mts|cts|tsx)$/.test(file)) problems.add(`TypeScript source ${file}`);
    if (/(^|\/)(test|tests|__tests__)\//.test(file)) problems.add(`test file ${file}`);
  }
  return [...problems];
}

/**
 * Native files must be real files beside the archive (the OS cannot load a library from inside
 * it); the only other files there are sharp's loader, which its Electron notes ask for.
 */
export function nativeProblems(listing: AsarListing): string[] {
  const problems: string[] = [];
  const native = listing.files.filter((f) => NATIVE_FILE.test(f));
  if (!native.length) problems.push('no native files at all: the keychain addon should be there');
  for (const file of native) if (!listing.unpacked.has(file)) problems.push(`native file ${file} is inside app.asar`);
  const nativePackages = new Set(native.map(packageOf));
  for (const file of listing.unpacked) {
    const pkg = packageOf(file);
    if (!nativePackages.has(pkg) && pkg !== 'node_modules/sharp') problems.push(`${file} is unpacked but is not part of a native addon`);
  }
  return problems;
}
