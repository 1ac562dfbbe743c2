// Our fax rendering (pdf.js drawn onto the fax grid, then the shared halftone) against
// Ghostscript's fax output for every page of the corpus, at both resolutions: the figures the
// issue sets. Ghostscript is what HylaFAX and most fax services rasterise with, so it stands in
// for the recipient's machine. Needs `gs` (.ci/run installs it): skipped with the reason on a
// machine without it, failed under CI.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Resolution } from '../../shared/domain.ts';
import { renderFaxPage } from '../../electron/pdf/fax-render.ts';
import { openPdfDocument } from '../../electron/pdf/pdfjs-loader.ts';
import { CORPUS, CORPUS_DIR, FIDELITY_LIMITS } from './corpus.ts';
import { ghostscriptFax } from './ghostscript.ts';
import { compareRasters } from './metrics.ts';

function hasGhostscript(): boolean {
  try {
    execFileSync('gs', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const gs = hasGhostscript();
if (!gs && process.env.CI) throw new Error('Ghostscript (gs) is missing: .ci/run installs it, and the fidelity test needs it under CI.');
const suite = gs ? describe : describe.skip;
const figures: string[] = [];

suite('fax view fidelity against Ghostscript tiffg4 (1728 dots across, 98/196 lines an inch)', () => {
  for (const c of CORPUS) {
    for (const resolution of ['standard', 'fine'] as Resolution[]) {
      it(`${c.file} on ${c.paper}, ${resolution}`, async () => {
        const path = join(CORPUS_DIR, c.file);
        const reference = await ghostscriptFax(path, c.paper, resolution);
        const doc = await openPdfDocument(new Uint8Array(readFileSync(path)));
        try {
          expect(doc.numPages).toBe(reference.length);
          for (let p = 1; p <= doc.numPages; p++) {
            const ours = await renderFaxPage(doc, p, { paper: c.paper, resolution });
            const f = compareRasters(ours, reference[p - 1] as (typeof reference)[number]);
            figures.push(
              `${c.file} p${p} ${c.paper} ${resolution}: mean ${f.blockMean.toFixed(4)} max ${f.blockMax.toFixed(3)} agreement ${f.agreement.toFixed(4)}`,
            );
            expect(f.blockMean, `mean block density difference, page ${p}`).toBeLessThanOrEqual(FIDELITY_LIMITS.blockMean);
            expect(f.blockMax, `worst block density difference, page ${p}`).toBeLessThanOrEqual(FIDELITY_LIMITS.blockMax);
            expect(f.agreement, `ink agreement within one pixel, page ${p}`).toBeGreaterThanOrEqual(FIDELITY_LIMITS.agreement);
          }
        } finally {
          await doc.destroy();
        }
      });
    }
  }
  afterAll(() => {
    if (process.env.OPENFAX_FIDELITY_FIGURES) process.stdout.write(`${figures.join('\n')}\n`);
  });
});
