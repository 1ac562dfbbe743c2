// Account & Settings channels: thin glue over the account service (views), the settings
// engine (checked writes, the hot-folder gate) and the hot folder. The API key only ever travels
// inward. The person's yes (to an unusual API address, to a folder that holds files) comes from
// a native dialog over the Electron transport, never from the renderer's request; the browser
// host has no native dialogs, so there the request carries it.

import type { accountMethods, ApiErrorView, HotFolderView } from '../../../shared/ipc/contract/account.ts';
import type { OpenfaxError } from '../../openfax/types.ts';
import { apiAddressQuestion, updateFeedQuestion } from '../../../shared/trust-questions.ts';
import { sandboxFacts, toAccountView, toConnectionView, toHotFolderView } from '../../account/account-view.ts';
import { updateSettingsChecked } from '../../settings/settings-update.ts';
import { SecretStoreError } from '../../secrets/secret-store.ts';
import { AccountError } from '../../account/account-service.ts';
import { type ConfirmAddress, UnconfirmedAddressError } from '../../account/address-trust.ts';
import { AppError } from '../../core/app-error.ts';
import type { CallContext, Handlers } from '../ipc-router.ts';
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

/** Who says yes to an unusual API address: main's native dialog (Electron), or the request (browser host). */
function addressConfirmation(s: AppServices, ctx: CallContext, trustAddress: string | undefined): ConfirmAddress | undefined {
  if (ctx.transport === 'electron') {
    const confirm = s.host.confirm;
    return confirm && ((origin) => confirm(apiAddressQuestion(origin)));
  }
  return trustAddress === undefined ? undefined : async (origin) => origin === trustAddress;
}

/**
 * A new update address needs a yes in main's own dialog: a page could otherwise point updates
 * at a server of its choosing, and on Linux nothing but the feed vouches for what it installs.
 * The browser host installs no updates and has no such dialog, so it keeps the address as is.
 */
async function checkUpdateFeed(s: AppServices, ctx: CallContext, url: string): Promise<string | undefined> {
  const confirm = s.host.confirm;
  if (ctx.transport !== 'electron' || !confirm) return 'Change the update address in the installed app: it asks you to confirm it there.';
  return (await confirm(updateFeedQuestion(url)))
    ? undefined
    : `The update address was not changed: you chose not to get updates from ${url}.`;
}

export function accountHandlers(s: AppServices): Pick<Handlers, keyof typeof accountMethods> {
  return {
    getAccount: () => accountView(s),
    saveAccount: async ({ accountId, apiKey, apiUrl, trustAddress }, ctx) => {
      try {
        await s.account.setCredentials({
          accountId,
          apiKey: apiKey === '' ? undefined : apiKey,
          apiUrl: apiUrl?.trim() || undefined,
          confirmAddress: addressConfirmation(s, ctx, trustAddress),
        });
        return { ok: true, account: accountView(s) };
      } catch (err) {
        if (err instanceof UnconfirmedAddressError) {
          // Only the browser's renderer may ask and send the yes back; Electron asked natively.
          const ask = ctx.transport === 'web' && !err.asked ? { confirmAddress: err.origin } : {};
          return { ok: false, field: 'apiUrl', reason: err.message, ...ask };
        }
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
    testAccount: async ({ trustAddress, ...draft }, ctx) => {
      const r = await s.account.testCredentials(draft, addressConfirmation(s, ctx, trustAddress));
      if (r.outcome === 'failed') return { ...r, error: errorView(r.error) };
      if (r.outcome !== 'invalid') return r;
      const { confirmOrigin, ...invalid } = r;
      return confirmOrigin && ctx.transport === 'web' ? { ...invalid, confirmAddress: confirmOrigin } : invalid;
    },
    getConnection: () => toConnectionView(s.outbox.pollerHealth()),
    getSettings: () => s.settings.get(),
    updateSettings: ({ patch, confirmFolderContents }, ctx) =>
      updateSettingsChecked(
        {
          settings: s.settings,
          checkFolder: (path) => s.hotFolderGate.checkUpdate(path, { transport: ctx.transport, confirmedContents: confirmFolderContents }),
          // The desktop app takes an archive folder from its picker alone (pickArchiveFolder), as it does the hot folder.
          checkArchiveFolder: async (path) =>
            ctx.transport === 'electron' ? 'Choose the archive folder with “Choose folder…”.' : s.reports.checkArchiveFolder(path),
          checkUpdateFeed: (url) => checkUpdateFeed(s, ctx, url),
        },
        patch,
      ),
    pickHotFolder: async () => {
      if (!s.host.pickFolder) return { kind: 'unsupported' };
      const current = s.settings.get().hotFolderPath || s.hotfolder?.view().folder;
      const path = await s.host.pickFolder({ title: 'Choose the hot folder', defaultPath: current || undefined });
      if (!path) return { kind: 'canceled' };
      const verdict = await s.hotFolderGate.checkPicked(path, s.host.confirm);
      if (verdict === 'declined') return { kind: 'canceled' };
      return verdict.ok ? { kind: 'picked', path } : { kind: 'invalid', path, reason: verdict.reason };
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
