// The app window's page is served from `app://openfax/`, a privileged standard scheme of our own
// (electron/wiring/app-protocol.ts), not from file://: a file:// page shares its origin with
// every file on the disk, and Electron grants it more than a browser would. This module is the
// rule for that scheme: which URL is our page, and which file (if any) a request may read. It
// refuses anything that is not a regular file inside the built renderer folder.

import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, join, sep } from 'node:path';

export const APP_SCHEME = 'app';
const APP_HOST = 'openfax';
/** The page the window loads; also the only URL whose frames may call main. */
export const RENDERER_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

// The built renderer holds only these kinds of file (Vite's output, pdf.js's worker, icons).
// Anything else is not ours to serve, so it gets a 404 rather than a guessed type.
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
};

/**
 * The page's Content-Security-Policy, read from its own `<meta http-equiv>` (index.html is its
 * one source). The scheme sends it as a header too: a meta tag governs the page only, and a
 * worker (pdf.js's) takes its policy from the response that carried its script.
 */
export function pagePolicy(html: string): string | undefined {
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
  return meta?.[1]?.replace(/\s+/g, ' ').trim();
}

/**
 * The policy each file of the built renderer is served with: a page (index.html, the built-in
 * converter's docx-print.html) with its own, anything else with index.html's (a worker takes its
 * policy from its script's response), and a page that states none with index.html's. Undefined
 * when index.html states none.
 */
export function rendererPolicies(rendererDir: string): (file: RendererFile) => string | undefined {
  const root = realpathSync(rendererDir);
  const pages = new Map<string, string | undefined>();
  for (const name of readdirSync(root)) {
    if (extname(name).toLowerCase() !== '.html') continue;
    const path = realpathSync(join(root, name));
    pages.set(path, pagePolicy(readFileSync(path, 'utf8')));
  }
  const main = pages.get(join(root, 'index.html'));
  return (file) => pages.get(file.path) ?? main;
}

export interface RendererFile {
  path: string;
  contentType: string;
}

/**
 * The URL as ours, or undefined: scheme `app:`, host `openfax`, and no user, password or port.
 * Node's URL treats `app:` as a non-special scheme (origin "null", host kept as typed), so the
 * parts are compared one by one rather than by origin.
 */
function parseAppUrl(url: string): URL | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const ours = u.protocol === `${APP_SCHEME}:` && u.hostname.toLowerCase() === APP_HOST && !u.port && !u.username && !u.password;
  return ours ? u : undefined;
}

/** The path of a URL of ours (`app://openfax/…`), or undefined for any other URL. */
export function appUrlPath(url: string): string | undefined {
  return parseAppUrl(url)?.pathname;
}

/** True for our page itself (a `#fragment` allowed, a query not): navigation and IPC senders use it. */
export function isRendererPage(url: string): boolean {
  const u = parseAppUrl(url);
  return !!u && u.pathname === '/index.html' && u.search === '';
}

/** The path's segments, decoded; undefined when one could step out of the folder or name a stream. */
function safeSegments(pathname: string): string[] | undefined {
  const raw = pathname === '/' ? ['index.html'] : pathname.slice(1).split('/');
  const segments: string[] = [];
  for (const part of raw) {
    let name: string;
    try {
      name = decodeURIComponent(part);
    } catch {
      return undefined;
    }
    // `%2e%2e`, `%2f`, `%5c` and `..\` survive URL parsing undecoded; a drive (`C:`) or an NTFS
    // stream (`a.js:x`) has a colon; a NUL ends a C string early. None names a file of ours.
    if (name === '' || name === '.' || name === '..' || /[/\\:\0]/.test(name)) return undefined;
    segments.push(name);
  }
  return segments;
}

/** True when `path` is `root` or inside it. */
function within(root: string, path: string): boolean {
  return path === root || path.startsWith(root + sep);
}

/**
 * The file a request for `url` reads from `rendererDir`, with its content type; undefined (a 404)
 * for a URL not ours, a path that leaves the folder (also through a symlink), a folder, a
 * missing file or a kind of file the renderer does not ship.
 */
export function resolveRendererFile(rendererDir: string, url: string): RendererFile | undefined {
  const u = parseAppUrl(url);
  return u && rendererFileAt(rendererDir, u.pathname);
}

/** The same rule for a URL's path alone (the browser host serves the folder over http). */
export function rendererFileAt(rendererDir: string, pathname: string): RendererFile | undefined {
  const segments = safeSegments(pathname);
  if (!segments) return undefined;
  const contentType = CONTENT_TYPES[extname(segments.at(-1) ?? '').toLowerCase()];
  if (!contentType) return undefined;
  try {
    const root = realpathSync(rendererDir);
    const path = realpathSync(join(root, ...segments));
    if (!within(root, path) || path === root || !statSync(path).isFile()) return undefined;
    return { path, contentType };
  } catch {
    // Missing (ENOENT), not a folder on the way (ENOTDIR), a symlink loop (ELOOP): not found.
    return undefined;
  }
}
