// What merging two records with the same fax number keeps. The record already there (the
// contact in the book, or the first row in the file) wins every field it has; the newcomer
// fills gaps, adds its groups and notes, and a different name is kept in the notes rather
// than lost (two people may share one fax machine).

export interface MergeFields {
  name: string;
  company: string;
  toHeader: string;
  notes: string;
  favourite: boolean;
  groups: string[];
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function mergeFields(base: MergeFields, incoming: MergeFields): MergeFields {
  const notes = [base.notes.trim()];
  if (incoming.notes.trim() && !base.notes.includes(incoming.notes.trim())) notes.push(incoming.notes.trim());
  const otherName = incoming.name.trim() && base.name.trim() && !same(base.name, incoming.name);
  const otherCompany = incoming.company.trim() && base.company.trim() && !same(base.company, incoming.company);
  if (otherName || otherCompany) {
    const who = [incoming.name.trim(), incoming.company.trim()].filter(Boolean).join(', ');
    const line = `Also at this number: ${who}`;
    if (!notes.some((n) => n.includes(line))) notes.push(line);
  }
  const groups = [...base.groups];
  for (const g of incoming.groups) if (!groups.some((h) => same(h, g))) groups.push(g);
  return {
    name: base.name.trim() || incoming.name.trim(),
    company: base.company.trim() || incoming.company.trim(),
    toHeader: base.toHeader || incoming.toHeader,
    notes: notes.filter(Boolean).join('\n'),
    favourite: base.favourite || incoming.favourite,
    groups,
  };
}
