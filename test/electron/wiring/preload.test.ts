import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_NAMES, HOST_MEMBERS, METHOD_NAMES } from '../../../shared/ipc/contract.ts';
import { eventChannel, methodChannel, subscriptionName } from '../../../shared/ipc/define.ts';
import * as electron from '../../fakes/electron.ts';

const { fake } = electron;
// What Electron's sandboxed preload may require: 'electron' and a few polyfills, nothing else.
const SANDBOX_MODULES = new Set(['electron', 'events', 'timers', 'url']);

let exposed: Record<string, any>;
let code: string;
const required: string[] = [];

// out/ is rebuilt by the global setup (test/global-setup.ts) whenever a source is newer.
beforeAll(() => {
  code = readFileSync(resolve(import.meta.dirname, '../../../out/preload/index.cjs'), 'utf8');
  const module = { exports: {} };
  const sandboxRequire = (id: string) => {
    required.push(id);
    if (!SANDBOX_MODULES.has(id)) throw new Error(`module not found: ${id} (a sandboxed preload can only require electron)`);
    if (id === 'electron') return electron;
    throw new Error(`unexpected polyfill ${id}`);
  };
  // Runs as Electron runs a sandboxed preload: a CommonJS function body, no `import`, no Node.
  const fn = vm.runInThisContext(`(function (exports, require, module, process) {${code}\n})`);
  fn(module.exports, sandboxRequire, module, { platform: 'linux' });
  exposed = fake.exposed.get('openfax') as Record<string, any>;
});

describe('built preload, run as a sandboxed preload', () => {
  it('requires nothing but electron', () => {
    expect(required.filter((id) => id !== 'electron')).toEqual([]);
  });

  it('carries the channel names only: no zod schemas in the file every window loads', () => {
    // With the schemas it was over 200 KB; main validates every payload, so the preload needs none.
    expect(code.length).toBeLessThan(20_000);
    expect(code).not.toContain('ZodError');
    expect(code).not.toContain('_zod');
  });

  it('exposes exactly the contract as one frozen object', () => {
    expect(Object.isFrozen(exposed)).toBe(true);
    const expected = [...METHOD_NAMES, ...EVENT_NAMES.map(subscriptionName), ...HOST_MEMBERS].sort();
    expect(Object.keys(exposed).sort()).toEqual(expected);
    expect(exposed.capabilities).toEqual({ transport: 'electron', nativeFiles: true });
    expect(Object.keys(exposed)).not.toContain('ipcRenderer');
  });

  it('sends each method on its own channel', async () => {
    for (const name of METHOD_NAMES) {
      const answer = await exposed[name]({ probe: name });
      expect(answer).toEqual({ ok: true, value: { channel: methodChannel(name), payload: { probe: name } } });
    }
  });

  it('subscribes to events and unsubscribes', () => {
    const name = EVENT_NAMES[0]!;
    const seen: unknown[] = [];
    const off = exposed[subscriptionName(name)]((p: unknown) => seen.push(p));
    const listeners = fake.rendererListeners.get(eventChannel(name))!;
    for (const l of listeners) l({ sender: 'main' }, { hello: 1 });
    expect(seen).toEqual([{ hello: 1 }]);
    off();
    expect(fake.rendererListeners.get(eventChannel(name))!.size).toBe(0);
  });
});
