import { describe, expect, it } from 'vitest';
import { flattenGroups } from '../../../renderer/src/preview/page-list.ts';

describe('preview page list', () => {
  it('numbers the pages of the cover and each document as one fax, showing the first page of one still opening', () => {
    const flat = flattenGroups([
      { key: 'cover:1', title: 'Cover page', pages: 1, kind: 'cover' },
      { key: 'doc-a', title: 'a.pdf', pages: 2, kind: 'document' },
      { key: 'local:1', title: 'b.pdf', pages: undefined, kind: 'pending' },
      { key: 'doc-c', title: 'c.pdf', pages: 1, kind: 'document' },
    ]);
    expect(flat.pages.map((p) => [p.number, p.key, p.page, p.groupPages])).toEqual([
      [1, 'cover:1', 1, 1],
      [2, 'doc-a', 1, 2],
      [3, 'doc-a', 2, 2],
      [4, 'local:1', 1, 0],
      [5, 'doc-c', 1, 1],
    ]);
    expect(flat.rows.map((r) => (r.kind === 'header' ? `h:${r.title}` : `p:${r.index}`))).toEqual([
      'h:Cover page',
      'p:0',
      'h:a.pdf',
      'p:1',
      'p:2',
      'h:b.pdf',
      'p:3',
      'h:c.pdf',
      'p:4',
    ]);
    expect(flat.rowOfPage).toEqual([1, 3, 4, 6, 8]);
    expect(flat.partial).toBe(true);
  });
});
