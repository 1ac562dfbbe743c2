// The prototype keys a renderer can put in a well-formed request (`__proto__`, `constructor`,
// `prototype`, as JSON.parse and structured clone make them: own keys) never reach a handler
// as such: the router hands each handler the schema's parsed output, whose objects have the
// ordinary prototypes and no own `__proto__` key, and no built-in prototype gains a key.
// Only `updateSettings` takes values of any shape (its patch), and it checks each by key.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIpcRouter, type Handlers } from '../../../electron/app/ipc-router.ts';
import { METHOD_NAMES, methods } from '../../../shared/ipc/contract.ts';
import { prototypeIntruders } from './data-snapshot.ts';
import { HOSTILE_SEED, validValue } from './hostile-payloads.ts';

const BAIT = '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}}';

/** `value` with the bait's own keys added to every object in it (arrays and primitives are left). */
function baited(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(baited);
  if (!value || typeof value !== 'object') return value;
  const out = JSON.parse(BAIT) as Record<string, unknown>;
  for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: baited(v), enumerable: true, writable: true });
  return out;
}

/** Where in `value` an object has an unusual prototype or an own `__proto__` key. */
function oddObjects(value: unknown, path = '(request)'): string[] {
  if (!value || typeof value !== 'object') return [];
  const proto = Object.getPrototypeOf(value);
  const here = proto === Object.prototype || proto === Array.prototype ? [] : [`${path}: prototype`];
  if (Object.hasOwn(value, '__proto__')) here.push(`${path}: own __proto__`);
  return [...here, ...Object.entries(value).flatMap(([k, v]) => oddObjects(v, `${path}.${k}`))];
}

describe('prototype keys in well-formed requests', () => {
  it.each(METHOD_NAMES)('%s: the handler gets plain objects only', async (method) => {
    let received: unknown;
    const handlers = new Proxy({} as Handlers, {
      get: () => (request: unknown) => {
        received = request;
        throw new Error('stop here');
      },
      ownKeys: () => [...METHOD_NAMES],
      getOwnPropertyDescriptor: () => ({ enumerable: true, configurable: true }),
    });
    const router = createIpcRouter(handlers);
    const schema = methods[method].request;
    await fc.assert(
      fc.asyncProperty(validValue(schema), async (valid) => {
        const payload = baited(valid);
        fc.pre(schema.safeParse(payload).success);
        received = undefined;
        await router.dispatch(method, structuredClone(payload), { transport: 'electron' });
        if (method === 'updateSettings') {
          // The patch's values may be of any shape (each is checked against its setting's schema); the patch itself is plain.
          const { patch } = received as { patch: object };
          expect(Object.getPrototypeOf(patch)).toBe(Object.prototype);
          expect(Object.hasOwn(patch, '__proto__')).toBe(false);
        } else {
          expect(oddObjects(received)).toEqual([]);
        }
        expect(prototypeIntruders()).toEqual([]);
      }),
      { seed: HOSTILE_SEED, numRuns: 25 },
    );
  });
});
