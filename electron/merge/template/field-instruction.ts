// What a Word field's instruction (` MERGEFIELD "First Name" \* MERGEFORMAT `) asks for. Only
// MERGEFIELD becomes a {{tag}}; the merge-only fields a one-row-per-fax merge cannot honour, and
// the fields that reach outside the document (DDE, LINK, INCLUDETEXT, INCLUDEPICTURE, IMPORT: Word asks about them, or
// runs them, when a converter opens the file), are refused with what to do instead.

export type FieldInstruction =
  | { kind: 'merge'; type: 'MERGEFIELD'; name: string }
  | { kind: 'refused'; type: string; what: string; action: string }
  | { kind: 'other'; type: string };

const RECORD_RULES =
  'Each fax here is one row of the data: remove the rule (Mailings > Rules in Word) from the template and save it again.';
const OUTSIDE = 'Remove it, or keep its text: select it in Word and press Ctrl+Shift+F9 (Unlink field), then save the template again.';

const REFUSED: Record<string, { what: string; action: string }> = {
  ADDRESSBLOCK: {
    what: "Word's Address Block",
    action: 'Replace it with the merge fields it stands for (Mailings > Insert Merge Field), or type them as {{Name}} tags.',
  },
  GREETINGLINE: {
    what: "Word's Greeting Line",
    action: 'Replace it with text and a merge field, for example "Dear {{Name}},".',
  },
  NEXT: { what: "Word's Next Record rule", action: RECORD_RULES },
  NEXTIF: { what: "Word's Next Record If rule", action: RECORD_RULES },
  SKIPIF: { what: "Word's Skip Record If rule", action: RECORD_RULES },
  MERGEREC: { what: "Word's Merge Record # field", action: RECORD_RULES },
  MERGESEQ: { what: "Word's Merge Sequence # field", action: RECORD_RULES },
  DATABASE: { what: "Word's Database field", action: 'Remove it: the rows come from the data file picked in Openfax.' },
  ASK: {
    what: "Word's Ask field (a question while merging)",
    action: 'Remove it: put the answer in a column of the data and use a merge field.',
  },
  FILLIN: {
    what: "Word's Fill-in field (a question while merging)",
    action: 'Remove it: put the answer in a column of the data and use a merge field.',
  },
  DDE: { what: 'a DDE field (a link to another program)', action: OUTSIDE },
  DDEAUTO: { what: 'a DDEAUTO field (a link to another program)', action: OUTSIDE },
  LINK: { what: 'a LINK field (a link to another file)', action: OUTSIDE },
  INCLUDETEXT: { what: 'an INCLUDETEXT field (text from another file)', action: OUTSIDE },
  INCLUDEPICTURE: {
    what: 'an INCLUDEPICTURE field (a picture fetched from another file or address)',
    action:
      'Embed the picture instead of linking it: delete the field, insert the picture with Insert > Pictures > This Device, then save the template again.',
  },
  IMPORT: {
    what: 'an IMPORT field (a picture fetched from another file or address)',
    action:
      'Embed the picture instead of linking it: delete the field, insert the picture with Insert > Pictures > This Device, then save the template again.',
  },
};

/** Reads a field instruction (the text of its instrText elements, or a simple field's w:instr). */
export function parseInstruction(instruction: string): FieldInstruction {
  const text = instruction.trim();
  const type = (/^[^\s\\"]+/.exec(text)?.[0] ?? '').toUpperCase();
  if (type === 'MERGEFIELD') {
    const name = mergeFieldName(text.slice(type.length));
    if (!name)
      return {
        kind: 'refused',
        type,
        what: 'a merge field with no name',
        action: 'Delete it, or insert it again from Mailings > Insert Merge Field.',
      };
    return { kind: 'merge', type, name };
  }
  const refused = REFUSED[type];
  if (refused) return { kind: 'refused', type, ...refused };
  return { kind: 'other', type };
}

/**
 * The field's name: quoted (`"First Name"`, where Word writes `\"` and `\\` for a quote and a
 * backslash) or up to the first space. Switches after it are not kept: `\* MERGEFORMAT` and the
 * case ones (`\* Upper`) change only how Word shows the value, and the `\b`/`\f` texts (Word
 * writes them before/after a value only when it is not empty) are left out: a {{tag}} has no such
 * condition. The preview shows each row as it will be sent.
 */
function mergeFieldName(rest: string): string {
  const text = rest.trimStart();
  if (text[0] !== '"') return (/^[^\s]+/.exec(text)?.[0] ?? '').trim();
  let name = '';
  for (let i = 1; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) name += text[++i];
    else if (c === '"') break;
    else name += c;
  }
  return name.trim();
}
