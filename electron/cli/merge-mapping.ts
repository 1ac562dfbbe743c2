// `openfax merge`'s mapping options (--field FIELD=COLUMN, --number-field, --to-header-field)
// applied to the mapping the merge guessed. A name is matched as typed first, then ignoring
// case; a name that matches nothing, or two things, is refused with the names it could be.

import type { MergeMapping } from '../../shared/ipc/contract/merge.ts';
import { CliError, EXIT } from './types.ts';

export interface MappingArgs {
  /** Each --field, as typed: "FIELD=COLUMN". */
  fields: readonly string[];
  numberField?: string;
  toHeaderField?: string;
}

/** `name` among `names`: as typed, else the one that matches ignoring case; undefined when none (or two). */
export function pickName(name: string, names: readonly string[]): string | undefined {
  if (names.includes(name)) return name;
  const folded = name.trim().toLocaleLowerCase();
  const matches = names.filter((n) => n.trim().toLocaleLowerCase() === folded);
  return matches.length === 1 ? matches[0] : undefined;
}

const quoted = (names: readonly string[]) => (names.length ? names.map((n) => `"${n}"`).join(', ') : '(none)');

/** The guessed mapping with the command line's choices applied; throws (exit 2) on a name that is not there. */
export function applyMappingArgs(
  guessed: MergeMapping,
  args: MappingArgs,
  names: { fields: readonly string[]; columns: readonly string[] },
): MergeMapping {
  const mapping: MergeMapping = { ...guessed, fields: { ...guessed.fields } };
  for (const pair of args.fields) {
    const at = pair.indexOf('=');
    const fieldText = at < 0 ? pair : pair.slice(0, at);
    const columnText = at < 0 ? '' : pair.slice(at + 1);
    if (at < 0 || !fieldText.trim() || !columnText.trim()) {
      throw new CliError(`--field ${pair} is not FIELD=COLUMN.`, EXIT.usage, 'For example: --field "Patient list=Patients".');
    }
    const field = pickName(fieldText, names.fields);
    if (!field) {
      throw new CliError(
        `--field ${pair}: the template has no field "${fieldText}".`,
        EXIT.usage,
        `Its fields are ${quoted(names.fields)}.`,
      );
    }
    const column = pickName(columnText, names.columns);
    if (!column) {
      throw new CliError(
        `--field ${pair}: the data has no column "${columnText}".`,
        EXIT.usage,
        `Its columns are ${quoted(names.columns)}.`,
      );
    }
    mapping.fields[field] = column;
  }
  if (args.numberField !== undefined) mapping.numberColumn = numberColumn(args.numberField, mapping, names);
  if (args.toHeaderField !== undefined) mapping.toHeaderField = toHeaderField(args.toHeaderField, mapping, names);
  return mapping;
}

/** A column, or a template field that a column fills (then that column). */
function numberColumn(name: string, mapping: MergeMapping, names: { fields: readonly string[]; columns: readonly string[] }): string {
  const column = pickName(name, names.columns);
  if (column) return column;
  const field = pickName(name, names.fields);
  const fed = field ? mapping.fields[field] : undefined;
  if (field && fed) return fed;
  if (field) {
    throw new CliError(
      `--number-field ${name}: no column fills the template's field "${field}", so it holds no number.`,
      EXIT.usage,
      `Name the column that holds the fax numbers instead: one of ${quoted(names.columns)}.`,
    );
  }
  throw new CliError(`--number-field ${name}: the data has no column "${name}".`, EXIT.usage, `Its columns are ${quoted(names.columns)}.`);
}

/** A template field, or a column that fills one (then that field): the To header is filled per row. */
function toHeaderField(name: string, mapping: MergeMapping, names: { fields: readonly string[]; columns: readonly string[] }): string {
  const field = pickName(name, names.fields);
  if (field) return field;
  const column = pickName(name, names.columns);
  const feeding = column ? Object.keys(mapping.fields).filter((f) => mapping.fields[f] === column) : [];
  if (feeding.length === 1 && feeding[0]) return feeding[0];
  throw new CliError(
    `--to-header-field ${name}: the template has no field "${name}"${column ? ` (it is a column that fills ${feeding.length ? 'several fields' : 'no field'})` : ''}.`,
    EXIT.usage,
    `Name one of the template's fields: ${quoted(names.fields)}.`,
  );
}
