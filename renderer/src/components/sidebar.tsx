import type { Screen } from '../../../shared/ipc/contract/app.ts';
import { useStore } from '../store/index.ts';

const ITEMS: Array<{ screen: Screen; label: string; icon: string }> = [
  { screen: 'compose', label: 'Compose', icon: '✎' },
  { screen: 'outbox', label: 'Outbox', icon: '⇪' },
  { screen: 'contacts', label: 'Address book', icon: '☰' },
  { screen: 'settings', label: 'Settings', icon: '⚙' },
];

export function Sidebar() {
  const screen = useStore((s) => s.screen);
  const navigate = useStore((s) => s.navigate);
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <img src="./icon.png" alt="" width={28} height={28} />
        <span>Openfax</span>
      </div>
      <ul>
        {ITEMS.map((item) => (
          <li key={item.screen}>
            <button
              type="button"
              className="nav-item"
              aria-current={screen === item.screen ? 'page' : undefined}
              onClick={() => navigate(item.screen)}
            >
              <span className="nav-icon" aria-hidden="true">
                {item.icon}
              </span>
              {item.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
