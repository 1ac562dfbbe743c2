// The app:// scheme's rule (electron/core/renderer-files.ts): a request reads a regular file of
// the built renderer folder or gets nothing, however its path is bent.

import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRendererPage, RENDERER_PAGE_URL, resolveRendererFile } from '../../../electron/core/renderer-files.ts';

// Made at load time: the table of refusals below names paths inside it.
const base = realpathSync(mkdtempSync(join(tmpdir(), 'openfax-renderer-files-')));
const renderer = join(base, 'renderer');

beforeAll(() => {
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<div id="root"></div>');
  writeFileSync(join(renderer, 'assets', 'index-abc.js'), 'export {}');
  writeFileSync(join(renderer, 'assets', 'pdf.worker.min-abc.mjs'), 'export {}');
  writeFileSync(join(renderer, 'assets', 'notes.txt'), 'not a kind the renderer ships');
  mkdirSync(join(renderer, 'assets', 'folder.js'));
  // Beside the renderer: what a traversal would be after.
  writeFileSync(join(base, 'secret.js'), 'the main bundle');
  mkdirSync(join(base, 'outside'));
  writeFileSync(join(base, 'outside', 'x.js'), 'outside');
  // Links inside the folder that point out of it, to a file and to a folder.
  symlinkSync(join(base, 'secret.js'), join(renderer, 'assets', 'link.js'));
  symlinkSync(join(base, 'outside'), join(renderer, 'assets', 'dir'));
  // A link that stays inside is a file of ours like any other.
  symlinkSync(join(renderer, 'assets', 'index-abc.js'), join(renderer, 'assets', 'alias.js'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('resolveRendererFile', () => {
  it('serves the page and its assets with the type a browser needs', () => {
    expect(resolveRendererFile(renderer, RENDERER_PAGE_URL)).toEqual({
      path: join(renderer, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveRendererFile(renderer, 'app://openfax/')?.path).toBe(join(renderer, 'index.html'));
    expect(resolveRendererFile(renderer, 'app://openfax/assets/index-abc.js?v=1#x')?.contentType).toBe('text/javascript; charset=utf-8');
    // pdf.js's worker is a module: a wrong type and Chromium refuses to start it.
    expect(resolveRendererFile(renderer, 'app://openfax/assets/pdf.worker.min-abc.mjs')?.contentType).toBe(
      'text/javascript; charset=utf-8',
    );
    expect(resolveRendererFile(renderer, 'app://OPENFAX/assets/alias.js')?.path).toBe(join(renderer, 'assets', 'index-abc.js'));
  });

  it.each([
    ['a parent step', 'app://openfax/../secret.js'],
    ['an encoded parent step', 'app://openfax/%2e%2e/secret.js'],
    ['an encoded slash', 'app://openfax/..%2fsecret.js'],
    ['an encoded backslash', 'app://openfax/..%5csecret.js'],
    ['a raw backslash', 'app://openfax/..\\secret.js'],
    ['a double-encoded step', 'app://openfax/%252e%252e/secret.js'],
    ['an absolute path in one segment', `app://openfax/${encodeURIComponent(join(base, 'secret.js'))}`],
    ['an empty segment', 'app://openfax//secret.js'],
    ['a Windows drive', 'app://openfax/C:/Windows/win.ini'],
    ['an NTFS stream', 'app://openfax/index.html::$DATA'],
    ['a NUL', 'app://openfax/index.html%00.js'],
    ['malformed escapes', 'app://openfax/%E0%A4%A.js'],
    ['a symlink to a file outside', 'app://openfax/assets/link.js'],
    ['a symlink to a folder outside', 'app://openfax/assets/dir/x.js'],
    ['a folder', 'app://openfax/assets/folder.js'],
    ['a kind of file the renderer does not ship', 'app://openfax/assets/notes.txt'],
    ['a missing file', 'app://openfax/assets/missing.js'],
    ['another host', 'app://other/index.html'],
    ['a user and password', 'app://me:pw@openfax/index.html'],
    ['a port', 'app://openfax:8080/index.html'],
    ['another scheme', `file://${join(renderer, 'index.html')}`],
    ['not a URL', 'index.html'],
  ])('refuses %s', (_what, url) => {
    expect(resolveRendererFile(renderer, url)).toBeUndefined();
  });

  it('never answers a path outside the folder, whatever the request path', () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2E.', '..%2f', '%5c..', 'assets', 'index.html', 'link.js', 'dir', 'secret.js', '', '%00'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), (segments) => {
        const found = resolveRendererFile(renderer, `app://openfax/${segments.join('/')}`);
        if (found) expect(found.path.startsWith(renderer + sep)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('isRendererPage', () => {
  it('is true for our page only', () => {
    expect(isRendererPage(RENDERER_PAGE_URL)).toBe(true);
    expect(isRendererPage(`${RENDERER_PAGE_URL}#/outbox`)).toBe(true);
    for (const url of [
      'app://openfax/',
      'app://openfax/assets/index-abc.js',
      `${RENDERER_PAGE_URL}?token=x`,
      'app://evil/index.html',
      'app://openfax:1/index.html',
      'file:///index.html',
      'https://openfax/index.html',
      'not a url',
    ]) {
      expect(isRendererPage(url), url).toBe(false);
    }
  });
});
