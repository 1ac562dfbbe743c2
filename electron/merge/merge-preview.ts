// One row's fax before anything is sent: filled, converted with the merge's converter, its
// cover in front (made by the same code as the send's, row-document.ts), with its page count
// against the template's. Kept for the same row values, options and converter, so stepping
// back to a row already seen is immediate.

import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { MergeOptions, MergePreview } from '../../shared/ipc/contract/merge.ts';
import { formatFaxNumber } from '../../shared/fax-number.ts';
import { privateDir } from '../core/private-files.ts';
import { writeFileAtomic } from '../pdf/write-atomic.ts';
import type { MergeRecord } from '../store/merges-repo.ts';
import type { MergeEngine } from './merge-engine.ts';
import { previewDir, rowStem } from './merge-files.ts';
import { makeRowFax } from './row-document.ts';
import { loadTemplate } from './template-copy.ts';
import type { CheckedRow, ConverterId, DocxConverter, MergeProblem } from './types.ts';

const KEPT = 8;

export class PreviewProblem extends Error {
  readonly problem: MergeProblem;
  constructor(problem: MergeProblem) {
    super(problem.message);
    this.problem = problem;
  }
}

export interface Previews {
  preview(
    record: MergeRecord,
    row: CheckedRow,
    options: MergeOptions,
    converter: ConverterId,
  ): Promise<MergePreview & { faxPages: number }>;
  /** Drops a merge's previews and its converter (its template or choices changed, or it closed). */
  forget(mergeId: string): Promise<void>;
  dispose(): Promise<void>;
}

export function createPreviews(engine: MergeEngine): Previews {
  const kept = new Map<string, MergePreview & { faxPages: number; mergeId: string }>();
  let converter: { key: string; converter: DocxConverter } | undefined;

  async function converterFor(mergeId: string, id: ConverterId): Promise<DocxConverter> {
    const key = `${mergeId}:${id}`;
    if (converter?.key === key) return converter.converter;
    await dropConverter();
    const dir = join(previewDir(engine.dataDir, mergeId), 'converter');
    await privateDir(dir);
    converter = { key, converter: engine.parts.createConverter(id, { ...engine.converterOptions, workDir: dir }) };
    return converter.converter;
  }

  async function dropConverter(): Promise<void> {
    const c = converter;
    converter = undefined;
    await c?.converter.dispose().catch((err) => engine.log.warn('the preview converter could not clean up', err));
  }

  return {
    async preview(record, row, options, converterId) {
      const t = record.template;
      if (!t)
        throw new PreviewProblem({ code: 'no-template', message: 'No template is open.', action: 'Drop a Word template (.docx) here.' });
      const key = createHash('sha256')
        .update(JSON.stringify([record.id, t.sha256, row.values, row.display, row.toHeader ?? null, options, converterId]))
        .digest('hex');
      const hit = kept.get(key);
      if (hit) {
        kept.delete(key);
        kept.set(key, hit);
        const { mergeId: _, ...preview } = hit;
        return { ...preview, row: row.row };
      }
      const steps = 3;
      engine.progress(record.id, 'Filling', 0, steps);
      const template = await loadTemplate(engine, record);
      if (!template.ok) throw new PreviewProblem(template.problem);
      const filled = await engine.parts.fillTemplate(template.value, row.values);
      if (!filled.ok) throw new PreviewProblem(filled.problem);
      const conv = await converterFor(record.id, converterId);
      const dir = previewDir(engine.dataDir, record.id);
      await privateDir(dir);
      const stem = join(dir, rowStem(row.row));
      const item = { docxPath: `${stem}.docx`, pdfPath: `${stem}.pdf` };
      try {
        await writeFileAtomic(item.docxPath, filled.value);
        engine.progress(record.id, `Converting with ${conv.info.label}`, 1, steps);
        let problem: MergeProblem | undefined;
        let made = false;
        for await (const r of conv.convert([item], AbortSignal.timeout(10 * 60_000))) {
          if (r.ok) made = true;
          else problem = r.problem;
        }
        if (!made) {
          throw new PreviewProblem(
            problem ?? { code: 'converter-no-result', message: `${conv.info.label} gave no PDF.`, action: 'Pick another converter.' },
          );
        }
        engine.progress(record.id, options.cover.enabled ? 'Adding the cover page' : 'Counting the pages', 2, steps);
        const fax = await makeRowFax({
          pdfPath: item.pdfPath,
          cover: options.cover,
          values: row.values,
          display: row.number ? formatFaxNumber(row.number) : row.display,
          toHeader: row.toHeader,
          fromHeader: options.fromHeader,
          paperSize: options.paperSize,
          fallbackPaper: engine.settings().paperSize,
          date: new Date(engine.now()),
        });
        const mismatch = engine.parts.pageMismatch(template.value.pages, fax.documentPages);
        const out = {
          row: row.row,
          dataBase64: Buffer.from(fax.bytes).toString('base64'),
          pages: fax.pages,
          converter: converterId,
          ...(mismatch ? { pageMismatch: mismatch } : {}),
          faxPages: fax.pages,
        };
        kept.set(key, { ...out, mergeId: record.id });
        while (kept.size > KEPT) kept.delete(kept.keys().next().value as string);
        engine.progress(record.id, 'Ready', steps, steps);
        return out;
      } finally {
        for (const p of [item.docxPath, item.pdfPath]) await rm(p, { force: true }).catch(() => undefined);
      }
    },
    async forget(mergeId) {
      for (const [k, v] of kept) if (v.mergeId === mergeId) kept.delete(k);
      if (converter?.key.startsWith(`${mergeId}:`)) await dropConverter();
    },
    async dispose() {
      kept.clear();
      await dropConverter();
    },
  };
}
