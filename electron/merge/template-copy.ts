// The merge's template, read back from its private copy: the same bytes the person opened
// (checked by their hash), read by the template part again so what is filled is what was shown.

import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import type { MergeRecord } from '../store/merges-repo.ts';
import type { MergeEngine } from './merge-engine.ts';
import type { MergeTemplate, Outcome } from './types.ts';

export async function loadTemplate(engine: Pick<MergeEngine, 'parts'>, record: MergeRecord): Promise<Outcome<MergeTemplate>> {
  const t = record.template;
  if (!t)
    return {
      ok: false,
      problem: { code: 'no-template', message: 'No template is open.', action: 'Drop a Word template (.docx) here, or choose one.' },
    };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(t.path));
  } catch {
    return {
      ok: false,
      problem: {
        code: 'template-gone',
        message: `The copy of “${t.name}” kept in the data folder is gone.`,
        action: 'Open the template again (a new merge), and leave out the rows already sent.',
      },
    };
  }
  if (createHash('sha256').update(bytes).digest('hex') !== t.sha256) {
    return {
      ok: false,
      problem: {
        code: 'template-changed',
        message: `The copy of “${t.name}” kept in the data folder was changed.`,
        action: 'Open the template again (a new merge), and leave out the rows already sent.',
      },
    };
  }
  return engine.parts.readTemplate(bytes, t.name);
}
