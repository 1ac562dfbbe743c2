import type { Screen } from '../../../shared/ipc/contract/app.ts';
import type { HotFolderView } from '../../../shared/ipc/contract/account.ts';
import type { ShortcutId } from '../../../shared/shortcuts.ts';
import { shortcutProps } from '../keyboard/shortcut-keys.ts';
import { useStore } from '../store/index.ts';
import { Icon, type IconName } from './icon.tsx';
import './sidebar.css';

// Below 720 CSS px (a 1280 px window at 200%) the sidebar shows icons only; each keeps its
// words for screen readers and shows them, with its key, as a tooltip.
const ITEMS: Array<{ screen: Screen; label: string; icon: IconName; shortcut: ShortcutId }> = [
  { screen: 'compose', label: 'Compose', icon: 'compose', shortcut: 'goCompose' },
  { screen: 'outbox', label: 'Outbox', icon: 'outbox', shortcut: 'goOutbox' },
  { screen: 'contacts', label: 'Address book', icon: 'contacts', shortcut: 'goContacts' },
  { screen: 'settings', label: 'Settings', icon: 'settings', shortcut: 'goSettings' },
];

const HOT_FOLDER_WORDS: Record<HotFolderView['status'], string> = {
  starting: 'Starting',
  watching: 'Watching',
  paused: 'Paused',
  'folder-missing': 'Folder missing',
  stopped: 'Stopped',
  off: 'Off',
};

function OutboxBadge() {
  const inFlight = useStore((s) => s.outboxSummary?.inFlight ?? 0);
  if (!inFlight) return null;
  return (
    <span className="nav-badge" data-testid="outbox-badge">
      {inFlight}
      <span className="visually-hidden"> in flight</span>
    </span>
  );
}

function HotFolderStatus() {
  const hf = useStore((s) => s.hotFolder);
  const openHotFolder = useStore((s) => s.openHotFolder);
  if (!hf) return null;
  const words = HOT_FOLDER_WORDS[hf.status];
  // A folder stopped for a reason (one the rules refuse) is a problem to fix, not a pause.
  const bad = hf.status === 'folder-missing' || (hf.status === 'stopped' && !!hf.detail);
  const tone = hf.status === 'watching' ? 'ok' : bad ? 'bad' : 'idle';
  const open = () => void openHotFolder();
  return (
    <button
      type="button"
      className={`hot-folder-status hf-${tone}`}
      onClick={open}
      title={hf.detail ?? hf.folder ?? undefined}
      aria-label={`Open the hot folder (${words}${hf.folderName ? `: ${hf.folderName}` : ''})`}
      data-testid="hot-folder-status"
    >
      <span className="hf-dot" aria-hidden="true">
        <Icon name={tone === 'bad' ? 'alert' : 'dot'} size={tone === 'bad' ? 14 : 10} filled={tone === 'ok'} />
      </span>
      <span className="hf-text">
        <span className="hf-label">Hot folder: {words}</span>
        {hf.folderName && <span className="hf-folder">{hf.folderName}</span>}
      </span>
    </button>
  );
}

export function Sidebar() {
  // The mail merge is reached from Compose: Compose stays lit while it shows.
  const screen = useStore((s) => (s.screen === 'merge' ? 'compose' : s.screen));
  const navigate = useStore((s) => s.navigate);
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <img src="./icon.png" alt="" width={28} height={28} />
        <span className="brand-name">Openfax</span>
      </div>
      <ul>
        {ITEMS.map((item) => (
          <li key={item.screen}>
            <button
              type="button"
              className="nav-item"
              aria-current={screen === item.screen ? 'page' : undefined}
              onClick={() => navigate(item.screen)}
              {...shortcutProps(item.shortcut, item.label)}
            >
              <Icon name={item.icon} size={18} className="nav-icon" />
              <span className="nav-label">{item.label}</span>
              {item.screen === 'outbox' && <OutboxBadge />}
            </button>
          </li>
        ))}
      </ul>
      <div className="sidebar-footer">
        <HotFolderStatus />
      </div>
    </nav>
  );
}
