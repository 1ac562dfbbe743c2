import { useStore } from '../store/index.ts';

export function TopBar() {
  const info = useStore((s) => s.info);
  const infoError = useStore((s) => s.infoError);
  return (
    <header className="top-bar">
      {info?.mode === 'sandbox' && (
        <span className="badge badge-amber" title="Faxes are simulated; nothing is dialled">
          Sandbox
        </span>
      )}
      {info?.mode === 'live' && <span className="badge badge-green">Live account</span>}
      <span className="spacer" />
      {infoError ? (
        <span className="connection-error" role="alert">
          Not connected: {infoError}
        </span>
      ) : (
        <span className="muted" data-testid="app-version">
          {info ? `Openfax Desktop ${info.version}` : 'Connecting…'}
        </span>
      )}
    </header>
  );
}
