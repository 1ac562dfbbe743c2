// The account and settings channels through the real router: the key lands in the keychain
// (never in an answer), the real account is the sandbox reached over HTTP, settings rows
// change in SQLite, and the hot folder runs in a temp Documents folder.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { startSandbox } from '../../../electron/sandbox/index.ts';
import { createMemorySecretStore, type SecretStore, SecretStoreError } from '../../../electron/secrets/secret-store.ts';
import { encodeBoundKey } from '../../../electron/account/key-binding.ts';
import { getSetting } from '../../../electron/store/settings-repo.ts';
import { type OpenfaxStandIn, startOpenfaxStandIn } from '../../fakes/openfax-stand-in.ts';
import { accountMethods } from '../../../shared/ipc/contract/account.ts';
import { type HandlersHarness, itDispatchedEvery, startHandlers } from './handlers-harness.ts';

const dispatched = new Set<string>();
let h: HandlersHarness;
let keychainDown = false;

/** The memory keychain, which can be made to refuse like a locked OS keychain. */
function lockableKeychain(): SecretStore {
  const memory = createMemorySecretStore();
  const refuse = () => {
    if (keychainDown) throw new SecretStoreError('The test keychain is locked.', { code: 'keychain-failed' });
  };
  return {
    label: 'test keychain',
    get: (account) => memory.get(account),
    async set(account, secret) {
      refuse();
      await memory.set(account, secret);
    },
    async delete(account) {
      refuse();
      return memory.delete(account);
    },
  };
}

beforeAll(async () => {
  h = await startHandlers({ dispatched, hotFolder: true, secrets: lockableKeychain() });
});
afterAll(() => h.close());

const db = () => h.services.store.db;
const demo = () => h.services.sandbox.demoAccount;

describe('account channels', () => {
  it('start in the sandbox with no key, and reach it', async () => {
    expect(await h.value('getAccount', undefined)).toMatchObject({ mode: 'sandbox', keySet: false, accountId: '' });
    const test = await h.value('testConnection', undefined);
    expect(test).toEqual({ ok: true, mode: 'sandbox', credit: h.services.sandbox.getCredit(demo().accountId) });
    expect(['ok', 'idle', 'offline']).toContain((await h.value('getConnection', undefined)).state);
  });

  it('refuse credentials under the field to fix, and store nothing', async () => {
    const spaces = await h.value('saveAccount', { accountId: '100000001', apiKey: 'two words' });
    expect(spaces).toEqual({
      ok: false,
      field: 'apiKey',
      reason: 'The API key contains spaces. Paste it exactly as the portal shows it.',
    });
    const id = await h.value('saveAccount', { accountId: 'acct-1', apiKey: 'k' });
    expect(id).toMatchObject({ ok: false, field: 'accountId' });
    const url = await h.value('saveAccount', { accountId: '100000001', apiUrl: 'not a url' });
    expect(url).toMatchObject({ ok: false, field: 'apiUrl' });
    expect(getSetting(db(), 'accountId')).toBe('');
    expect(await h.secrets.get('100000001')).toBeUndefined();

    const bad = await h.refusal('saveAccount', { accountId: 100000001 });
    expect(bad).toMatchObject({ code: 'invalid-payload', issues: [{ path: 'accountId' }] });
  });

  it('save the account with its key in the keychain, switch to it and read its credit', async () => {
    // The real account is a simulator of its own: the app's closes while the app is live.
    const live = await startSandbox({ speed: 1000 });
    onTestFinished(() => live.close());
    live.setCredit(demo().accountId, 321.5);
    const saved = await h.value('saveAccount', { accountId: demo().accountId, apiKey: demo().apiKey, apiUrl: live.url });
    expect(saved).toMatchObject({ ok: true, account: { accountId: demo().accountId, keySet: true, liveReady: true } });
    expect(JSON.stringify(saved)).not.toContain(demo().apiKey);
    expect(await h.secrets.get(demo().accountId)).toBe(encodeBoundKey({ apiKey: demo().apiKey, origin: new URL(live.url).origin }));
    expect(getSetting(db(), 'accountId')).toBe(demo().accountId);
    expect(getSetting(db(), 'apiUrl')).toBe(live.url);

    expect(await h.value('setAccountMode', { mode: 'live' })).toMatchObject({ ok: true, account: { mode: 'live' } });
    expect(getSetting(db(), 'accountMode')).toBe('live');
    expect(h.services.sandbox.listening).toBe(false);
    const test = await h.value('testConnection', undefined);
    expect(test).toEqual({ ok: true, mode: 'live', credit: 321.5 });
  });

  it('report a locked keychain with its code, then remove the key and fall back to the sandbox', async () => {
    keychainDown = true;
    const locked = await h.refusal('removeApiKey', undefined);
    expect(locked).toEqual({ code: 'keychain-failed', message: 'The test keychain is locked.' });
    keychainDown = false;

    const removed = await h.value('removeApiKey', undefined);
    expect(removed).toMatchObject({ keySet: false, mode: 'sandbox' });
    expect(await h.secrets.get(demo().accountId)).toBeUndefined();
    expect(getSetting(db(), 'accountMode')).toBe('sandbox');
    expect(await h.value('setAccountMode', { mode: 'live' })).toEqual({
      ok: false,
      reason: 'Enter your account ID and API key before switching to the real account.',
      test: null,
    });
    expect(await h.refusal('setAccountMode', { mode: 'real' })).toMatchObject({ code: 'invalid-payload', issues: [{ path: 'mode' }] });
  });
});

describe('account trust channels', () => {
  let standIn: OpenfaxStandIn;
  beforeAll(async () => {
    standIn = await startOpenfaxStandIn({ credit: 17.25 });
  });
  afterAll(() => standIn.close());

  it('test the credentials as typed at their own address, naming it, and save nothing', async () => {
    const typed = { accountId: '777000111', apiKey: 'typed-key-31aa', apiUrl: standIn.url };
    expect(await h.value('testAccount', typed)).toEqual({
      outcome: 'connected',
      credit: 17.25,
      accountId: '777000111',
      apiUrl: standIn.url,
    });
    expect(standIn.received('typed-key-31aa')).toBe(true);
    expect(getSetting(db(), 'accountId')).not.toBe('777000111');
    expect(await h.secrets.get('777000111')).toBeUndefined();
    standIn.behaviour = 'refuse';
    const failed = await h.value('testAccount', typed);
    expect(failed).toMatchObject({ outcome: 'failed', apiUrl: standIn.url, error: { kind: 'auth', code: 'InvalidAuthentication' } });
    expect(await h.value('testAccount', { accountId: '777000111', apiUrl: standIn.url })).toMatchObject({
      outcome: 'invalid',
      field: 'apiKey',
    });
    expect(await h.refusal('testAccount', { accountId: 7 })).toMatchObject({ code: 'invalid-payload' });
    standIn.behaviour = 'answer';
  });

  it('refuse to go live on a failing test with the failure, switch anyway on request, and refuse a moved address', async () => {
    expect(await h.value('saveAccount', { accountId: '777000111', apiKey: 'typed-key-31aa', apiUrl: standIn.url })).toMatchObject({
      ok: true,
    });
    standIn.behaviour = 'refuse';
    const refused = await h.value('setAccountMode', { mode: 'live' });
    expect(refused).toMatchObject({ ok: false, test: { apiUrl: standIn.url, error: { kind: 'auth' } } });
    expect(getSetting(db(), 'accountMode')).toBe('sandbox');
    const anyway = await h.value('setAccountMode', { mode: 'live', anyway: true });
    expect(anyway).toMatchObject({ ok: true, account: { mode: 'live', connection: 'error' } });
    standIn.behaviour = 'answer';

    const moved = await h.value('saveAccount', { accountId: '777000111', apiUrl: h.services.sandbox.url });
    expect(moved).toMatchObject({ ok: false, field: 'apiKey', reason: expect.stringMatching(/Enter the key again/) });
    expect(getSetting(db(), 'apiUrl')).toBe(standIn.url);
    expect(await h.value('setAccountMode', { mode: 'sandbox' })).toMatchObject({
      ok: true,
      account: { mode: 'sandbox', connection: 'ok' },
    });
    expect((await h.value('getAccount', undefined)).credit).toBe(h.services.sandbox.getCredit(demo().accountId));
  });

  it('ask before the key goes to an address that is not Openfax’s: the browser’s renderer, or main natively in Electron', async () => {
    const company = 'https://fax.example.test';
    const typed = { accountId: '777000111', apiKey: 'company-key-77aa', apiUrl: company };
    // The browser host: refused with the origin to ask about, for saving and for testing alike.
    expect(await h.value('saveAccount', typed, 'web')).toEqual({
      ok: false,
      field: 'apiUrl',
      reason: expect.stringMatching(/not Openfax's own address/),
      confirmAddress: company,
    });
    expect(await h.value('testAccount', typed, 'web')).toMatchObject({ outcome: 'invalid', field: 'apiUrl', confirmAddress: company });
    expect(await h.value('saveAccount', { ...typed, apiUrl: 'http://fax.example.test' }, 'web')).toEqual({
      ok: false,
      field: 'apiUrl',
      reason: expect.stringContaining('unencrypted'),
    });
    expect(getSetting(db(), 'apiUrl')).toBe(standIn.url);

    // Electron: the renderer's word counts for nothing; main asks in a native dialog.
    const asked = h.host.questions.length;
    h.host.answers.confirms.push(false);
    expect(await h.value('saveAccount', { ...typed, trustAddress: company }, 'electron')).toEqual({
      ok: false,
      field: 'apiUrl',
      reason: 'Nothing was sent to fax.example.test: you chose not to send your API key there.',
    });
    expect(h.host.questions.slice(asked)).toEqual([
      {
        title: 'Another Openfax server',
        message: 'Send your Openfax API key to fax.example.test?',
        detail: expect.stringMatching(/^Only do this if your company runs its own Openfax-compatible server\./),
        confirmLabel: 'Send the key to fax.example.test',
      },
    ]);
    expect(getSetting(db(), 'apiUrl')).toBe(standIn.url);
    expect(await h.secrets.get('777000111')).not.toContain('company-key-77aa');

    // The browser's yes for this origin: saved (nothing is sent by saving).
    expect(await h.value('saveAccount', { ...typed, trustAddress: company }, 'web')).toMatchObject({
      ok: true,
      account: { apiUrl: company },
    });
    expect(await h.secrets.get('777000111')).toContain('company-key-77aa');
  });
});

describe('settings channels', () => {
  it('save checked settings in SQLite, and refuse all of a patch with one bad key', async () => {
    expect(await h.value('getSettings', undefined)).toMatchObject({ fromHeader: '', pollIntervalSeconds: 15 });
    const saved = await h.value('updateSettings', { patch: { fromHeader: 'Acme Front', pollIntervalSeconds: 20 } });
    expect(saved).toMatchObject({ ok: true, settings: { fromHeader: 'Acme Front', pollIntervalSeconds: 20 } });
    expect(getSetting(db(), 'fromHeader')).toBe('Acme Front');

    const refused = await h.value('updateSettings', { patch: { fromHeader: 'Other', pollIntervalSeconds: 1, accountId: '5' } });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(Object.keys(refused.errors).sort()).toEqual(['accountId', 'pollIntervalSeconds']);
    expect(getSetting(db(), 'fromHeader')).toBe('Acme Front');
  });
});

describe('hot folder channels', () => {
  it('watch the default folder, pause and resume it, and open it', async () => {
    const folder = join(h.documentsDir, 'Openfax Outbox');
    await vi.waitFor(async () => expect(await h.value('getHotFolder', undefined)).toMatchObject({ status: 'watching', folder }));
    expect(await h.value('setHotFolderPaused', { paused: true })).toMatchObject({ status: 'paused' });
    expect(await h.value('setHotFolderPaused', { paused: false })).toMatchObject({ folder });
    // The answer to resume comes before the new watcher is ready: wait for the state it reaches.
    await vi.waitFor(async () => expect(await h.value('getHotFolder', undefined)).toMatchObject({ status: 'watching' }));
    expect(await h.value('openHotFolder', undefined)).toEqual({ opened: true });
    expect(h.host.opened.at(-1)).toBe(folder);
    expect(await h.refusal('setHotFolderPaused', { paused: 'yes' })).toMatchObject({ code: 'invalid-payload' });
  });

  it('pick a folder only when it can be written, and say when there is no picker', async () => {
    const own = mkdtempSync(join(tmpdir(), 'openfax-picked-'));
    h.host.answers.folders.push(own);
    expect(await h.value('pickHotFolder', undefined)).toEqual({ kind: 'picked', path: own });
    rmSync(own, { recursive: true });
    // The Documents folder itself would give the hot folder every document in it.
    h.host.answers.folders.push(h.documentsDir);
    expect(await h.value('pickHotFolder', undefined)).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('Documents') });
    const file = join(tmpdir(), `openfax-not-a-folder-${process.pid}.txt`);
    writeFileSync(file, 'x');
    h.host.answers.folders.push(file);
    expect(await h.value('pickHotFolder', undefined)).toMatchObject({ kind: 'invalid', path: file });
    rmSync(file);
    expect(await h.value('pickHotFolder', undefined)).toEqual({ kind: 'canceled' });
    expect(h.host.asked.filter((t) => t === 'Choose the hot folder')).toHaveLength(4);
    h.host.dialogs = false;
    try {
      expect(await h.value('pickHotFolder', undefined)).toEqual({ kind: 'unsupported' });
    } finally {
      h.host.dialogs = true;
    }
  });

  it('refuse to pause a hot folder that is not running, with its code', async () => {
    const off = await startHandlers({ dispatched });
    try {
      expect(await off.value('getHotFolder', undefined)).toMatchObject({ status: 'off' });
      expect(await off.value('openHotFolder', undefined)).toEqual({ opened: false });
      expect(await off.refusal('setHotFolderPaused', { paused: true })).toEqual({
        code: 'hot-folder-off',
        message: 'The hot folder is not running in this session.',
      });
    } finally {
      await off.close();
    }
  });

  itDispatchedEvery(accountMethods, dispatched);
});
