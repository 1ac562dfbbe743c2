// One contact as the search index holds it: its own file, so the index and its order views
// both read it without importing each other.

/** The columns the index needs, as read from the contacts table. */
export interface IndexRow {
  id: number;
  name: string;
  company: string;
  faxRaw: string;
  faxNumber: string;
  toHeader: string;
  favourite: boolean;
  createdAt: number;
  groupIds: readonly number[];
}

export interface IndexEntry extends IndexRow {
  nameKey: string;
  companyKey: string;
  /** The digits search matches: the normalised number, or the raw digits when it had none. */
  digits: string;
  /** Filled on first display (libphonenumber formatting is too slow to run 50,000 times up front). */
  display?: string;
}
