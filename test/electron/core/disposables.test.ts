import { describe, expect, it } from 'vitest';
import { DisposableStore } from '../../../electron/core/disposables.ts';

describe('DisposableStore', () => {
  it('disposes newest first, awaits each, and goes on past a failure', async () => {
    const order: string[] = [];
    const d = new DisposableStore();
    d.add('store', () => order.push('store'));
    d.add('outbox', async () => {
      await Promise.resolve();
      order.push('outbox');
    });
    d.add('broken', () => {
      throw new Error('boom');
    });
    d.add('feed', () => order.push('feed'));
    expect(d.names).toEqual(['store', 'outbox', 'broken', 'feed']);
    await d.dispose();
    expect(order).toEqual(['feed', 'outbox', 'store']);
    expect(d.names).toEqual([]);
    expect(d.isDisposed).toBe(true);
  });

  it('undoes at once what is added after disposal began, so a late starter never leaks', async () => {
    const d = new DisposableStore();
    await d.dispose();
    let undone = false;
    d.add('late', () => {
      undone = true;
    });
    await Promise.resolve();
    expect(undone).toBe(true);
    expect(d.names).toEqual([]);
  });
});
