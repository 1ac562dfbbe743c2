// A dropped .docx read as a merge template: what it is (or why it cannot be one), its fields in
// the order they first appear, and a normalized copy in which Word's MERGEFIELDs are {{tags}},
// which is what `fillTemplate` fills.

import { createHash } from 'node:crypto';
import type { MergeProblem, MergeTemplate, Outcome } from '../types.ts';
import { normalizeMergeFields } from './merge-fields.ts';
import { openPackage, packageBytes } from './open-package.ts';
import { partPlace, templateProblem } from './template-problems.ts';
import { inspectTags } from './template-tags.ts';
import { attribute, textBetween, tokenizeXml, type XmlToken } from './xml-tokens.ts';

/** Reads a template's bytes: its fields, kinds, stated page count, hash and normalized copy. */
export function readTemplate(bytes: Uint8Array, name: string): Outcome<MergeTemplate> {
  try {
    return read(bytes, name);
  } catch (error) {
    // Whatever the file holds, a drop never crashes the merge: an archive pizzip or
    // docxtemplater trips over is a damaged template.
    return fail(
      templateProblem(
        'damaged',
        `This .docx cannot be read: ${(error as Error)?.message ?? String(error)}.`,
        'Open it in Word, save it again, and pick the saved copy.',
      ),
    );
  }
}

function read(bytes: Uint8Array, name: string): Outcome<MergeTemplate> {
  const opened = openPackage(bytes);
  if (!opened.ok) return opened;
  const { zip, filledParts, xml } = opened.value;

  const mergeFields: string[] = [];
  for (const part of filledParts) {
    const normalized = normalizeMergeFields(xml.get(part) as string);
    const problem = normalized.problems[0];
    if (problem) return fail({ ...problem, message: withPlace(problem.message, part) });
    if (normalized.xml !== xml.get(part)) zip.file(part, normalized.xml);
    mergeFields.push(...normalized.mergeFields);
  }
  // A field left where no filler reaches (a tracked change, an endnote: docxtemplater does not
  // fill endnotes) would reach every fax unfilled: refused, never left. Parts Word does not show
  // (the glossary of building blocks) are not looked at.
  const stories = storyParts(xml, filledParts);
  for (const part of [...filledParts, ...stories]) {
    const current = zip.files[part]?.asText() ?? '';
    if (hasMergeInstruction(current) || (!filledParts.includes(part) && current.includes('{{')))
      return fail(
        templateProblem(
          'unsupported-field',
          `The template has a merge field ${partPlace(part)} that cannot be filled where it stands (an endnote, a chart, a diagram, or a tracked change).`,
          'In Word, accept or reject all tracked changes (Review > Accept > Accept All Changes) and move fields out of endnotes, charts and SmartArt into the text, then save the template again.',
        ),
      );
  }
  // The fields that reach outside (DDE, INCLUDEPICTURE…) are refused in every story, filled or not:
  // a converter updates them wherever they stand.
  for (const part of stories) {
    const problem = normalizeMergeFields(xml.get(part) as string).problems[0];
    if (problem) return fail({ ...problem, message: withPlace(problem.message, part) });
  }

  const tags = inspectTags(zip, filledParts);
  if (!tags.ok) return fail(tags.problem);
  const fields = [...new Set(tags.tags.map((t) => t.name))];
  if (fields.length === 0) return fail(noFields(xml.get(opened.value.mainPart) ?? ''));

  // Kinds count distinct fields ("3 Word merge fields, 2 {{tags}}"); a name used both ways counts
  // in both. It is a {{tag}} when the template holds it more often than as a MERGEFIELD.
  const uses = new Map<string, number>();
  for (const tag of tags.tags) uses.set(tag.name, (uses.get(tag.name) ?? 0) + 1);
  const asMergeField = new Map<string, number>();
  for (const field of mergeFields) asMergeField.set(field, (asMergeField.get(field) ?? 0) + 1);
  const kinds = {
    mergeFields: fields.filter((f) => asMergeField.has(f)).length,
    tags: fields.filter((f) => (uses.get(f) ?? 0) > (asMergeField.get(f) ?? 0)).length,
  };

  const template: MergeTemplate = {
    name,
    fields,
    kinds,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    normalized: packageBytes(zip),
  };
  const pages = statedPages(xml.get('docProps/app.xml'));
  if (pages !== undefined) template.pages = pages;
  return { ok: true, value: template };
}

function fail(problem: MergeProblem): { ok: false; problem: MergeProblem } {
  return { ok: false, problem };
}

function withPlace(message: string, part: string): string {
  return message.replace(/, which a mail merge here cannot fill\.$/, ` ${partPlace(part)}, which a mail merge here cannot fill.`);
}

/** The parts under word/ besides the filled ones that hold text or fields (endnotes, charts, diagrams…), glossary and settings aside. */
function storyParts(xml: ReadonlyMap<string, string>, filledParts: readonly string[]): string[] {
  return [...xml.keys()].filter(
    (part) =>
      /^word\/.+\.xml$/i.test(part) &&
      !filledParts.includes(part) &&
      !/^word\/(glossary\/|settings\.xml$|webSettings\.xml$|fontTable\.xml$|styles\.xml$|numbering\.xml$|theme\/)/i.test(part),
  );
}

/** Whether a part still holds a MERGEFIELD instruction (a simple field's, or a complex one's text, deleted or not). */
function hasMergeInstruction(xml: string): boolean {
  if (!/MERGEFIELD/i.test(xml)) return false;
  const tokens = tokenizeXml(xml);
  for (const [i, token] of tokens.entries()) {
    if (token.kind === 'text' || token.kind === 'other') continue;
    if (/MERGEFIELD/i.test(attribute(token, 'w:instr') ?? '')) return true;
    if (
      token.kind === 'open' &&
      /^w:(instrText|delInstrText)$/.test(token.name) &&
      /MERGEFIELD/i.test((tokens[i + 1] as XmlToken | undefined)?.raw ?? '')
    )
      return true;
  }
  return false;
}

/** Word's `<Pages>` in docProps/app.xml: the count it laid out when it last saved. */
function statedPages(app: string | undefined): number | undefined {
  const match = app ? /<Pages>\s*(\d+)\s*<\/Pages>/.exec(app) : null;
  const pages = match ? Number(match[1]) : Number.NaN;
  return Number.isInteger(pages) && pages > 0 ? pages : undefined;
}

function noFields(mainXml: string): MergeProblem {
  const tokens = tokenizeXml(mainXml);
  const text = textBetween(tokens, 0, tokens.length);
  const typed = /«([^»]{1,80})»/.exec(text)?.[1];
  const hint = typed ? ` The text «${typed}» is typed as plain text, not inserted as a merge field.` : '';
  return templateProblem(
    'no-fields',
    `This template has no merge fields, so every fax would be the same.${hint}`,
    "In Word, put the cursor where each row's value goes and choose Mailings > Insert Merge Field, or type a tag such as {{Name}}; save the template and open it again.",
  );
}
