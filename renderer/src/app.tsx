import { useEffect } from 'react';
import { Sidebar } from './components/sidebar.tsx';
import { Toasts } from './components/toasts.tsx';
import { TopBar } from './components/top-bar.tsx';
import { UpdateBar } from './components/update-bar.tsx';
import { startFocusRescue } from './keyboard/focus-rescue.ts';
import { handleShortcutKey } from './keyboard/shortcut-keys.ts';
import { ComposeScreen } from './screens/compose/compose-screen.tsx';
import { ContactsScreen } from './screens/contacts/contacts-screen.tsx';
import { GettingStartedScreen } from './screens/getting-started/getting-started-screen.tsx';
import { MergeScreen } from './screens/merge/merge-screen.tsx';
import { OutboxScreen } from './screens/outbox/outbox-screen.tsx';
import { SettingsScreen } from './screens/settings/settings-screen.tsx';
import { startEventSync } from './store/event-sync.ts';
import { shortcutActions, useStore } from './store/index.ts';
import { shownScreen } from './store/slices/getting-started-slice.ts';

const SCREENS = {
  compose: ComposeScreen,
  outbox: OutboxScreen,
  contacts: ContactsScreen,
  settings: SettingsScreen,
  merge: MergeScreen,
} as const;

export function App() {
  // Getting started stands in place of the screen while it is shown (no screen is on show then).
  const screen = useStore(shownScreen);
  const loadAppInfo = useStore((s) => s.loadAppInfo);
  const theme = useStore((s) => s.settings?.theme ?? 'system');
  const settingsLoaded = useStore((s) => s.settings !== undefined);

  // The stylesheet follows the OS unless Settings → App picks light or dark.
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    const stop = startEventSync();
    void loadAppInfo();
    return stop;
  }, [loadAppInfo]);

  // First run: Getting started, once the settings say whether it was closed before.
  useEffect(() => {
    if (settingsLoaded) useStore.getState().offerGettingStarted();
  }, [settingsLoaded]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => void handleShortcutKey(e, shortcutActions);
    window.addEventListener('keydown', onKey);
    const root = document.getElementById('root');
    const stopRescue = root ? startFocusRescue(root) : undefined;
    return () => {
      window.removeEventListener('keydown', onKey);
      stopRescue?.();
    };
  }, []);

  const Screen = screen ? SCREENS[screen] : GettingStartedScreen;
  return (
    <div className="app">
      {/* The screen is focusable (tabIndex -1), so following the link puts the keyboard in it. */}
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Sidebar />
      <div className="main">
        <TopBar />
        <UpdateBar />
        <main className="screen" id="main" aria-label={screen === 'merge' ? 'mail merge' : (screen ?? 'getting started')} tabIndex={-1}>
          <Screen />
        </main>
      </div>
      <Toasts />
    </div>
  );
}
