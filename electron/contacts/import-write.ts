// Writes checked import rows: ready rows become contacts; duplicates are merged into the
// first record with their number, skipped, or added as separate contacts. The plan is made
// in memory first, then written in chunked transactions (a yield between chunks lets
// progress reach the window; a failure keeps what was saved before it and says so).

import type { DuplicateAction, ImportReport } from '../../shared/ipc/contract/contacts.ts';
import { checkHeader } from '../../shared/fax-rules.ts';
import { getContact, insertContact, updateContact } from '../store/contacts-repo.ts';
import { createGroup, listGroups } from '../store/groups-repo.ts';
import { type Db, transaction } from '../store/sql.ts';
import type { CheckedRow } from './import-check.ts';
import { type MergeFields, mergeFields } from './merge.ts';

export interface WriteOptions {
  duplicates: DuplicateAction;
  /** Put every imported or merged contact in this group (created when new). */
  groupName?: string;
  chunk: number;
  now: number;
  onProgress?(done: number, total: number): void;
  yieldToLoop?(): Promise<void>;
}

interface NewContact {
  fields: MergeFields;
  faxRaw: string;
  faxNumber: string;
}

type Target = { kind: 'new'; index: number } | { kind: 'existing'; id: number };

function fieldsOf(r: CheckedRow): MergeFields {
  const c = r.candidate;
  const headerOk = !c.toHeader || checkHeader('To', c.toHeader).ok;
  return {
    name: c.name.trim(),
    company: c.company.trim(),
    toHeader: headerOk ? c.toHeader : '',
    notes: c.notes,
    favourite: c.favourite,
    groups: c.groups,
  };
}

export async function writeImport(db: Db, rows: readonly CheckedRow[], opts: WriteOptions): Promise<ImportReport> {
  const groupNames = new Map(listGroups(db).map((g) => [g.id, g.name]));
  const inserts: NewContact[] = [];
  const updates = new Map<number, MergeFields>();
  const targetOf = new Map<number, Target>();
  const report: ImportReport = { added: 0, merged: 0, skipped: 0, invalid: 0, total: rows.length };

  const existingFields = (id: number): MergeFields | undefined => {
    const pending = updates.get(id);
    if (pending) return pending;
    const c = getContact(db, id);
    if (!c) return undefined;
    const groups = c.groupIds.map((g) => groupNames.get(g)).filter((g): g is string => !!g);
    return { name: c.name, company: c.company, toHeader: c.toHeader, notes: c.notes, favourite: c.favourite, groups };
  };
  const add = (r: CheckedRow, index: number) => {
    targetOf.set(index, { kind: 'new', index: inserts.length });
    inserts.push({ fields: fieldsOf(r), faxRaw: r.candidate.faxRaw, faxNumber: r.faxNumber });
  };
  const mergeInto = (target: Target | undefined, r: CheckedRow, index: number): boolean => {
    if (!target) return false;
    if (target.kind === 'new') {
      const t = inserts[target.index] as NewContact;
      t.fields = mergeFields(t.fields, fieldsOf(r));
    } else {
      const base = existingFields(target.id);
      if (!base) return false;
      updates.set(target.id, mergeFields(base, fieldsOf(r)));
    }
    targetOf.set(index, target);
    return true;
  };

  rows.forEach((r, index) => {
    if (r.status === 'invalid') {
      report.invalid++;
      return;
    }
    if (r.status === 'ready' || opts.duplicates === 'add') {
      add(r, index);
      return;
    }
    if (opts.duplicates === 'skip') {
      report.skipped++;
      return;
    }
    const target: Target | undefined =
      r.status === 'duplicate-in-book' && r.existing
        ? { kind: 'existing', id: r.existing.id }
        : r.firstIndex !== undefined
          ? targetOf.get(r.firstIndex)
          : undefined;
    if (mergeInto(target, r, index)) report.merged++;
    else if (r.status === 'duplicate-in-book')
      add(r, index); // the contact was deleted meanwhile
    else report.skipped++;
  });

  const groupIds = new Map<string, number>();
  const groupId = (name: string): number => {
    const k = name.trim().toLowerCase();
    let id = groupIds.get(k);
    if (id === undefined) {
      id = createGroup(db, name.trim(), opts.now).id;
      groupIds.set(k, id);
    }
    return id;
  };
  const importGroup = opts.groupName?.trim() ? groupId(opts.groupName) : undefined;
  const idsFor = (groups: readonly string[]) => {
    const ids = groups.filter((g) => g.trim()).map(groupId);
    if (importGroup !== undefined && !ids.includes(importGroup)) ids.push(importGroup);
    return ids;
  };

  const work: Array<() => void> = [
    ...inserts.map((n) => () => {
      insertContact(db, { ...n.fields, faxRaw: n.faxRaw, faxNumber: n.faxNumber, groupIds: idsFor(n.fields.groups) }, opts.now);
      report.added++;
    }),
    ...[...updates].map(([id, f]) => () => {
      updateContact(db, id, { ...f, groupIds: idsFor(f.groups) }, opts.now);
    }),
  ];
  const chunk = Math.max(1, opts.chunk);
  for (let start = 0; start < work.length; start += chunk) {
    transaction(db, () => {
      for (const w of work.slice(start, start + chunk)) w();
    });
    opts.onProgress?.(Math.min(start + chunk, work.length), work.length);
    if (start + chunk < work.length) await opts.yieldToLoop?.();
  }
  if (!work.length) opts.onProgress?.(0, 0);
  if (importGroup !== undefined) report.groupId = importGroup;
  return report;
}
