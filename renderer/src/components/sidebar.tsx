import type { Screen } from '../../../shared/ipc/contract/app.ts';
import type { HotFolderView } from '../../../shared/ipc/contract/account.ts';
import { useStore } from '../store/index.ts';
import './sidebar.css';

const ITEMS: Array<{ screen: Screen; label: string; icon: string }> = [
  { screen: 'compose', label: 'Compose', icon: '✎' },
  { screen: 'outbox', label: 'Outbox', icon: '⇪' },
  { screen: 'contacts', label: 'Address book', icon: '☰' },
  { screen: 'settings', label: 'Settings', icon: '⚙' },
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
  const tone = hf.status === 'watching' ? 'ok' : hf.status === 'folder-missing' ? 'bad' : 'idle';
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
        {tone === 'ok' ? '●' : tone === 'bad' ? '!' : '○'}
      </span>
      <span className="hf-text">
        <span className="hf-label">Hot folder: {words}</span>
        {hf.folderName && <span className="hf-folder">{hf.folderName}</span>}
      </span>
    </button>
  );
}

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
