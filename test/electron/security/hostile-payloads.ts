// Payloads a hostile renderer could send, built from the contract's own zod schemas by walking
// them (zod 4 keeps each schema's definition in `schema._zod.def`). `validValue` makes what a
// channel accepts; `hostilePayload` makes what it must refuse: anything at all (wrong types,
// prototype keys, deep nesting, huge strings and arrays, NaN, Maps…), and "near-valid" values
// (a valid one with one field broken, dropped or swapped). A schema kind the walker does not know
// throws, so a new kind in the contract is met here before it ships untested.

import fc from 'fast-check';
import type { z } from 'zod';

export type Transport = 'web' | 'electron';

/** The fixed seed of every hostile run: a failure prints it, and the same seed replays it. */
export const HOSTILE_SEED = 0x18_0618;

type Def = { type: string; checks?: Array<{ _zod: { def: Record<string, any> } }>; [key: string]: any };
const defOf = (schema: z.ZodType): Def => (schema as any)._zod.def;
const checksOf = (def: Def) => [...(def.checks ?? []).map((c) => c._zod.def), ...(def.check ? [def] : [])];
const isOptional = (schema: z.ZodType) => (schema as any)._zod.optin === 'optional';

/** What the transport delivers to main: JSON text over the WebSocket, a structured clone over Electron's IPC. */
function overWire(value: unknown, transport: Transport): { ok: true; value: unknown } | { ok: false } {
  try {
    if (transport === 'electron') return { ok: true, value: structuredClone(value) };
    const text = JSON.stringify(value);
    return { ok: true, value: text === undefined ? undefined : JSON.parse(text) };
  } catch {
    // Too deep to clone or serialise: the sending side throws, nothing reaches main.
    return { ok: false };
  }
}

function lengths(def: Def): { min: number; max: number | undefined } {
  let min = 0;
  let max: number | undefined;
  for (const c of checksOf(def)) {
    if (c.check === 'min_length') min = Math.max(min, c.minimum);
    if (c.check === 'max_length') max = Math.min(max ?? Number.POSITIVE_INFINITY, c.maximum);
  }
  return { min, max };
}

function numberRange(def: Def): { min: number; max: number; int: boolean } {
  let min = Number.NEGATIVE_INFINITY;
  let max = Number.POSITIVE_INFINITY;
  let int = false;
  for (const c of checksOf(def)) {
    if (c.check === 'greater_than') min = Math.max(min, c.inclusive ? c.value : c.value + (Number.isInteger(c.value) ? 1 : 1e-9));
    if (c.check === 'less_than') max = Math.min(max, c.inclusive ? c.value : c.value - (Number.isInteger(c.value) ? 1 : 1e-9));
    if (c.check === 'number_format' && /int/.test(c.format)) int = true;
  }
  return { min, max, int };
}

function patternOf(def: Def): RegExp | undefined {
  return checksOf(def).find((c) => c.check === 'string_format' && c.format === 'regex')?.pattern;
}

const unknownValue = fc.jsonValue({ maxDepth: 2 });

/** Values `schema` accepts (small ones: the point is their shape, not their size). */
export function validValue(schema: z.ZodType): fc.Arbitrary<unknown> {
  return validOf(schema).filter((v) => schema.safeParse(v).success);
}

function validOf(schema: z.ZodType): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'void':
    case 'undefined':
      return fc.constant(undefined);
    case 'unknown':
    case 'any':
      return unknownValue;
    case 'boolean':
      return fc.boolean();
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, string>));
    case 'string': {
      const { min, max } = lengths(def);
      const pattern = patternOf(def);
      if (pattern) return fc.stringMatching(pattern).filter((s) => s.length >= min && s.length <= (max ?? Number.POSITIVE_INFINITY));
      return fc.string({ minLength: min, maxLength: Math.min(max ?? min + 24, min + 24) });
    }
    case 'number': {
      const r = numberRange(def);
      const min = Math.max(r.min, -1e6);
      const max = Math.min(r.max, 1e6);
      return r.int
        ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
        : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'array': {
      const { min, max } = lengths(def);
      return fc.array(validOf(def.element), { minLength: min, maxLength: Math.min(max ?? min + 3, min + 3) });
    }
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      const keys = Object.keys(shape);
      const model = Object.fromEntries(keys.map((k) => [k, validOf(shape[k]!)]));
      return fc.record(model, { requiredKeys: keys.filter((k) => !isOptional(shape[k]!)) });
    }
    case 'optional':
    case 'default':
    case 'prefault':
      return fc.option(validOf(def.innerType), { nil: undefined, freq: 3 });
    case 'nullable':
      return fc.option(validOf(def.innerType), { nil: null, freq: 3 });
    case 'readonly':
    case 'nonoptional':
      return validOf(def.innerType);
    case 'union':
      return fc.oneof(...(def.options as z.ZodType[]).map(validOf));
    case 'record': {
      const keyValues: Set<string> | undefined = (def.keyType as any)._zod.values;
      const value = validOf(def.valueType);
      if (keyValues) {
        const keys = [...keyValues];
        return fc.record(Object.fromEntries(keys.map((k) => [k, value])), def.partial ? { requiredKeys: [] } : undefined);
      }
      return fc.dictionary(validOf(def.keyType) as fc.Arbitrary<string>, value, { maxKeys: 3 });
    }
    default:
      throw new Error(`hostile-payloads: no generator for zod kind "${def.type}"; teach validOf and wrongFor about it`);
  }
}

// --- what must be refused ------------------------------------------------------------------

/** Keys that reach prototypes when code copies an object key by key. */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'] as const;

/** An object with own `__proto__` and `constructor` keys (as JSON.parse makes them), carrying a marker. */
function prototypeBait(): Record<string, unknown> {
  return JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}}');
}

/** `[[[…]]]` or `{"a":{"a":…}}` nested `depth` times (built without recursion). */
function deeplyNested(depth: number, kind: 'array' | 'object'): unknown {
  let v: unknown = 0;
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}

/** Longer caps than this are not crossed on every run: `overCapPayloads` crosses each once. */
const HUGE_CAP = 100_000;

const hugeString = (min: number) => fc.integer({ min, max: min + 300_000 }).map((n) => 'A'.repeat(n));

/** Anything the transport can carry: JSON values over the WebSocket, and more over Electron's structured clone. */
function anythingFor(transport: Transport): fc.Arbitrary<unknown> {
  const key = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...PROTOTYPE_KEYS));
  const cloneable = transport === 'electron';
  return fc.anything({
    key,
    maxDepth: 3,
    maxKeys: 5,
    withBoxedValues: cloneable,
    withMap: cloneable,
    withSet: cloneable,
    withDate: cloneable,
    withTypedArray: cloneable,
    withBigInt: cloneable,
    withSparseArray: cloneable,
    withNullPrototype: true,
  });
}

/** Values of the wrong type or outside the bounds for `schema`. */
function wrongFor(schema: z.ZodType, transport: Transport): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const base: fc.Arbitrary<unknown>[] = [
    fc.constantFrom<unknown>(null, 0, -1, '', 'x', true, [], {}, Number.NaN, Number.POSITIVE_INFINITY, -0),
    fc.constant(prototypeBait()),
    anythingFor(transport),
  ];
  switch (def.type) {
    case 'string': {
      const { min, max } = lengths(def);
      const pattern = patternOf(def);
      if (max !== undefined && max <= HUGE_CAP)
        base.push(
          fc.integer({ min: max + 1, max: max + 64 }).map((n) => 'x'.repeat(n)),
          hugeString(max + 1),
        );
      if (min > 0) base.push(fc.string({ maxLength: min - 1 }));
      if (pattern) base.push(fc.string({ maxLength: 40 }).filter((s) => !pattern.test(s)));
      base.push(fc.integer(), fc.array(fc.string(), { maxLength: 2 }));
      break;
    }
    case 'number': {
      const r = numberRange(def);
      base.push(fc.constantFrom(Number.NEGATIVE_INFINITY, Number.MAX_VALUE, 2 ** 53, '1', '0x10', `${r.min}`));
      if (Number.isFinite(r.min)) base.push(fc.double({ max: r.min - 1e-6, noNaN: true }));
      if (Number.isFinite(r.max)) base.push(fc.double({ min: r.max + 1e-6, noNaN: true }));
      if (r.int) base.push(fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((n) => !Number.isInteger(n)));
      break;
    }
    case 'boolean':
      base.push(fc.constantFrom('true', 'false', 1, 0));
      break;
    case 'enum':
    case 'literal': {
      const allowed = def.type === 'enum' ? Object.values(def.entries) : def.values;
      base.push(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...PROTOTYPE_KEYS)).filter((s) => !allowed.includes(s)));
      base.push(fc.constantFrom(...allowed.map((s: unknown) => (typeof s === 'string' ? `${s.toUpperCase()} ` : `${String(s)}`))));
      break;
    }
    case 'array': {
      const { max } = lengths(def);
      if (max !== undefined) {
        base.push(validOf(def.element).map((item) => Array.from({ length: max + 1 }, () => item)));
      }
      base.push(fc.constant({ length: 1, 0: 'x' }), fc.array(wrongFor(def.element, transport), { minLength: 1, maxLength: 3 }));
      base.push(fc.integer({ min: 1, max: 5_000 }).map((n) => Array.from({ length: n }, () => prototypeBait())));
      break;
    }
    case 'object':
      base.push(fc.constant(deeplyNested(5_000, 'object')), fc.constant('[object Object]'));
      break;
    default:
      break;
  }
  return fc.oneof(...base);
}

type Step = string | number;

/** Every place in `value` a field of `schema` sits, with that field's schema (optional wrappers unwrapped). */
function sites(schema: z.ZodType, value: unknown, path: Step[] = []): Array<{ path: Step[]; schema: z.ZodType }> {
  const def = defOf(schema);
  const here = [{ path, schema }];
  if (value === undefined || value === null) return here;
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
    case 'readonly':
    case 'nonoptional':
      return sites(def.innerType, value, path);
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      const inner = Object.keys(shape).flatMap((k) => sites(shape[k]!, (value as Record<string, unknown>)[k], [...path, k]));
      return [...here, ...inner];
    }
    case 'array':
      return [...here, ...(value as unknown[]).flatMap((v, i) => sites(def.element, v, [...path, i]))];
    case 'union': {
      const match = (def.options as z.ZodType[]).find((o) => o.safeParse(value).success);
      return match ? sites(match, value, path) : here;
    }
    default:
      return here;
  }
}

function setAt(root: unknown, path: Step[], change: (parent: Record<Step, unknown>, key: Step) => void): unknown {
  if (path.length === 0) return root;
  const copy = structuredClone(root) as Record<Step, unknown>;
  let at = copy;
  for (const step of path.slice(0, -1)) at = at[step] as Record<Step, unknown>;
  change(at, path.at(-1)!);
  return copy;
}

/** Own keys, as JSON.parse makes them: an assignment to `__proto__` would set the prototype instead. */
function define(target: Record<Step, unknown>, key: Step, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * A valid value with one thing broken: a field swapped for a wrong one or dropped, sometimes
 * with the prototype keys added beside it (an object schema strips them; they must never matter).
 */
function nearValid(schema: z.ZodType, transport: Transport): fc.Arbitrary<unknown> {
  return validOf(schema).chain((valid) => {
    const places = sites(schema, valid);
    return fc.tuple(fc.constantFrom(...places), fc.boolean()).chain(([{ path, schema: at }, bait]) =>
      fc.oneof(wrongFor(at, transport), fc.constant(DROP)).map((wrong) => {
        if (path.length === 0) return wrong === DROP ? undefined : wrong;
        return setAt(valid, path, (parent, key) => {
          if (wrong === DROP) delete parent[key];
          else define(parent, key, wrong);
          if (bait && !Array.isArray(parent)) for (const [k, v] of Object.entries(prototypeBait())) define(parent, k, v);
        });
      }),
    );
  });
}

const DROP = Symbol('drop the field');

/**
 * For each string field whose cap is too long to cross on every run (a document's base64): a
 * valid payload with that one field a character over its cap. The suites send each once.
 */
export function overCapPayloads(schema: z.ZodType): Array<{ field: string; length: number; payload: unknown }> {
  const found = new Map<string, { field: string; length: number; payload: unknown }>();
  // Several valid values, so each branch of a union (a file's bytes, or the picker) shows its fields.
  for (const valid of fc.sample(validValue(schema), { numRuns: 30, seed: HOSTILE_SEED })) {
    for (const { path, schema: at } of sites(schema, valid)) {
      const def = defOf(at);
      const max = def.type === 'string' ? lengths(def).max : undefined;
      const field = path.map((step) => (typeof step === 'number' ? '*' : step)).join('.');
      if (max === undefined || max <= HUGE_CAP || path.length === 0 || found.has(field)) continue;
      found.set(field, { field, length: max + 1, payload: setAt(valid, path, (parent, key) => define(parent, key, 'A'.repeat(max + 1))) });
    }
  }
  return [...found.values()];
}

/** Payloads `schema` refuses once `transport` has carried them. */
export function hostilePayload(schema: z.ZodType, transport: Transport): fc.Arbitrary<unknown> {
  return fc
    .oneof({ arbitrary: nearValid(schema, transport), weight: 3 }, { arbitrary: wrongFor(schema, transport), weight: 2 })
    .filter((payload) => {
      const wire = overWire(payload, transport);
      return wire.ok && !schema.safeParse(wire.value).success;
    });
}
