import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_NAMES, HOST_MEMBERS } from '../../../shared/ipc/contract.ts';
import { eventChannel, methodChannel, subscriptionName } from '../../../shared/ipc/define.ts';
import { PAGE_METHOD_NAMES, PATH_NOT_GRANTED, PRELOAD_ONLY_METHODS } from '../../../shared/ipc/names.ts';
import * as electron from '../../fakes/electron.ts';

const { fake, droppedFiles } = electron;
// What Electron's sandboxed preload may require: 'electron' and a few polyfills, nothing else.
const SANDBOX_MODULES = new Set(['electron', 'events', 'timers', 'url']);

let exposed: Record<string, any>;
let code: string;
const required: string[] = [];
/** The window the preload listens on: what it added, for a test to fire as the browser would. */
const windowListeners: Array<{ type: string; listener: (event: unknown) => void; capture: unknown }> = [];
const fakeWindow = {
  addEventListener(type: string, listener: (event: unknown) => void, capture?: unknown) {
    windowListeners.push({ type, listener, capture });
  },
};

// out/ is rebuilt by the global setup (test/global-setup.ts) whenever a source is newer.
beforeAll(() => {
  const out = process.env.OPENFAX_OUT_DIR ?? resolve(import.meta.dirname, '../../../out');
  code = readFileSync(resolve(out, 'preload/index.cjs'), 'utf8');
  const module = { exports: {} };
  const sandboxRequire = (id: string) => {
    required.push(id);
    if (!SANDBOX_MODULES.has(id)) throw new Error(`module not found: ${id} (a sandboxed preload can only require electron)`);
    if (id === 'electron') return electron;
    throw new Error(`unexpected polyfill ${id}`);
  };
  // Runs as Electron runs a sandboxed preload: a CommonJS function body, no `import`, no Node.
  const fn = vm.runInThisContext(`(function (exports, require, module, process, window) {${code}\n})`);
  fn(module.exports, sandboxRequire, module, { platform: 'linux' }, fakeWindow);
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
    const expected = [...PAGE_METHOD_NAMES, ...EVENT_NAMES.map(subscriptionName), ...HOST_MEMBERS].sort();
    expect(Object.keys(exposed).sort()).toEqual(expected);
    expect(exposed.capabilities).toEqual({ transport: 'electron', nativeFiles: true });
    expect(Object.keys(exposed)).not.toContain('ipcRenderer');
    // No member takes a path from the page.
    for (const name of PRELOAD_ONLY_METHODS) expect(Object.keys(exposed)).not.toContain(name);
    expect(Object.keys(exposed)).not.toContain('pathForFile');
  });

  it('sends each method on its own channel', async () => {
    for (const name of PAGE_METHOD_NAMES) {
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

describe('built preload: dropped files', () => {
  const refusal = { ok: false, error: { code: PATH_NOT_GRANTED.code, message: PATH_NOT_GRANTED.message, field: 'files' } };
  const invokedSince = (from: number) => fake.invoked.slice(from);
  const drop = (files: unknown[], isTrusted: boolean) => {
    const listeners = windowListeners.filter((l) => l.type === 'drop');
    for (const { listener } of listeners) listener({ type: 'drop', isTrusted, dataTransfer: { files } });
  };

  it('listens for drops on the window before the page does (capture)', () => {
    expect(windowListeners.map(({ type, capture }) => ({ type, capture }))).toEqual([{ type: 'drop', capture: true }]);
  });

  it('refuses a File page script made, and anything that is no File, without asking main', async () => {
    const from = fake.invoked.length;
    const made = new File(['%PDF-1.7'], 'passwd.pdf');
    expect(await exposed.addDroppedFiles([made])).toEqual(refusal);
    expect(await exposed.addDroppedFiles(['/etc/passwd'])).toEqual(refusal);
    expect(await exposed.addDroppedFiles('/etc/passwd')).toEqual(refusal);
    expect(await exposed.addDroppedFiles([{ name: 'x.pdf', path: '/etc/passwd' }])).toEqual(refusal);
    expect(await exposed.addDroppedFiles([])).toEqual(refusal);
    // One made File among dropped ones: the whole request is refused.
    const dropped = new File(['%PDF-1.7'], 'Invoice.pdf');
    droppedFiles.set(dropped, '/home/ann/Invoice.pdf');
    expect(await exposed.addDroppedFiles([dropped, made])).toEqual(refusal);
    // A drop page script dispatched (isTrusted false) grants nothing.
    drop([dropped], false);
    expect(invokedSince(from)).toEqual([]);
  });

  it("grants a person's drop, then sends the dropped File's path to main", async () => {
    const from = fake.invoked.length;
    const dropped = new File(['%PDF-1.7'], 'Contract.pdf');
    droppedFiles.set(dropped, '/home/ann/Contract.pdf');
    // A made File in the same drop (none can be, but the listener does not rely on it) has no path to grant.
    drop([dropped, new File([''], 'made.pdf')], true);
    const answer = await exposed.addDroppedFiles([dropped]);
    expect(invokedSince(from)).toEqual([
      { channel: methodChannel('grantDroppedPaths'), payload: { paths: ['/home/ann/Contract.pdf'] } },
      { channel: methodChannel('addComposePaths'), payload: { paths: ['/home/ann/Contract.pdf'] } },
    ]);
    expect(answer).toEqual({
      ok: true,
      value: { channel: methodChannel('addComposePaths'), payload: { paths: ['/home/ann/Contract.pdf'] } },
    });
  });
});
