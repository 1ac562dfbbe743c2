// Fidelity benchmark: every page of the fidelity corpus at both resolutions, our fax rendering
// and the 50% threshold it replaced, each against Ghostscript's fax output (what HylaFAX and
// most fax services print with), with the figures: ink density in 16 × 16 blocks (mean
// over inked blocks and worst block) and ink agreement within one pixel (both ways, the lower).
// Targets: mean ≤ 0.05, worst ≤ 0.25, agreement ≥ 0.97 on every page. Exits non-zero on a miss.
//
//   npx node bench/fidelity.ts        (needs gs)

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drawFaxGrid, renderFaxPage } from '../electron/pdf/fax-render.ts';
import { openPdfDocument } from '../electron/pdf/pdfjs-loader.ts';
import type { Resolution } from '../shared/domain.ts';
import { countInk, type FaxRaster } from '../shared/fax-raster.ts';
import { CORPUS, CORPUS_DIR, type CorpusCase, FIDELITY_LIMITS } from '../test/fidelity/corpus.ts';
import { ghostscriptFax } from '../test/fidelity/ghostscript.ts';
import { compareRasters, type FidelityFigures } from '../test/fidelity/metrics.ts';

/** The fax view before the halftone: the same grid, black where darker than 50% grey. */
async function thresholdRaster(
  doc: Awaited<ReturnType<typeof openPdfDocument>>,
  n: number,
  c: CorpusCase,
  resolution: Resolution,
): Promise<FaxRaster> {
  const image = await drawFaxGrid(doc, n, { paper: c.paper, resolution });
  const { width, height, data: d } = image;
  const rowBytes = Math.ceil(width / 8);
  const bits = new Uint8Array(rowBytes * height);
  for (let p = 0; p < width * height; p++) {
    const i = p * 4;
    if (0.299 * (d[i] as number) + 0.587 * (d[i + 1] as number) + 0.114 * (d[i + 2] as number) < 127.5) {
      const y = Math.floor(p / width);
      const x = p % width;
      bits[y * rowBytes + (x >> 3)] = (bits[y * rowBytes + (x >> 3)] as number) | (0x80 >> (x & 7));
    }
  }
  return { width, height, rowBytes, bits, inkRatio: countInk({ width, height, bits }) };
}

const fmt = (f: FidelityFigures) => `${f.blockMean.toFixed(3)} / ${f.blockMax.toFixed(2)} / ${f.agreement.toFixed(3)}`;

async function main(): Promise<number> {
  process.env.OPENFAX_QUIET = '1';
  let ok = true;
  console.log('document (paper, resolution): ours mean / worst / agreement | 50% threshold mean / worst / agreement');
  for (const c of CORPUS) {
    for (const resolution of ['standard', 'fine'] as Resolution[]) {
      const path = join(CORPUS_DIR, c.file);
      const reference = await ghostscriptFax(path, c.paper, resolution);
      const doc = await openPdfDocument(new Uint8Array(readFileSync(path)));
      for (let p = 1; p <= doc.numPages; p++) {
        const ref = reference[p - 1] as FaxRaster;
        const ours = compareRasters(await renderFaxPage(doc, p, { paper: c.paper, resolution }), ref);
        const before = compareRasters(await thresholdRaster(doc, p, c, resolution), ref);
        const pass =
          ours.blockMean <= FIDELITY_LIMITS.blockMean &&
          ours.blockMax <= FIDELITY_LIMITS.blockMax &&
          ours.agreement >= FIDELITY_LIMITS.agreement;
        ok &&= pass;
        console.log(`${c.file} p${p} (${c.paper}, ${resolution}): ${fmt(ours)} ${pass ? 'OK' : 'MISSED'} | ${fmt(before)}`);
      }
      await doc.destroy();
    }
  }
  return ok ? 0 : 1;
}

if (import.meta.main) process.exitCode = await main();
