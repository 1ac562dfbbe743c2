import { describe, expect, it } from 'vitest';
import { estimateFax, estimateLine, formatDuration, resolutionHint } from '../../../renderer/src/screens/compose/estimate.ts';
import { transmissionSeconds } from '../../../shared/call-timing.ts';

describe('estimate', () => {
  it('times a call from its pages and the resolution', () => {
    expect(transmissionSeconds(3, 'standard')).toBe(90);
    expect(transmissionSeconds(3, 'fine')).toBe(150);
    expect(transmissionSeconds(0, 'fine')).toBe(0);
  });

  it('prices one recipient and a broadcast, and flags a short credit', () => {
    const one = estimateFax({ pages: 3, recipients: 1, resolution: 'standard', pricePerPage: 0.07, credit: 10 });
    expect(one).toMatchObject({ costPerRecipient: 0.21, totalCost: 0.21, short: false, secondsPerRecipient: 90 });
    expect(estimateLine(one)).toBe('3 pages · about 1 min 30 s per recipient · $0.21');

    const many = estimateFax({ pages: 3, recipients: 4, resolution: 'fine', pricePerPage: 0.07, credit: 0.5 });
    expect(many).toMatchObject({ totalCost: 0.84, short: true });
    expect(estimateLine(many)).toBe('3 pages · about 2 min 30 s per recipient · $0.21 each, $0.84 for 4');
  });

  it('shows no cost when the price is unknown', () => {
    const e = estimateFax({ pages: 1, recipients: 2, resolution: 'standard', credit: 5 });
    expect(e.totalCost).toBeUndefined();
    expect(e.short).toBe(false);
    expect(estimateLine(e)).toBe('1 page · about 50 s per recipient');
  });

  it('words durations the way people read them', () => {
    expect(formatDuration(50)).toBe('about 50 s');
    expect(formatDuration(4)).toBe('about 10 s');
    expect(formatDuration(60)).toBe('about 1 min');
    expect(formatDuration(130)).toBe('about 2 min 10 s');
    expect(formatDuration(30 + 40 * 30)).toBe('about 21 min');
  });

  it('says what fine resolution costs in time', () => {
    expect(resolutionHint(3, 'standard')).toBe('Faster: about 1 min 30 s per recipient (fine: 2 min 30 s).');
    expect(resolutionHint(3, 'fine')).toBe('Sharper small print; about 2 min 30 s per recipient instead of 1 min 30 s.');
  });
});
