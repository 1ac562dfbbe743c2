import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

// OPENFAX_OUT_DIR lets two builds of one tree run side by side (each with its own e2e run).
const out = process.env.OPENFAX_OUT_DIR ?? 'out';

/**
 * The packages main's bundle leaves to `require`, because they cannot be bundled: native addons
 * (a .node file, and sharp's libvips beside it) that the OS loads from app.asar.unpacked.
 * package.json's `dependencies` are exactly these (test/packaging checks it), so they are all
 * electron-builder copies into the package; everything else main uses is bundled into out/main.
 */
const NATIVE_PACKAGES = ['@napi-rs/keyring', '@napi-rs/canvas', 'sharp'];
const nativeImports = NATIVE_PACKAGES.map((p) => new RegExp(`^${p.replace('/', '\\/')}(/|$)`));

/**
 * pdf.js's 14 standard fonts (Helvetica, Times…, which a PDF may name without embedding) beside
 * the renderer and beside main's bundle, so the fax view and main's fax rendering
 * (electron/pdf/pdfjs-loader.ts) draw them with the same outlines, never with whatever
 * look-alikes the system has. Main's copy is what lets pdf.js be bundled: nothing is read from
 * node_modules at run time.
 */
function pdfjsStandardFonts(): Plugin {
  const dir = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts');
  return {
    name: 'openfax-pdfjs-standard-fonts',
    generateBundle() {
      for (const file of readdirSync(dir)) {
        if (!statSync(join(dir, file)).isFile()) continue;
        this.emitFile({ type: 'asset', fileName: `pdfjs/standard_fonts/${file}`, source: readFileSync(join(dir, file)) });
      }
    },
  };
}

// Main is ESM (package "type": "module"). Its JavaScript dependencies (chokidar, pdf-lib, pdf.js,
// zod, electron-updater…) are bundled into it, so the package carries one copy of each and no
// node_modules beyond the native addons. The preload must be one self-contained CommonJS file:
// a sandboxed preload cannot `import`, and can `require` nothing but 'electron'.
export default defineConfig({
  main: {
    plugins: [pdfjsStandardFonts()],
    build: {
      outDir: `${out}/main`,
      externalizeDeps: false,
      rollupOptions: {
        external: ['electron', /^node:/, ...builtinModules, ...nativeImports],
        // The PDF check's child (a utility process in Electron) is a file of its own;
        // pdf/pdf-inspector.ts finds it beside whichever file of the bundle it ends up in, so
        // every chunk the two entries share is kept in the same folder (no chunks/ subfolder).
        input: {
          index: resolve(import.meta.dirname, 'electron/main.ts'),
          'pdf-inspector-child': resolve(import.meta.dirname, 'electron/pdf/inspector-child.ts'),
        },
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: `${out}/preload`,
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react(), pdfjsStandardFonts()],
    build: {
      outDir: `${out}/renderer`,
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'renderer/index.html'),
          // The built-in DOCX converter's page (renderer/src/docx-print/): docx-preview only, never the app's bundle.
          'docx-print': resolve(import.meta.dirname, 'renderer/docx-print.html'),
        },
      },
    },
  },
});
