// Filling is never what a merge waits for: 1,000 fills of a 2-page template with complex
// MERGEFIELDs take a few seconds (2-3 s of CPU here). The bound is on the process's CPU time,
// which other work on a loaded machine does not stretch as it does the wall clock, and leaves
// room for a slower one. OPENFAX_MERGE_FIGURES=1 prints the figures.

import { describe, expect, it } from 'vitest';
import { fillTemplate } from '../../../electron/merge/template/fill-template.ts';
import { readTemplate } from '../../../electron/merge/template/read-template.ts';
import { docxText, mergeFieldTemplate } from '../../fixtures/merge-templates.ts';

describe('fill speed', () => {
  it('1,000 fills of a 2-page MERGEFIELD template take well under 15 s of CPU, each its own row', async () => {
    const outcome = readTemplate(await mergeFieldTemplate({ simple: false, pages: 2 }), 'notice.docx');
    if (!outcome.ok) throw new Error(outcome.problem.message);
    const template = outcome.value;
    const started = performance.now();
    const cpu = process.cpuUsage();
    let last: Uint8Array | undefined;
    for (let i = 0; i < 1000; i++) {
      const filled = fillTemplate(template, {
        Name: `Dr ${i}`,
        Fax: `+1 212 555 ${String(i).padStart(4, '0')}`,
        Account: `A${i}`,
        'Patient list': `P${i}\nQ${i}`,
      });
      if (!filled.ok) throw new Error(filled.problem.message);
      last = filled.value;
    }
    const cpuSeconds = process.cpuUsage(cpu).user / 1e6;
    const wallSeconds = (performance.now() - started) / 1000;
    if (process.env.OPENFAX_MERGE_FIGURES)
      process.stdout.write(
        `1,000 fills: ${cpuSeconds.toFixed(2)} s of CPU, ${wallSeconds.toFixed(2)} s wall (${wallSeconds.toFixed(2)} ms a fill)\n`,
      );
    expect(cpuSeconds).toBeLessThan(15);
    expect(docxText(last as Uint8Array)).toContain('Dear Dr 999,');
  });
});
