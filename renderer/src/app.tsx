import { useEffect } from 'react';
import { Sidebar } from './components/sidebar.tsx';
import { Toasts } from './components/toasts.tsx';
import { TopBar } from './components/top-bar.tsx';
import { startFocusRescue } from './keyboard/focus-rescue.ts';
import { handleShortcutKey } from './keyboard/shortcut-keys.ts';
import { ComposeScreen } from './screens/compose/compose-screen.tsx';
import { ContactsScreen } from './screens/contacts/contacts-screen.tsx';
import { OutboxScreen } from './screens/outbox/outbox-screen.tsx';
import { SettingsScreen } from './screens/settings/settings-screen.tsx';
import { startEventSync } from './store/event-sync.ts';
import { useStore } from './store/index.ts';

const SCREENS = {
  compose: ComposeScreen,
  outbox: OutboxScreen,
  contacts: ContactsScreen,
  settings: SettingsScreen,
} as const;

export function App() {
  const screen = useStore((s) => s.screen);
  const loadAppInfo = useStore((s) => s.loadAppInfo);
  const theme = useStore((s) => s.settings?.theme ?? 'system');

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

  useEffect(() => {
    const actions = { screen: () => useStore.getState().screen, navigate: useStore.getState().navigate };
    const onKey = (e: KeyboardEvent) => void handleShortcutKey(e, actions);
    window.addEventListener('keydown', onKey);
    const root = document.getElementById('root');
    const stopRescue = root ? startFocusRescue(root) : undefined;
    return () => {
      window.removeEventListener('keydown', onKey);
      stopRescue?.();
    };
  }, []);

  const Screen = SCREENS[screen];
  return (
    <div className="app">
      {/* The screen is focusable (tabIndex -1), so following the link puts the keyboard in it. */}
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Sidebar />
      <div className="main">
        <TopBar />
        <main className="screen" id="main" aria-label={screen} tabIndex={-1}>
          <Screen />
        </main>
      </div>
      <Toasts />
    </div>
  );
}
