// Channels of the contacts feature (address book, groups, import/export). Declared here
// once; contract.ts joins every feature. Compose uses `searchContacts`, `listGroups` and
// `groupRecipients` for recipient autocomplete and group sends.

import { z } from 'zod';
import { method } from '../define.ts';

const Id = z.int().positive();

/** One row of the address-book list (what the virtualised list and search show). */
export const ContactSummary = z.object({
  id: Id,
  name: z.string(),
  company: z.string(),
  /** Normalised vendor digits ('' when the stored number could not be normalised). */
  faxNumber: z.string(),
  /** For people: `+1 212 555 0100`; the raw text when it could not be normalised. */
  faxDisplay: z.string(),
  favourite: z.boolean(),
});
export type ContactSummary = z.infer<typeof ContactSummary>;

export const ContactDetail = ContactSummary.extend({
  /** What the person typed or imported. */
  faxRaw: z.string(),
  /** The stored To header ('' = none set). */
  toHeader: z.string(),
  /** The header a fax to this contact uses: the stored one, or one derived from the name. */
  defaultToHeader: z.string(),
  notes: z.string(),
  groupIds: z.array(Id),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type ContactDetail = z.infer<typeof ContactDetail>;

/** A fax recipient taken from the address book; what Compose puts in its recipient chips. */
export const ContactRecipient = z.object({
  contactId: Id,
  name: z.string(),
  company: z.string(),
  faxNumber: z.string(),
  faxDisplay: z.string(),
  /** Default To header (≤ 15 printable ASCII): the contact's own, or derived from the name. */
  toHeader: z.string(),
});
export type ContactRecipient = z.infer<typeof ContactRecipient>;

export const ContactGroup = z.object({ id: Id, name: z.string(), members: z.int().nonnegative() });
export type ContactGroup = z.infer<typeof ContactGroup>;

export const ContactSort = z.enum(['name', 'company', 'recent']);
export type ContactSort = z.infer<typeof ContactSort>;

export const ListContactsRequest = z.object({
  query: z.string().max(200).default(''),
  groupId: Id.optional(),
  favouritesOnly: z.boolean().default(false),
  sort: ContactSort.default('name'),
  offset: z.int().nonnegative().default(0),
  limit: z.int().min(1).max(500).default(100),
});
export type ListContactsRequest = z.input<typeof ListContactsRequest>;

export const ContactList = z.object({ total: z.int().nonnegative(), offset: z.int().nonnegative(), items: z.array(ContactSummary) });
export type ContactList = z.infer<typeof ContactList>;

export const ContactInput = z.object({
  id: Id.optional(),
  name: z.string().max(200).default(''),
  company: z.string().max(200).default(''),
  /** As typed: checked and normalised by main with the shared fax rules. */
  fax: z.string().max(100),
  toHeader: z.string().max(100).default(''),
  notes: z.string().max(10_000).default(''),
  favourite: z.boolean().default(false),
  groupIds: z.array(Id).max(1000).default([]),
});
export type ContactInput = z.input<typeof ContactInput>;

export const ContactField = z.enum(['name', 'company', 'fax', 'toHeader', 'notes', 'groupIds']);
export type ContactField = z.infer<typeof ContactField>;

export const SaveContactResult = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    contact: ContactDetail,
    /** Other contacts with the same normalised number (two people may share a fax machine). */
    sameNumberAs: z.array(z.object({ id: Id, name: z.string(), company: z.string() })),
  }),
  z.object({ ok: z.literal(false), errors: z.partialRecord(ContactField, z.string()) }),
]);
export type SaveContactResult = z.infer<typeof SaveContactResult>;

// --- import -----------------------------------------------------------------------------

const ImportSource = z.discriminatedUnion('kind', [
  /** Browser and drops: the file's bytes (its encoding is detected in main). ~50 MB at most. */
  z.object({ kind: z.literal('bytes'), fileName: z.string().max(500), base64: z.string().max(70_000_000) }),
  /** Electron: main shows the native open dialog. */
  z.object({ kind: z.literal('pick') }),
]);
export type ImportSource = z.infer<typeof ImportSource>;

export const ImportFieldName = z.enum(['name', 'company', 'fax', 'toHeader', 'notes', 'groups', 'favourite']);
export type ImportFieldName = z.infer<typeof ImportFieldName>;

/** For each of our fields, the file's columns that feed it (several = joined, or for fax: first filled). */
export const ImportMapping = z.record(ImportFieldName, z.array(z.string().max(300)).max(20));
export type ImportMapping = z.infer<typeof ImportMapping>;

export const ImportLayout = z.enum(['outlook', 'google', 'generic', 'vcard']);
export type ImportLayout = z.infer<typeof ImportLayout>;

export const ImportOpened = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    importId: z.string(),
    fileName: z.string(),
    format: z.enum(['csv', 'vcard']),
    layout: ImportLayout,
    /** The file's columns (CSV), plus computed ones (e.g. Google's phone marked "Fax"). */
    columns: z.array(z.string()),
    mapping: ImportMapping,
    /** First rows as the file has them, by column, for the mapping step. */
    sample: z.array(z.record(z.string(), z.string())),
    rowCount: z.int().nonnegative(),
  }),
  z.object({ ok: z.literal(false), canceled: z.boolean(), reason: z.string() }),
]);
export type ImportOpened = z.infer<typeof ImportOpened>;

export const ImportRowStatus = z.enum(['ready', 'invalid', 'duplicate-in-file', 'duplicate-in-book']);
export type ImportRowStatus = z.infer<typeof ImportRowStatus>;

export const ImportRow = z.object({
  /** 1-based position in the file: the CSV data row (after the header) or the card number. */
  row: z.int().positive(),
  name: z.string(),
  company: z.string(),
  faxRaw: z.string(),
  faxDisplay: z.string(),
  status: ImportRowStatus,
  /** Why the row cannot be imported, or what it duplicates. */
  reason: z.string(),
  /** Non-blocking remarks (a To header that had to be left out, an extension not dialled). */
  warnings: z.array(z.string()),
  /** Fixed by hand in the preview (the file itself is never changed). */
  edited: z.boolean().optional(),
});
export type ImportRow = z.infer<typeof ImportRow>;

/** The cells of a row that can be fixed in the preview. */
export const ImportFixField = z.enum(['name', 'company', 'fax']);
export type ImportFixField = z.infer<typeof ImportFixField>;

export const ImportCounts = z.object({
  total: z.int().nonnegative(),
  ready: z.int().nonnegative(),
  invalid: z.int().nonnegative(),
  duplicateInFile: z.int().nonnegative(),
  duplicateInBook: z.int().nonnegative(),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

export const ImportPreview = z.object({ importId: z.string(), counts: ImportCounts, rows: z.array(ImportRow) });
export type ImportPreview = z.infer<typeof ImportPreview>;

/** After a fix: the new counts, and every row whose check changed (the fixed one, rows sharing its old or new number). */
export const ImportFixed = z.object({ importId: z.string(), counts: ImportCounts, rows: z.array(ImportRow) });
export type ImportFixed = z.infer<typeof ImportFixed>;

export const DuplicateAction = z.enum(['merge', 'skip', 'add']);
export type DuplicateAction = z.infer<typeof DuplicateAction>;

export const ImportReport = z.object({
  added: z.int().nonnegative(),
  merged: z.int().nonnegative(),
  skipped: z.int().nonnegative(),
  invalid: z.int().nonnegative(),
  total: z.int().nonnegative(),
  groupId: Id.optional(),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const ImportProgress = z.object({
  importId: z.string(),
  phase: z.enum(['reading', 'checking', 'saving']),
  done: z.int().nonnegative(),
  total: z.int().nonnegative(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

// --- export -----------------------------------------------------------------------------

export const ExportFormat = z.enum(['csv', 'vcard']);
export type ExportFormat = z.infer<typeof ExportFormat>;

const ExportResult = z.discriminatedUnion('kind', [
  /** Electron: written where the person chose. */
  z.object({ kind: z.literal('saved'), path: z.string(), count: z.int().nonnegative() }),
  z.object({ kind: z.literal('canceled') }),
  /** Browser: the renderer offers the content as a download. */
  z.object({ kind: z.literal('download'), fileName: z.string(), mime: z.string(), content: z.string(), count: z.int().nonnegative() }),
]);
export type ExportResult = z.infer<typeof ExportResult>;

export const contactsMethods = {
  /** The list screen: a window of contacts matching `query` (name, company, or number digits). */
  listContacts: method(ListContactsRequest, ContactList),
  /** Recipient autocomplete: best matches first (starts-with, then word start, then anywhere; favourites first). */
  searchContacts: method(
    z.object({ query: z.string().max(200), limit: z.int().min(1).max(50).default(10), groupId: Id.optional() }),
    z.object({ items: z.array(ContactRecipient) }),
  ),
  getContact: method(z.object({ id: Id }), z.object({ contact: ContactDetail.nullable() })),
  saveContact: method(ContactInput, SaveContactResult),
  deleteContacts: method(z.object({ ids: z.array(Id).min(1).max(100_000) }), z.object({ deleted: z.int().nonnegative() })),
  setFavourite: method(z.object({ id: Id, favourite: z.boolean() }), z.object({ ok: z.boolean() })),
  listGroups: method(z.void(), z.object({ groups: z.array(ContactGroup) })),
  saveGroup: method(
    z.object({ id: Id.optional(), name: z.string().max(100) }),
    z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), group: ContactGroup }),
      z.object({ ok: z.literal(false), reason: z.string() }),
    ]),
  ),
  deleteGroup: method(z.object({ id: Id }), z.object({ deleted: z.boolean() })),
  /** Every member of a group with a usable number, as recipients (a group send). */
  groupRecipients: method(z.object({ groupId: Id }), z.object({ items: z.array(ContactRecipient), skipped: z.int().nonnegative() })),
  /** Step 1: read a CSV or vCard file; suggests a column mapping (CSV). */
  importOpen: method(z.object({ source: ImportSource }), ImportOpened),
  /** Step 2: apply the mapping; every row checked (number, header, duplicates). Emits contactsImportProgress. */
  importAnalyze: method(z.object({ importId: z.string(), mapping: ImportMapping.optional() }), ImportPreview),
  /** Step 2½: fix one cell of a row in the preview; the row (and rows sharing its numbers) are checked again with the same rules. */
  importFixRow: method(
    z.object({ importId: z.string(), row: z.int().positive(), field: ImportFixField, value: z.string().max(300) }),
    ImportFixed,
  ),
  /** Step 3: write the ready rows; duplicates merged, skipped or added. Emits contactsImportProgress. */
  importCommit: method(
    z.object({ importId: z.string(), duplicates: DuplicateAction, groupName: z.string().max(100).optional() }),
    ImportReport,
  ),
  importCancel: method(z.object({ importId: z.string() }), z.object({ ok: z.boolean() })),
  exportContacts: method(
    z.object({ format: ExportFormat, groupId: Id.optional(), ids: z.array(Id).max(100_000).optional() }),
    ExportResult,
  ),
};

export const contactsEvents = {
  contactsImportProgress: ImportProgress,
  /** The address book changed (any window, the CLI): lists and autocomplete refresh. */
  contactsChanged: z.object({ reason: z.enum(['saved', 'deleted', 'imported', 'groups', 'external']) }),
};
