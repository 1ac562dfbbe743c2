// docxtemplater as this merge uses it: the options every read and fill share, the tags it
// finds (its InspectModule, in the free core), and its template errors in plain words.

import Docxtemplater from 'docxtemplater';
import InspectModule from 'docxtemplater/js/inspect-module.js';
import type PizZip from 'pizzip';
import type { MergeProblem } from '../types.ts';
import { partPlace, templateProblem } from './template-problems.ts';

/**
 * Looks a tag's name up in the row's values, and nothing more. docxtemplater's default parser
 * does the same (own properties only, `.` for the whole scope); this one also ignores the spaces
 * people type inside braces (`{{ Name }}` is the field Name). Never an expression parser (the
 * angular one evaluates `{{a + b}}`, filters, method calls): a template comes from anyone who can
 * send the person a file, and nothing in it may run.
 */
function lookupParser(tag: string) {
  const name = tag.trim();
  return {
    get(scope: unknown) {
      return scope !== null && typeof scope === 'object' && Object.hasOwn(scope, name)
        ? (scope as Record<string, unknown>)[name]
        : undefined;
    },
  };
}

/** The options of every docxtemplater made here; `nullGetter` is added by the filler. */
export const TEMPLATE_OPTIONS = {
  delimiters: { start: '{{', end: '}}' },
  paragraphLoop: true,
  // A value's line breaks become Word line breaks.
  linebreaks: true,
  // A value with control characters (a pasted cell) would make the XML invalid.
  stripInvalidXMLChars: true,
  // `{{=<% %>=}}` would change the delimiters mid-template; nobody writing a fax template means it.
  syntax: { changeDelimiterPrefix: null },
  // Its default prints every template error to the console as JSON; ours are returned.
  errorLogging: false,
  parser: lookupParser,
} satisfies Docxtemplater.DXT.Options;

export interface TagUse {
  name: string;
  part: string;
}

export type TagsResult = { ok: true; tags: TagUse[] } | { ok: false; problem: MergeProblem };

/** The {{tags}} of a (normalized) template, in the order of `parts`, then any other part docxtemplater fills. */
export function inspectTags(zip: PizZip, parts: readonly string[]): TagsResult {
  const inspect = new InspectModule();
  try {
    new Docxtemplater(zip, { ...TEMPLATE_OPTIONS, modules: [inspect] });
  } catch (error) {
    return { ok: false, problem: describeTemplateError(error) };
  }
  const inspected = Object.keys(inspect.fullInspected);
  const order = [...parts.filter((p) => inspected.includes(p)), ...inspected.filter((p) => !parts.includes(p))];
  const tags: TagUse[] = [];
  for (const part of order) {
    for (const tag of inspect.getStructuredTags(part)) {
      const raw = (tag as { raw?: string }).raw ?? tag.value;
      if (tag.module === 'loop' || tag.module === 'rawxml') return { ok: false, problem: sectionTag(raw, tag.module === 'rawxml', part) };
      const name = tag.value.trim();
      if (name === '' || name === '.')
        return {
          ok: false,
          problem: templateProblem(
            'bad-tag',
            `The template has a tag with no field name ("{{${tag.value}}}") ${partPlace(part)}.`,
            'Write the field name between the braces, as in {{Name}}, or delete the braces.',
          ),
        };
      tags.push({ name, part });
    }
  }
  return { ok: true, tags };
}

function sectionTag(raw: string, rawXml: boolean, part: string): MergeProblem {
  if (rawXml)
    return templateProblem(
      'unsupported-tag',
      `The tag {{${raw}}} ${partPlace(part)} asks to insert raw Word XML from the data, which a mail merge here never does.`,
      `Write it as a plain field, {{${raw.slice(1).trim()}}}.`,
    );
  const name = raw.replace(/^[#^/]/, '').trim();
  return templateProblem(
    'unsupported-tag',
    `The tag {{${raw}}} ${partPlace(part)} starts a section (a loop or a condition); a mail merge here fills plain fields only, one fax per row.`,
    `Remove the section tags ({{#${name}}}, {{^${name}}} and {{/${name}}}) and use plain fields such as {{${name}}}.`,
  );
}

interface TemplateErrorProperties {
  id?: string;
  context?: string;
  xtag?: string;
  explanation?: string;
  file?: string;
}

/** A docxtemplater compile error (one, or a "multi error") as one problem naming the tag. */
export function describeTemplateError(error: unknown): MergeProblem {
  const properties = (error as { properties?: { errors?: { properties?: TemplateErrorProperties }[] } & TemplateErrorProperties })
    ?.properties;
  const all = properties?.errors?.map((e) => e.properties ?? {}) ?? (properties ? [properties] : []);
  const first = all[0];
  if (!first)
    return templateProblem(
      'bad-tag',
      `The template could not be read: ${(error as Error)?.message ?? String(error)}.`,
      'Open it in Word, save it again, and pick the saved copy.',
    );
  const more = all.length > 1 ? ` (and ${all.length - 1} more tag problem${all.length > 2 ? 's' : ''})` : '';
  const where = first.file ? ` ${partPlace(first.file)}` : '';
  const context = (first.context ?? first.xtag ?? '').trim();
  const bare = context.replace(/^\{+/, '').replace(/\}+$/, '').trim();
  switch (first.id) {
    case 'unclosed_tag':
      return templateProblem(
        'bad-tag',
        `The tag "${context}"${where} is not closed: it has no "}}"${more}.`,
        `Close it so it reads {{${bare}}}, then save the template again.`,
      );
    case 'unopened_tag': {
      // The context is the text before the stray "}}": its last word is most likely the name.
      const guess = bare.split(/\s+/).at(-1) || 'Name';
      return templateProblem(
        'bad-tag',
        `The text "${context}}}"${where} has "}}" with no "{{" before it${more}.`,
        `Put "{{" before the field name, as in {{${guess}}}, then save the template again.`,
      );
    }
    case 'duplicate_open_tag':
      return templateProblem(
        'bad-tag',
        `The tag "${context}"${where} has too many "{{"${more}.`,
        `Write it with two braces on each side, as {{${bare}}}.`,
      );
    case 'duplicate_close_tag':
      return templateProblem(
        'bad-tag',
        `The tag "${context}"${where} has too many "}}"${more}.`,
        `Write it with two braces on each side, as {{${bare}}}.`,
      );
    case 'unclosed_loop':
    case 'unopened_loop':
    case 'closing_tag_does_not_match_opening_tag':
    case 'unbalanced_loop_tags':
    case 'loop_position_invalid':
      return templateProblem(
        'unsupported-tag',
        `The tag "${context}"${where} is part of a section (a loop or a condition); a mail merge here fills plain fields only${more}.`,
        'Remove the section tags ({{#…}}, {{^…}}, {{/…}}) and use plain fields such as {{Name}}.',
      );
    case 'raw_xml_tag_should_be_only_text_in_paragraph':
      return templateProblem(
        'unsupported-tag',
        `The tag "${context}"${where} asks to insert raw Word XML, which a mail merge here never does${more}.`,
        `Write it as a plain field, {{${bare.replace(/^@/, '')}}}.`,
      );
    case 'malformed_xml':
    case 'file_has_invalid_xml':
      return templateProblem(
        'damaged',
        `This .docx is damaged: a part of it is not valid XML${where}.`,
        'Open it in Word, save it again, and pick the saved copy.',
      );
    default:
      return templateProblem(
        'bad-tag',
        `The template has a tag that cannot be read${context ? ` ("${context}")` : ''}${where}: ${first.explanation ?? (error as Error)?.message ?? 'unknown reason'}${more}.`,
        'Correct the tag so it reads {{FieldName}}, then save the template again.',
      );
  }
}
