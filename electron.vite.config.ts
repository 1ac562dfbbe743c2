import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

// OPENFAX_OUT_DIR lets two builds of one tree run side by side (each with its own e2e run).
const out = process.env.OPENFAX_OUT_DIR ?? 'out';

/**
 * pdf.js's 14 standard fonts (Helvetica, Times…, which a PDF may name without embedding) beside
 * the renderer, so the fax view draws them with the outlines main's fax rendering uses
 * (electron/pdf/pdfjs-loader.ts), not with whatever look-alikes the system has.
 */
function pdfjsStandardFonts(): Plugin {
  const dir = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts');
  return {
    name: 'openfax-pdfjs-standard-fonts',
    generateBundle() {
      for (const file of readdirSync(dir)) {
        this.emitFile({ type: 'asset', fileName: `pdfjs/standard_fonts/${file}`, source: readFileSync(join(dir, file)) });
      }
    },
  };
}

// Main is ESM (package "type": "module"), so ESM-only dependencies such as chokidar and
// pdfjs-dist load natively. The preload must be one self-contained CommonJS file: a
// sandboxed preload cannot `import`, and can `require` nothing but 'electron'.
export default defineConfig({
  main: {
    build: {
      outDir: `${out}/main`,
      rollupOptions: {
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
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'renderer/index.html') } },
    },
  },
});
