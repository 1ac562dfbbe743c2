import { describe, expect, it } from 'vitest';
import { CURRENT_STATE, LAST_STATUS, submitErrorInfo } from '../../shared/vendor-codes.ts';

describe('vendor code tables', () => {
  it('covers every documented LastStatus and CurrentState code', () => {
    expect(LAST_STATUS.map((s) => s.code)).toEqual([-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(CURRENT_STATE.map((s) => s.code)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(LAST_STATUS.filter((s) => s.redial).map((s) => s.code)).toEqual([1, 2, 4, 6, 7]);
  });

  it('matches the page’s spellings of the same answer without regard to case', () => {
    expect(submitErrorInfo('InvalidPaperSize')?.kind).toBe('bad-paper-size');
    expect(submitErrorInfo('invalidpapersize')?.kind).toBe('bad-paper-size');
    expect(submitErrorInfo('Restricted Number')?.kind).toBe('restricted');
    expect(submitErrorInfo('RESTRICTEDFAXNUMBER')?.kind).toBe('restricted');
    expect(submitErrorInfo('SomethingNew')).toBeUndefined();
  });
});
