import { useEffect } from 'react';
import { Sidebar } from './components/sidebar.tsx';
import { Toasts } from './components/toasts.tsx';
import { TopBar } from './components/top-bar.tsx';
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

  const Screen = SCREENS[screen];
  return (
    <div className="app">
      <Sidebar />
      <div className="main">
        <TopBar />
        <main className="screen" id="main" aria-label={screen}>
          <Screen />
        </main>
      </div>
      <Toasts />
    </div>
  );
}
