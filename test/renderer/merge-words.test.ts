// What the merge screen says, from the view main sends: counts in words with their plurals,
// an estimate that leaves out what is not known, each row's status.

import { describe, expect, it } from 'vitest';
import {
  countText,
  doneText,
  estimateText,
  headerPreview,
  kindsText,
  progressText,
  rowStatus,
  sendLabel,
} from '../../renderer/src/screens/merge/merge-words.ts';

const row = { row: 4, line: 5, display: '+1 212 555 0104', values: {}, problems: [], leftOut: false };
const progress = {
  total: 48,
  rendered: 48,
  queued: 46,
  failed: 2,
  skipped: 0,
  canceled: 0,
  notSent: [{ code: 'converter-timeout', message: 'LibreOffice did not finish row 3’s document within 60 s.', rows: 2 }],
  pageMismatch: 0,
  converter: 'libreoffice' as const,
};

describe('merge words', () => {
  it('counts the template’s kinds of field, one and many', () => {
    expect(kindsText({ mergeFields: 3, tags: 1 })).toBe('3 Word merge fields, 1 {{tag}}');
    expect(kindsText({ mergeFields: 1, tags: 0 })).toBe('1 Word merge field');
    expect(kindsText({ mergeFields: 0, tags: 2 })).toBe('2 {{tags}}');
  });

  it('states the estimate with what is known, and the one button’s words', () => {
    expect(estimateText({ faxes: 48, pagesPerFax: 2, cost: 6.72 })).toBe('48 faxes · 2 pages each · about $6.72');
    expect(estimateText({ faxes: 1, pagesPerFax: 1, cost: null })).toBe('1 fax · 1 page each');
    expect(estimateText({ faxes: 3, pagesPerFax: null, cost: null })).toBe('3 faxes');
    expect([sendLabel(48), sendLabel(1)]).toEqual(['Send 48 faxes', 'Send 1 fax']);
  });

  it('gives each row a status in words, problems before duplicates, left out before both', () => {
    expect(rowStatus(row)).toEqual({ tone: 'green', label: 'Ready' });
    expect(rowStatus({ ...row, problems: ['No fax number: type it.'] })).toMatchObject({
      tone: 'red',
      label: 'Problem',
      detail: 'No fax number: type it.',
    });
    expect(rowStatus({ ...row, problems: ['a.', 'b.'], duplicateOf: 1 })).toMatchObject({ label: '2 problems' });
    expect(rowStatus({ ...row, duplicateOf: 1 })).toMatchObject({ tone: 'amber', label: 'Duplicate of row 2' });
    // The earlier row's number as the person counts it, when main says it (a blank line above moves it).
    expect(rowStatus({ ...row, duplicateOf: 1, duplicateOfLine: 4 })).toMatchObject({ label: 'Duplicate of row 4' });
    expect(rowStatus({ ...row, problems: ['a.'], leftOut: true })).toMatchObject({ tone: 'grey', label: 'Left out' });
    expect(
      rowStatus({ ...row, state: 'failed', error: { code: 'timeout', message: 'LibreOffice took over 60 s.', action: 'Try again.' } }),
    ).toMatchObject({
      tone: 'red',
      label: 'Not made',
      detail: 'LibreOffice took over 60 s. Try again.',
    });
  });

  it('tells a header that was cut from one that fits', () => {
    expect(headerPreview('DR ALICE MORGAN-SMITH', 'DR ALICE MORGAN')).toEqual({ sent: 'DR ALICE MORGAN', cut: true });
    expect(headerPreview(' DR LEE ', 'DR LEE')).toEqual({ sent: 'DR LEE', cut: false });
  });

  it('sums up a run and its end', () => {
    expect(progressText(progress)).toBe('48 of 48 made · 46 in the Outbox · 2 not sent: could not be made');
    const view = { state: 'done', progress } as Parameters<typeof doneText>[0];
    expect(doneText(view)).toBe('46 faxes went to the Outbox · 2 not sent: could not be made.');
    const canceled = {
      ...progress,
      rendered: 10,
      queued: 10,
      failed: 0,
      canceled: 38,
      notSent: [{ code: 'canceled', message: 'canceled', rows: 38 }],
    };
    expect(doneText({ ...view, state: 'canceled', progress: canceled })).toBe(
      'The merge was canceled. 10 faxes went to the Outbox · 38 not sent: canceled.',
    );
  });

  it('says the rows the duplicate guard refused as they went, never dropping them', () => {
    // The review's case: four rows, the fourth already sent to that number.
    const p = {
      ...progress,
      total: 4,
      rendered: 4,
      queued: 3,
      failed: 0,
      skipped: 1,
      notSent: [{ code: 'duplicate', message: 'This fax went to +1 212 555 0101 today.', rows: 1 }],
    };
    expect(doneText({ state: 'done', progress: p } as Parameters<typeof doneText>[0])).toBe(
      '3 faxes went to the Outbox · 1 not sent: already sent to that number.',
    );
    const mixed = {
      ...p,
      failed: 2,
      notSent: [...p.notSent, { code: 'converter-timeout', message: 'x', rows: 1 }, { code: 'converter-crashed', message: 'y', rows: 1 }],
    };
    expect(progressText(mixed)).toBe('4 of 4 made · 3 in the Outbox · 3 not sent: 1 already sent to that number, 2 could not be made');
  });

  it('counts in the singular and the plural', () => {
    expect(countText(1, 'duplicate number')).toBe('1 duplicate number');
    expect(countText(2, 'duplicate number')).toBe('2 duplicate numbers');
    expect(countText(1200, 'column')).toBe(`${(1200).toLocaleString()} columns`);
  });
});
