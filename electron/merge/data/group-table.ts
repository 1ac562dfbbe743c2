// An address-book group as a merge table. A contact has one fax number (contacts.fax_number,
// normalised when it was saved, with fax_raw as typed beside it), so each member is one row.
// The Fax cell is the number as the address book shows it (the raw text when it never
// normalised, so the row check names what is wrong with it); the To header is the one a fax to
// this contact carries from Compose (its own, or one made from its name).

import { formatFaxNumber } from '../../../shared/fax-number.ts';
import { defaultToHeader } from '../../contacts/to-header.ts';
import { getGroup, listGroupMembers } from '../../store/groups-repo.ts';
import type { Db } from '../../store/sql.ts';
import type { MergeTable, Outcome } from '../types.ts';
import { fail, MAX_MERGE_ROWS } from './table-shape.ts';

const GROUP_COLUMNS = ['Name', 'Company', 'Fax', 'To header', 'Notes'] as const;

export function groupTable(db: Db, groupId: number): Outcome<MergeTable> {
  const group = getGroup(db, groupId);
  if (!group) {
    return fail(
      'group-missing',
      'That address-book group no longer exists (it was deleted or renamed away).',
      'Choose another group, or a CSV or Excel file.',
    );
  }
  if (group.members === 0) {
    return fail(
      'group-empty',
      `The group '${group.name}' has no contacts.`,
      'Add contacts to the group in the address book, or choose another group.',
    );
  }
  if (group.members > MAX_MERGE_ROWS) {
    return fail(
      'too-many-rows',
      `The group '${group.name}' has ${group.members.toLocaleString('en-US')} contacts; a merge takes at most ${MAX_MERGE_ROWS.toLocaleString('en-US')}.`,
      'Split the group into smaller groups and send each as its own merge.',
    );
  }
  const rows = listGroupMembers(db, groupId, MAX_MERGE_ROWS).map((c) => [
    c.name,
    c.company,
    formatFaxNumber(c.faxNumber, c.faxRaw),
    defaultToHeader(c),
    c.notes,
  ]);
  const said = `Group '${group.name}': ${rows.length} contact${rows.length === 1 ? '' : 's'}.`;
  return {
    ok: true,
    value: {
      source: { kind: 'group', name: group.name },
      columns: [...GROUP_COLUMNS],
      rows,
      lines: rows.map((_, i) => i + 1),
      notes: [said],
    },
  };
}
