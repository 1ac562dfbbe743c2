// Account & Settings channels: thin glue over the account service (views), the settings
// engine (checked writes, folder checks) and the hot folder. The API key only ever travels inward.

import type { accountMethods, ApiErrorView, HotFolderView } from '../../../shared/ipc/contract/account.ts';
import type { OpenfaxError } from '../../openfax/types.ts';
import { sandboxFacts, toAccountView, toConnectionView, toHotFolderView } from '../../account/account-view.ts';
import { folderProblem } from '../../settings/folder-check.ts';
import { updateSettingsChecked } from '../../settings/settings-update.ts';
import { SecretStoreError } from '../../secrets/secret-store.ts';
import { AccountError } from '../../account/account-service.ts';
import { AppError } from '../../core/app-error.ts';
import type { Handlers } from '../ipc-router.ts';
import type { AppServices } from '../services.ts';

function errorView(e: OpenfaxError): ApiErrorView {
  return { kind: e.kind, code: e.code ?? null, message: e.message, action: e.action };
}

function accountView(s: AppServices) {
  return toAccountView(s.account.status(), s.settings.get(), sandboxFacts(s.sandbox));
}

function hotFolderView(s: AppServices): HotFolderView {
  if (s.hotfolder) return s.hotfolder.view();
  const folder = s.settings.get().hotFolderPath;
  return { ...toHotFolderView(folder ? { status: 'stopped', folder } : undefined), status: 'off' };
}

const SAVE_ACCOUNT_FIELDS = ['accountId', 'apiKey', 'apiUrl'] as const;

/** The form field of saveAccount a refusal is shown under: the error's own, else the account ID. */
function saveAccountField(field: string | undefined): (typeof SAVE_ACCOUNT_FIELDS)[number] {
  return SAVE_ACCOUNT_FIELDS.find((f) => f === field) ?? 'accountId';
}

export function accountHandlers(s: AppServices): Pick<Handlers, keyof typeof accountMethods> {
  return {
    getAccount: () => accountView(s),
    saveAccount: async ({ accountId, apiKey, apiUrl }) => {
      try {
        await s.account.setCredentials({ accountId, apiKey: apiKey === '' ? undefined : apiKey, apiUrl: apiUrl?.trim() || undefined });
        return { ok: true, account: accountView(s) };
      } catch (err) {
        if (err instanceof AccountError) return { ok: false, field: saveAccountField(err.field), reason: err.message };
        if (err instanceof SecretStoreError) return { ok: false, field: 'keychain', reason: err.message };
        throw err;
      }
    },
    removeApiKey: async () => {
      await s.account.removeKey();
      return accountView(s);
    },
    setAccountMode: async ({ mode, anyway }) => {
      try {
        const r = await s.account.setMode(mode, { anyway });
        if (r.ok) return { ok: true, account: accountView(s) };
        return {
          ok: false,
          reason: `Still using the sandbox: testing your Openfax account at ${r.apiUrl} failed. ${r.error.message}`,
          test: { error: errorView(r.error), apiUrl: r.apiUrl },
        };
      } catch (err) {
        if (err instanceof AccountError) return { ok: false, reason: err.message, test: null };
        throw err;
      }
    },
    testConnection: async () => {
      const mode = s.account.mode();
      const r = await s.account.testConnection();
      if (r.ok) return { ok: true, credit: r.credit, mode };
      return { ok: false, mode, error: errorView(r.error) };
    },
    testAccount: async (draft) => {
      const r = await s.account.testCredentials(draft);
      return r.outcome === 'failed' ? { ...r, error: errorView(r.error) } : r;
    },
    getConnection: () => toConnectionView(s.outbox.pollerHealth()),
    getSettings: () => s.settings.get(),
    updateSettings: ({ patch }) => updateSettingsChecked({ settings: s.settings, checkFolder: folderProblem }, patch),
    pickHotFolder: async () => {
      if (!s.host.pickFolder) return { kind: 'unsupported' };
      const current = s.settings.get().hotFolderPath || s.hotfolder?.view().folder;
      const path = await s.host.pickFolder({ title: 'Choose the hot folder', defaultPath: current || undefined });
      if (!path) return { kind: 'canceled' };
      const why = await folderProblem(path);
      return why ? { kind: 'invalid', path, reason: why } : { kind: 'picked', path };
    },
    getHotFolder: () => hotFolderView(s),
    openHotFolder: async () => {
      const folder = hotFolderView(s).folder;
      if (!folder) return { opened: false };
      return { opened: await s.host.openPath(folder) };
    },
    setHotFolderPaused: async ({ paused }) => {
      const hf = s.hotfolder;
      if (!hf) throw new AppError('The hot folder is not running in this session.', { code: 'hot-folder-off' });
      return paused ? hf.pause() : hf.resume();
    },
  };
}
