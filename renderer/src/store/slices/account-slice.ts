import type { StateCreator } from 'zustand';
import type { AccountView, ConnectionView, FolderContents, HotFolderView } from '../../../../shared/ipc/contract/account.ts';
import { checkSetting, crossCheckSettings, type SettingKey, type Settings } from '../../../../shared/settings.ts';
import type { MethodRequest, MethodResponse } from '../../../../shared/ipc/contract.ts';
import { call } from '../../ipc/api.ts';
import { messageOf } from '../../ipc/message-of.ts';
import type { RootState } from '../index.ts';

export type SaveState = 'saving' | 'saved' | 'error';

export interface AccountSlice {
  account: AccountView | undefined;
  connection: ConnectionView | undefined;
  hotFolder: HotFolderView | undefined;
  settings: Settings | undefined;
  /** Why a value was refused, under its field (checked here first, then by main). */
  settingErrors: Partial<Record<SettingKey, string>>;
  settingSave: Partial<Record<SettingKey, SaveState>>;
  /**
   * Browser host: main refused a typed hot folder because it holds files; what is in it, until
   * the person answers (Settings shows it in a dialog).
   */
  hotFolderQuestion: FolderContents | undefined;
  creditRefreshing: boolean;
  setAccount(account: AccountView): void;
  setConnection(connection: ConnectionView): void;
  setHotFolder(hotFolder: HotFolderView): void;
  setSettings(settings: Settings): void;
  loadAccountState(): Promise<void>;
  /** Validates and saves one setting; true when main stored it. */
  saveSetting<K extends SettingKey>(key: K, value: unknown): Promise<boolean>;
  /** Uses the folder in `hotFolderQuestion` after all (main has the person's yes for that path), or keeps the old one. */
  answerHotFolderQuestion(useIt: boolean): Promise<void>;
  /** Shows a refusal under a field without sending anything (e.g. an empty number box). */
  setSettingError(key: SettingKey, reason: string | undefined): void;
  refreshCredit(): Promise<void>;
  /**
   * Sandbox or live. Main tests the saved credentials before going live and answers with the
   * failure when they do not work; `anyway` switches regardless (the person saw the failure).
   */
  setAccountMode(mode: AccountView['mode'], anyway?: boolean): Promise<MethodResponse<'setAccountMode'>>;
  /** Stores the credentials (the key in the OS keychain); a refusal names its field. */
  saveAccount(input: MethodRequest<'saveAccount'>): Promise<MethodResponse<'saveAccount'>>;
  removeApiKey(): Promise<void>;
  /** Reads the credit with the current credentials; the account then shows the outcome too. */
  testConnection(): Promise<MethodResponse<'testConnection'>>;
  /** Tests the credentials as typed in the form, at their own address; nothing is saved. */
  testAccount(draft: MethodRequest<'testAccount'>): Promise<MethodResponse<'testAccount'>>;
  /** When no call has told how the account is (connection 'unknown'), asks once, without a toast. */
  checkAccountIfUnknown(): Promise<void>;
  /** The hot folder in the OS file manager, or Settings when there is none to open. */
  openHotFolder(): Promise<void>;
  /** The native folder picker; the chosen folder is saved like any setting. */
  pickHotFolder(): Promise<void>;
  setHotFolderPaused(paused: boolean): Promise<void>;
}

/** Credit below the warning level (the setting as saved here, so a change shows at once). */
export function selectLowCredit(s: RootState): boolean {
  const credit = s.account?.credit;
  const threshold = s.settings?.lowCreditThreshold ?? s.account?.lowCreditThreshold;
  return credit != null && threshold != null && credit < threshold;
}

/** One quiet check at a time (an account change during one does not start another). */
let checking = false;

export const createAccountSlice: StateCreator<RootState, [], [], AccountSlice> = (set, get) => ({
  account: undefined,
  connection: undefined,
  hotFolder: undefined,
  settings: undefined,
  settingErrors: {},
  settingSave: {},
  hotFolderQuestion: undefined,
  creditRefreshing: false,

  setAccount: (account) => set({ account }),
  setConnection: (connection) => set({ connection }),
  setHotFolder: (hotFolder) => set({ hotFolder }),
  setSettings: (settings) => set({ settings }),

  async loadAccountState() {
    const [account, connection, hotFolder, settings] = await Promise.allSettled([
      call('getAccount'),
      call('getConnection'),
      call('getHotFolder'),
      call('getSettings'),
    ]);
    set({
      ...(account.status === 'fulfilled' ? { account: account.value } : {}),
      ...(connection.status === 'fulfilled' ? { connection: connection.value } : {}),
      ...(hotFolder.status === 'fulfilled' ? { hotFolder: hotFolder.value } : {}),
      ...(settings.status === 'fulfilled' ? { settings: settings.value } : {}),
    });
  },

  setSettingError(key, reason) {
    set((s) => ({ settingErrors: { ...s.settingErrors, [key]: reason } }));
  },

  async saveSetting(key, value) {
    const mark = (state: SaveState | undefined, error?: string) =>
      set((s) => ({ settingSave: { ...s.settingSave, [key]: state }, settingErrors: { ...s.settingErrors, [key]: error } }));
    const c = checkSetting(key, value);
    if (!c.ok) {
      mark('error', c.reason);
      return false;
    }
    const current = get().settings;
    if (current) {
      const cross = crossCheckSettings({ ...current, [key]: c.value });
      if (cross[key]) {
        mark('error', cross[key]);
        return false;
      }
      if (Object.is(current[key], c.value)) {
        mark(undefined);
        return true;
      }
    }
    mark('saving');
    try {
      const r = await call('updateSettings', { patch: { [key]: c.value } });
      if (!r.ok && r.folderContents && key === 'hotFolderPath') {
        // Not a mistake to show under the field: a question for the person (the dialog).
        set({ hotFolderQuestion: r.folderContents });
        mark(undefined);
        return false;
      }
      if (!r.ok) {
        const reason = r.errors[key] ?? Object.values(r.errors)[0] ?? 'Not saved.';
        mark('error', reason);
        return false;
      }
      set({ settings: r.settings });
      mark('saved');
      return true;
    } catch (err) {
      mark('error', messageOf(err));
      return false;
    }
  },

  async answerHotFolderQuestion(useIt) {
    const asked = get().hotFolderQuestion;
    if (!asked) return;
    set({ hotFolderQuestion: undefined });
    const mark = (state: SaveState | undefined, error?: string) =>
      set((s) => ({
        settingSave: { ...s.settingSave, hotFolderPath: state },
        settingErrors: { ...s.settingErrors, hotFolderPath: error },
      }));
    if (!useIt) {
      const now = get().settings?.hotFolderPath || get().hotFolder?.folder;
      mark(undefined, `Not changed: the hot folder is still ${now || 'the default folder'}.`);
      return;
    }
    mark('saving');
    try {
      const r = await call('updateSettings', { patch: { hotFolderPath: asked.path }, confirmFolderContents: asked.path });
      if (r.ok) {
        set({ settings: r.settings });
        mark('saved');
      } else mark('error', r.errors.hotFolderPath ?? Object.values(r.errors)[0] ?? 'Not saved.');
    } catch (err) {
      mark('error', messageOf(err));
    }
  },

  async setAccountMode(mode, anyway) {
    const r = await call('setAccountMode', anyway ? { mode, anyway } : { mode });
    if (r.ok) set({ account: r.account });
    return r;
  },

  async saveAccount(input) {
    const r = await call('saveAccount', input);
    if (r.ok) set({ account: r.account });
    return r;
  },

  async removeApiKey() {
    set({ account: await call('removeApiKey') });
  },

  async testConnection() {
    const r = await call('testConnection');
    set({ account: await call('getAccount') });
    return r;
  },

  async testAccount(draft) {
    const r = await call('testAccount', draft);
    // Testing the account in use records its health in main; show that too.
    set({ account: await call('getAccount') });
    return r;
  },

  async checkAccountIfUnknown() {
    if (get().account?.connection !== 'unknown' || checking) return;
    checking = true;
    try {
      await get().testConnection();
    } catch {
      // The top bar keeps saying "checking"; the next change or a refresh asks again.
    } finally {
      checking = false;
    }
  },

  async openHotFolder() {
    if (get().hotFolder?.folder) {
      if ((await call('openHotFolder')).opened) return;
    }
    get().navigate('settings');
  },

  async pickHotFolder() {
    try {
      const r = await call('pickHotFolder');
      if (r.kind === 'picked') await get().saveSetting('hotFolderPath', r.path);
      else if (r.kind === 'invalid') get().setSettingError('hotFolderPath', r.reason);
    } catch (err) {
      get().setSettingError('hotFolderPath', messageOf(err));
    }
  },

  async setHotFolderPaused(paused) {
    set({ hotFolder: await call('setHotFolderPaused', { paused }) });
  },

  async refreshCredit() {
    set({ creditRefreshing: true });
    try {
      const r = await get().testConnection();
      if (!r.ok) {
        get().pushToast({
          level: 'error',
          title: 'Could not read the credit',
          message: `${r.error.message} ${r.error.action}`,
          code: r.error.code ?? undefined,
        });
      }
    } catch (err) {
      get().pushToast({ level: 'error', title: 'Could not read the credit', message: messageOf(err) });
    } finally {
      set({ creditRefreshing: false });
    }
  },
});
