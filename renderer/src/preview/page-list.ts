// The preview shows several PDFs (the cover page, then each document) as one run of pages,
// grouped in the thumbnail strip. This flattens the groups into rows for the virtual list.

export interface PreviewGroup {
  /** The pdf-registry key. */
  key: string;
  title: string;
  /** Unknown while a dropped file is still being opened: its first page is shown meanwhile. */
  pages: number | undefined;
  /** A short label for the strip ("Cover", "report.pdf"). */
  kind: 'cover' | 'document' | 'pending';
}

export interface PreviewPage {
  key: string;
  /** 1-based page within its PDF. */
  page: number;
  group: number;
  groupTitle: string;
  /** 0 while unknown. */
  groupPages: number;
  /** 1-based position in the fax as sent. */
  number: number;
}

export type StripRow = { kind: 'header'; group: number; title: string; pages: number | undefined } | { kind: 'page'; index: number };

export interface FlatPreview {
  pages: PreviewPage[];
  rows: StripRow[];
  /** Row of each page, for scrolling the strip to it. */
  rowOfPage: number[];
  /** Some group's page count is not known yet. */
  partial: boolean;
}

export function flattenGroups(groups: readonly PreviewGroup[]): FlatPreview {
  const pages: PreviewPage[] = [];
  const rows: StripRow[] = [];
  const rowOfPage: number[] = [];
  groups.forEach((g, gi) => {
    rows.push({ kind: 'header', group: gi, title: g.title, pages: g.pages });
    // Every PDF has a first page: it can be shown before the count is known.
    for (let p = 1; p <= (g.pages ?? 1); p++) {
      rowOfPage.push(rows.length);
      rows.push({ kind: 'page', index: pages.length });
      pages.push({ key: g.key, page: p, group: gi, groupTitle: g.title, groupPages: g.pages ?? 0, number: pages.length + 1 });
    }
  });
  return { pages, rows, rowOfPage, partial: groups.some((g) => g.pages === undefined) };
}
