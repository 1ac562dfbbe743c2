import { describe, expect, it } from 'vitest';
import { createEventGate } from '../../../electron/core/event-gate.ts';

describe('event gate', () => {
  it('holds events until the renderer listens, then delivers them in order, then passes them straight on', () => {
    const got: string[] = [];
    const gate = createEventGate((name) => got.push(name));
    gate.send('navigate', { screen: 'compose' });
    gate.send('composeChanged', {});
    expect(got).toEqual([]);
    expect(gate.open()).toBe(2);
    expect(got).toEqual(['navigate', 'composeChanged']);
    gate.send('jobsChanged', {});
    expect(got).toEqual(['navigate', 'composeChanged', 'jobsChanged']);
  });

  it('holds again after a reload and keeps at most 1,000 events, dropping the oldest', () => {
    const got: number[] = [];
    const gate = createEventGate((_name, payload) => got.push(payload as number));
    gate.open();
    gate.close();
    for (let i = 0; i < 1_005; i++) gate.send('e', i);
    expect(gate.open()).toBe(1_000);
    expect(got[0]).toBe(5);
    expect(got.at(-1)).toBe(1_004);
  });
});
