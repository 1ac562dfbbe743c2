import { describe, expect, it } from 'vitest';
import { estimateFax, estimateLine } from '../../../renderer/src/screens/compose/estimate.ts';

const line = (over: Parameters<typeof estimateFax>[0]) => estimateLine(estimateFax(over));
const base = { pages: 3, recipients: 1, resolution: 'standard' as const };

describe('the estimate says which price it used', () => {
  it('names a learned price with how many faxes it came from', () => {
    expect(line({ ...base, pricePerPage: 0.07, priceSource: 'history', learnedFrom: 12 })).toBe(
      '3 pages · about 1 min 30 s per recipient · $0.21 (learned from your last 12 faxes)',
    );
    expect(line({ ...base, pricePerPage: 0.07, priceSource: 'history', learnedFrom: 1 })).toMatch(/\(learned from your last fax\)$/);
  });

  it('names the set price and the sandbox price', () => {
    expect(line({ ...base, recipients: 2, pricePerPage: 0.1, priceSource: 'settings' })).toBe(
      '3 pages · about 1 min 30 s per recipient · $0.30 each, $0.60 for 2 (your set price)',
    );
    expect(line({ ...base, pricePerPage: 0.07, priceSource: 'sandbox' })).toMatch(/\$0\.21 \(sandbox price\)$/);
  });

  it('says the price is unknown instead of showing a made-up one', () => {
    expect(line({ ...base, priceSource: 'unknown' })).toBe('3 pages · about 1 min 30 s per recipient · price unknown');
    expect(line({ ...base, pages: 0, priceSource: 'unknown' })).toBe('0 pages');
  });
});
