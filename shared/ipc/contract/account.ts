// Channels of the account & settings feature. The API key goes in (saveAccount) and never
// comes back: the renderer only ever learns `keySet`.

import { z } from 'zod';
import { SettingsSchema } from '../../settings.ts';
import { method } from '../define.ts';

const ApiErrorView = z.object({
  /** The client's error kind: auth, inactive, network, timeout, http, … */
  kind: z.string(),
  code: z.string().nullable(),
  message: z.string(),
  action: z.string(),
});
export type ApiErrorView = z.infer<typeof ApiErrorView>;

export const MagicNumber = z.object({ example: z.string(), pattern: z.string(), outcome: z.string() });
export type MagicNumber = z.infer<typeof MagicNumber>;

export const AccountView = z.object({
  mode: z.enum(['sandbox', 'live']),
  accountId: z.string(),
  apiUrl: z.string(),
  keySet: z.boolean(),
  /** Why the stored key cannot be used with `apiUrl` (it was entered for another address); null when it can. */
  keyProblem: z.string().nullable(),
  /** An account ID and a key for `apiUrl` are stored: switching to the real account can be tried. */
  liveReady: z.boolean(),
  /** Where the key lives ("Secret Service keyring", "macOS Keychain"). */
  keychain: z.string(),
  keychainError: z.string().nullable(),
  credit: z.number().nullable(),
  creditCheckedAt: z.number().nullable(),
  lowCreditThreshold: z.number(),
  lowCredit: z.boolean(),
  /** ok: the last call worked; error: the last call failed (lastError says why); unknown: not tried yet. */
  connection: z.enum(['unknown', 'ok', 'error']),
  lastError: ApiErrorView.nullable(),
  sandbox: z.object({
    accountId: z.string(),
    magicNumbers: z.array(MagicNumber),
    otherNumbers: z.string(),
  }),
});
export type AccountView = z.infer<typeof AccountView>;

/** Whether the report poller can reach Openfax: the top bar's connection indicator. */
export const ConnectionView = z.object({
  state: z.enum(['ok', 'offline', 'idle']),
  message: z.string().nullable(),
  since: z.number().nullable(),
  nextTryAt: z.number().nullable(),
});
export type ConnectionView = z.infer<typeof ConnectionView>;

export const HotFolderView = z.object({
  status: z.enum(['starting', 'watching', 'paused', 'folder-missing', 'stopped', 'off']),
  folder: z.string(),
  /** The last part of the path, for the sidebar. */
  folderName: z.string(),
  detail: z.string().nullable(),
});
export type HotFolderView = z.infer<typeof HotFolderView>;

const TestConnectionResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), credit: z.number(), mode: z.enum(['sandbox', 'live']) }),
  z.object({ ok: z.literal(false), error: ApiErrorView, mode: z.enum(['sandbox', 'live']) }),
]);

/** Test connection of the credentials as typed: the address it reached, or the field to fix first. */
const AccountTestResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('connected'), credit: z.number(), accountId: z.string(), apiUrl: z.string() }),
  z.object({ outcome: z.literal('failed'), error: ApiErrorView, accountId: z.string(), apiUrl: z.string() }),
  z.object({
    outcome: z.literal('invalid'),
    field: z.enum(['accountId', 'apiKey', 'apiUrl']),
    reason: z.string(),
    /** Browser host: the address is not Openfax's; ask the person, then test again with `trustAddress` set to it. */
    confirmAddress: z.string().optional(),
  }),
]);
export type AccountTestResult = z.infer<typeof AccountTestResult>;

const AccountDraft = z.object({
  accountId: z.string().max(40),
  apiKey: z.string().max(500).optional(),
  apiUrl: z.string().max(500).optional(),
  /**
   * Browser host: the origin the person agreed to send the key to, after a refusal named it in
   * `confirmAddress`. Electron ignores it and asks in a native dialog instead.
   */
  trustAddress: z.string().max(500).optional(),
});

/** What a folder holds before it becomes the hot folder: the first names (folders end in "/") and the count. */
export const FolderContents = z.object({ path: z.string(), names: z.array(z.string()), count: z.int().min(0) });
export type FolderContents = z.infer<typeof FolderContents>;

const SettingsErrors = z.record(z.string(), z.string());

export const accountMethods = {
  getAccount: method(z.void(), AccountView),
  /** Stores the account ID and, when given, the API key (OS keychain). */
  saveAccount: method(
    AccountDraft,
    z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), account: AccountView }),
      z.object({
        ok: z.literal(false),
        field: z.enum(['accountId', 'apiKey', 'apiUrl', 'keychain']),
        reason: z.string(),
        /** Browser host: the address is not Openfax's; ask the person, then save again with `trustAddress` set to it. */
        confirmAddress: z.string().optional(),
      }),
    ]),
  ),
  removeApiKey: method(z.void(), AccountView),
  /**
   * Live only after the saved credentials answered: a failed test comes back as `test` and
   * nothing changes, unless `anyway` (the person saw the failure and chose to switch).
   */
  setAccountMode: method(
    z.object({ mode: z.enum(['sandbox', 'live']), anyway: z.boolean().optional() }),
    z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), account: AccountView }),
      z.object({
        ok: z.literal(false),
        reason: z.string(),
        /** The failed test, when the credentials were tried; "Switch anyway" is offered then. */
        test: z.object({ error: ApiErrorView, apiUrl: z.string() }).nullable(),
      }),
    ]),
  ),
  /** Reads the credit with the current mode's credentials; the exact error when it fails. */
  testConnection: method(z.void(), TestConnectionResult),
  /** Reads the credit with the credentials as typed (empty key: the stored one, for its own address only); saves nothing. */
  testAccount: method(AccountDraft, AccountTestResult),
  getConnection: method(z.void(), ConnectionView),
  getSettings: method(z.void(), SettingsSchema),
  /**
   * Validates every key (schema, then checks only main can make, like a writable folder); saves all or none.
   * A hot folder: over Electron only a path from pickHotFolder; in the browser host, a folder that
   * holds files is refused with `folderContents` until it comes again with `confirmFolderContents` equal to its path.
   */
  updateSettings: method(
    z.object({ patch: z.record(z.string(), z.unknown()), confirmFolderContents: z.string().max(1024).optional() }),
    z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), settings: SettingsSchema }),
      z.object({ ok: z.literal(false), errors: SettingsErrors, folderContents: FolderContents.optional() }),
    ]),
  ),
  /**
   * Electron: the native folder picker. The path is checked (never a home, Documents or system
   * folder; writable) and a folder that holds files is confirmed in a native dialog, before it is
   * returned; only then may updateSettings save it. Declining that dialog answers `canceled`.
   */
  pickHotFolder: method(
    z.void(),
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('picked'), path: z.string() }),
      z.object({ kind: z.literal('invalid'), path: z.string(), reason: z.string() }),
      z.object({ kind: z.literal('canceled') }),
      z.object({ kind: z.literal('unsupported') }),
    ]),
  ),
  getHotFolder: method(z.void(), HotFolderView),
  openHotFolder: method(z.void(), z.object({ opened: z.boolean() })),
  setHotFolderPaused: method(z.object({ paused: z.boolean() }), HotFolderView),
};

export const accountEvents = {
  accountChanged: AccountView,
  connectionChanged: ConnectionView,
  settingsChanged: SettingsSchema,
  hotFolderChanged: HotFolderView,
};
