// A stand-in for main behind `window.openfax`, for renderer tests in happy-dom. Each test
// says how main answers a method; every request is parsed with the contract's request
// schema and every answer with its response schema (as main's router does), so a fake that
// answers unlike main, or a store that asks unlike the contract, fails the test.
//
// Import this module before the store: the store reads the bridge's capabilities when it
// is created.

import type { z } from 'zod';
import {
  type EventName,
  type EventPayload,
  events,
  EVENT_NAMES,
  METHOD_NAMES,
  type MethodName,
  type MethodParsedRequest,
  type MethodResponse,
  methods,
  type OpenfaxBridge,
} from '../../shared/ipc/contract.ts';
import { type Capabilities, type IpcResult, subscriptionName } from '../../shared/ipc/define.ts';

type Handler<K extends MethodName> = (request: MethodParsedRequest<K>) => MethodResponse<K> | Promise<MethodResponse<K>>;

export interface FakeMain {
  /** Every request the renderer made, in order, as parsed by the contract. */
  readonly calls: Array<{ name: MethodName; request: unknown }>;
  /** How main answers `name` from now on. */
  answer<K extends MethodName>(name: K, handler: Handler<K>): void;
  /** `name` fails as main's router reports a failure (the renderer sees an IpcError). */
  refuse(name: MethodName, message: string): void;
  /** Pushes an event, as main does, to every subscriber. */
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
  /** The requests made to one method. */
  requestsTo<K extends MethodName>(name: K): Array<MethodParsedRequest<K>>;
  /** Forgets handlers and calls (subscriptions stay: they belong to the code under test). */
  reset(): void;
}

function createFakeMain(capabilities: Capabilities): { main: FakeMain; bridge: OpenfaxBridge } {
  const handlers = new Map<MethodName, (request: unknown) => unknown>();
  const failures = new Map<MethodName, string>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const calls: FakeMain['calls'] = [];

  const invoke = async (name: MethodName, raw: unknown): Promise<IpcResult<unknown>> => {
    const spec = methods[name] as { request: z.ZodType; response: z.ZodType };
    const parsed = spec.request.safeParse(raw);
    if (!parsed.success) {
      throw new Error(`The renderer sent ${name} a request main would refuse: ${parsed.error.message}`);
    }
    calls.push({ name, request: parsed.data });
    const failure = failures.get(name);
    if (failure !== undefined) return { ok: false, error: { code: 'failed', message: failure } };
    const handler = handlers.get(name);
    if (!handler) return { ok: false, error: { code: 'internal', message: `The fake main has no answer for ${name}.` } };
    // Main's answer crosses the bridge as a copy, never as the object the test holds.
    return { ok: true, value: structuredClone(spec.response.parse(await handler(parsed.data))) };
  };

  const bridge: Record<string, unknown> = { capabilities };
  for (const name of METHOD_NAMES) bridge[name] = (request: unknown) => invoke(name, request);
  for (const name of EVENT_NAMES) {
    bridge[subscriptionName(name)] = (listener: (payload: unknown) => void) => {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    };
  }

  const main: FakeMain = {
    calls,
    answer(name, handler) {
      failures.delete(name);
      handlers.set(name, handler as (request: unknown) => unknown);
    },
    refuse(name, message) {
      failures.set(name, message);
    },
    emit(name, payload) {
      const parsed = (events[name] as z.ZodType).parse(payload);
      for (const l of listeners.get(name) ?? []) l(structuredClone(parsed));
    },
    requestsTo<K extends MethodName>(name: K) {
      return calls.filter((c) => c.name === name).map((c) => c.request as MethodParsedRequest<K>);
    },
    reset() {
      handlers.clear();
      failures.clear();
      calls.length = 0;
    },
  };
  return { main, bridge: Object.freeze(bridge) as unknown as OpenfaxBridge };
}

const created = createFakeMain({ transport: 'web', nativeFiles: false });
window.openfax = created.bridge;

export const fakeMain = created.main;
