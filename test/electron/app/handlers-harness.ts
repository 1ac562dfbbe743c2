// The real app for handler tests: services built the way every entry builds them (a temp data
// folder, a memory keychain, the in-memory sandbox), the real handler table behind the real
// router with response checks on, and a host whose dialogs answer what the test queued.
// Every channel dispatched is recorded, so each file can prove it reached all of its feature's.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createHandlers } from '../../../electron/app/handlers/index.ts';
import { createIpcRouter } from '../../../electron/app/ipc-router.ts';
import { type AppServices, createAppServices, type ServicesOptions } from '../../../electron/app/services.ts';
import { createHeadlessHost, type HostAdapter } from '../../../electron/core/host.ts';
import { createMemorySecretStore, type SecretStore } from '../../../electron/secrets/secret-store.ts';
import type { MethodName, MethodRequest, MethodResponse } from '../../../shared/ipc/contract.ts';
import type { IpcErrorPayload, IpcResult, MethodTable } from '../../../shared/ipc/define.ts';

type Transport = 'electron' | 'web';
type PickFiles = NonNullable<HostAdapter['pickFiles']>;
type PickFolder = NonNullable<HostAdapter['pickFolder']>;
type PickSavePath = NonNullable<HostAdapter['pickSavePath']>;
type Confirm = NonNullable<HostAdapter['confirm']>;

/** A host whose native dialogs answer from queues (empty queue: the person canceled). */
export interface AnsweringHost extends HostAdapter {
  transport: Transport;
  /** False: the dialogs are absent, as in the browser host. */
  dialogs: boolean;
  /** `confirms`: the answers to native yes/no questions (empty queue: Cancel). */
  answers: { files: string[][]; folders: string[]; savePaths: string[]; confirms: boolean[] };
  /** The yes/no questions asked, in order (their titles are in `asked` too). */
  questions: Array<Parameters<Confirm>[0]>;
  /** Titles of the dialogs shown, in order. */
  asked: string[];
  /** Paths handed to the OS to open. */
  opened: string[];
  /** What openPath answers (false: no program for it). */
  canOpen: boolean;
  notifications: Array<{ title: string; body: string }>;
}

function createAnsweringHost(transport: Transport = 'web'): AnsweringHost {
  const base = createHeadlessHost(transport);
  const pickFiles: PickFiles = async (o) => {
    host.asked.push(o.title);
    return host.answers.files.shift() ?? [];
  };
  const pickFolder: PickFolder = async (o) => {
    host.asked.push(o.title);
    return host.answers.folders.shift();
  };
  const pickSavePath: PickSavePath = async (o) => {
    host.asked.push(o.title);
    return host.answers.savePaths.shift();
  };
  const confirm: Confirm = async (q) => {
    host.asked.push(q.title);
    host.questions.push(q);
    return host.answers.confirms.shift() ?? false;
  };
  const host: AnsweringHost = {
    transport,
    dialogs: true,
    answers: { files: [], folders: [], savePaths: [], confirms: [] },
    questions: [],
    asked: [],
    opened: [],
    canOpen: true,
    notifications: base.notifications,
    notify: (title, body) => base.notify(title, body),
    setBadgeCount: (n) => base.setBadgeCount(n),
    focusWindow: () => base.focusWindow(),
    async openPath(path) {
      host.opened.push(path);
      return host.canOpen;
    },
    // Getters: the handlers ask `if (!host.pickFiles)` to tell a browser from the desktop app.
    get pickFiles() {
      return host.dialogs ? pickFiles : undefined;
    },
    get pickFolder() {
      return host.dialogs ? pickFolder : undefined;
    },
    get pickSavePath() {
      return host.dialogs ? pickSavePath : undefined;
    },
    get confirm() {
      return host.dialogs ? confirm : undefined;
    },
  };
  return host;
}

export interface HandlersHarness {
  services: AppServices;
  host: AnsweringHost;
  secrets: SecretStore;
  dataDir: string;
  /** The Documents folder the default hot folder lives in. */
  documentsDir: string;
  /** Through the router, as a renderer would send it (any payload, even a malformed one). */
  dispatch(name: string, payload: unknown, transport?: Transport): Promise<IpcResult<unknown>>;
  /** A dispatch that must answer ok: its value, typed by the contract. */
  value<K extends MethodName>(name: K, payload: MethodRequest<K>, transport?: Transport): Promise<MethodResponse<K>>;
  /** A dispatch that must be refused: the error payload. */
  refusal(name: string, payload: unknown, transport?: Transport): Promise<IpcErrorPayload>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Where the names of dispatched channels go (one set per test file). */
  dispatched: Set<string>;
  transport?: Transport;
  /** Start the hot folder (in a temp Documents folder); off by default. */
  hotFolder?: boolean;
  secrets?: SecretStore;
  printer?: ServicesOptions['printer'];
}

export async function startHandlers(opts: HarnessOptions): Promise<HandlersHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'openfax-handlers-'));
  const documentsDir = join(dataDir, 'Documents');
  const host = createAnsweringHost(opts.transport ?? 'web');
  const secrets = opts.secrets ?? createMemorySecretStore();
  const services = await createAppServices({
    dataDir,
    host,
    version: 'test',
    secrets,
    sandbox: { speed: 5000, inMemory: true },
    hotFolder: opts.hotFolder
      ? { enabled: true, documentsDir, watcher: { settleMs: 50, rescanIntervalMs: 200 } }
      : { enabled: false, documentsDir },
    printer: opts.printer,
  });
  const router = createIpcRouter(createHandlers(services), { validateResponses: true });

  const dispatch: HandlersHarness['dispatch'] = (name, payload, transport = host.transport) => {
    opts.dispatched.add(name);
    return router.dispatch(name, payload, { transport });
  };
  return {
    services,
    host,
    secrets,
    dataDir,
    documentsDir,
    dispatch,
    async value(name, payload, transport) {
      const r = await dispatch(name, payload, transport);
      if (!r.ok) throw new Error(`${name} was refused: ${JSON.stringify(r.error)}`);
      return r.value as MethodResponse<typeof name>;
    },
    async refusal(name, payload, transport) {
      const r = await dispatch(name, payload, transport);
      if (r.ok) throw new Error(`${name} answered ok: ${JSON.stringify(r.value).slice(0, 300)}`);
      return r.error;
    },
    async close() {
      await services.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The last test of a handlers-<feature> file: every channel of the feature's contract table
 * went through the router. handlers-coverage.test.ts checks each feature has one.
 */
export function itDispatchedEvery(table: MethodTable, dispatched: ReadonlySet<string>): void {
  it('dispatched every channel of the feature through the router', () => {
    expect(Object.keys(table).filter((name) => !dispatched.has(name))).toEqual([]);
  });
}
