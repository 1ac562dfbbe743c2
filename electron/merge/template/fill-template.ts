// One row's document: the normalized template with each {{tag}} replaced by the row's value.
// docxtemplater escapes the text and turns line breaks into Word's; a field the row lacks is a
// problem naming it, never an empty gap in a fax. A docxtemplater instance renders once, so each
// fill makes a new one on a fresh PizZip of the normalized bytes, whose XML parts are stored
// uncompressed so nothing is inflated or deflated per fill: about 2-3 ms of CPU for a two-page
// template (test/electron/merge/template-speed.test.ts measures 1,000).

import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import type { MergeTemplate, Outcome } from '../types.ts';
import { packageBytes } from './open-package.ts';
import { templateProblem } from './template-problems.ts';
import { describeTemplateError, TEMPLATE_OPTIONS } from './template-tags.ts';

/** Fills the template with one row's values (field name → text); gives the .docx's bytes. */
export function fillTemplate(template: MergeTemplate, values: Record<string, string>): Outcome<Uint8Array> {
  const missing = template.fields.filter((field) => !Object.hasOwn(values, field) || typeof values[field] !== 'string');
  if (missing.length > 0) return { ok: false, problem: missingFields(missing) };

  const data: Record<string, string> = Object.create(null);
  for (const field of template.fields) data[field] = (values[field] as string).replace(/\r\n?/g, '\n');

  // A tag with no value here would be filled with nothing: named instead. Every template field
  // has a value by now, so this only catches a template whose fields list is not its own.
  const unfilled = new Set<string>();
  try {
    const doc = new Docxtemplater(new PizZip(template.normalized), {
      ...TEMPLATE_OPTIONS,
      nullGetter(part) {
        unfilled.add(part.value.trim());
        return '';
      },
    });
    doc.render(data);
    if (unfilled.size > 0) return { ok: false, problem: missingFields([...unfilled]) };
    return { ok: true, value: packageBytes(doc.getZip()) };
  } catch (error) {
    const problem = describeTemplateError(error);
    return { ok: false, problem: { ...problem, code: 'fill-failed' } };
  }
}

function missingFields(fields: readonly string[]) {
  const names = fields.map((f) => `«${f}»`).join(', ');
  return templateProblem(
    'missing-field',
    fields.length === 1
      ? `The template's field ${names} has no value in this row.`
      : `The template's fields ${names} have no value in this row.`,
    'Map each field to a column of the data (or type the value in the row), then try again.',
  );
}
