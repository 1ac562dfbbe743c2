// The `app://openfax/` scheme the window's page is served from. Which file a URL may read is
// decided in core/renderer-files.ts; this file only tells Electron about the scheme and answers
// its requests.

import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { protocol } from 'electron';
import { APP_SCHEME, pagePolicy, type RendererFile, rendererPolicies, resolveRendererFile } from '../core/renderer-files.ts';
import { createLogger } from '../core/logger.ts';

const log = createLogger('app-protocol');

/**
 * Must run before the app is ready (Electron reads privileges once, at start). Standard: relative
 * URLs, a real origin and web storage work as on https. Secure: a secure context. Fetch: pdf.js
 * fetches its worker. Not bypassCSP: the page's own CSP still governs everything it loads.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * Answers app:// requests from the built renderer folder, each file with its page's policy;
 * `serves` narrows which files (the built-in converter's own session serves its page alone).
 */
export function rendererHandler(
  rendererDir: string,
  serves: (file: RendererFile) => boolean = () => true,
): (request: Request) => Promise<Response> {
  const policy = pagePolicy(readFileSync(join(rendererDir, 'index.html'), 'utf8'));
  // A build without its policy is not one to serve: fail at start, where it is seen.
  if (!policy) throw new Error('The built renderer page has no Content-Security-Policy.');
  const policyOf = rendererPolicies(rendererDir);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const file = resolveRendererFile(rendererDir, request.url);
    if (!file || !serves(file)) {
      // The path may name a person's file a hostile page probed for; the log keeps only that it happened.
      log.warn('refused a request outside the renderer');
      return notFound();
    }
    try {
      // Read, not streamed: the largest file is pdf.js's worker (about 1 MB), and a read inside
      // app.asar is checked against the archive's integrity hashes by Electron.
      const body = request.method === 'HEAD' ? null : await readFile(file.path);
      return new Response(body, {
        headers: {
          'Content-Type': file.contentType,
          'Content-Security-Policy': policyOf(file) ?? policy,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-store',
        },
      });
    } catch {
      return notFound();
    }
  };
}

/** Serves the built renderer folder on the scheme; the disposer removes the handler. */
export function setupAppProtocol(rendererDir: string): () => void {
  protocol.handle(APP_SCHEME, rendererHandler(rendererDir));
  return () => protocol.unhandle(APP_SCHEME);
}
