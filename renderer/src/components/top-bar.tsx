// The header: which account (the amber sandbox badge opens the magic numbers), the credit with
// its low-credit warning and a refresh, and a connection indicator when Openfax cannot be reached.

import { useEffect, useRef, useState } from 'react';
import { messageOf } from '../ipc/message-of.ts';
import { useStore } from '../store/index.ts';
import { selectLowCredit } from '../store/slices/account-slice.ts';
import { Icon } from './icon.tsx';
import { MagicNumbers } from './magic-numbers.tsx';
import './top-bar.css';

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

function SandboxBadge() {
  const account = useStore((s) => s.account);
  const navigate = useStore((s) => s.navigate);
  const pushToast = useStore((s) => s.pushToast);
  const setAccountMode = useStore((s) => s.setAccountMode);
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    const onClick = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onClick);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  if (!account) return null;
  const switchToLive = async () => {
    try {
      const r = await setAccountMode('live');
      if (r.ok) setOpen(false);
      else {
        const more = r.test ? ' Settings → Account shows the details and lets you switch anyway.' : '';
        pushToast({ level: 'error', title: 'Still in the sandbox', message: `${r.reason}${more}` });
      }
    } catch (err) {
      pushToast({ level: 'error', title: 'Still in the sandbox', message: messageOf(err) });
    }
  };

  return (
    <div className="sandbox-badge-wrap" ref={ref}>
      <button
        type="button"
        className="badge badge-amber badge-button"
        aria-expanded={open}
        aria-controls="sandbox-popover"
        onClick={() => setOpen((o) => !o)}
        data-testid="mode-badge"
      >
        <Icon name="warning" size={14} /> Sandbox: faxes are simulated
      </button>
      {open && (
        <div className="popover" id="sandbox-popover" role="dialog" aria-label="Sandbox test numbers">
          <p>
            <strong>Nothing is dialled or charged.</strong> These test numbers play out the results a real fax can have:
          </p>
          <MagicNumbers numbers={account.sandbox.magicNumbers} otherNumbers={account.sandbox.otherNumbers} />
          <div className="popover-actions">
            {account.liveReady ? (
              <button type="button" className="button button-primary" onClick={switchToLive}>
                Switch to your Openfax account
              </button>
            ) : (
              <button
                type="button"
                className="button button-primary"
                onClick={() => {
                  setOpen(false);
                  navigate('settings');
                }}
              >
                Set up your Openfax account
              </button>
            )}
          </div>
        </div>
      )}
    </div>
  );
}

function Credit() {
  const account = useStore((s) => s.account);
  const refreshing = useStore((s) => s.creditRefreshing);
  const refresh = useStore((s) => s.refreshCredit);
  const lowCredit = useStore(selectLowCredit);
  const threshold = useStore((s) => s.settings?.lowCreditThreshold ?? s.account?.lowCreditThreshold ?? 0);
  if (!account) return null;
  const value = account.credit === null ? '—' : money.format(account.credit);
  return (
    <div className="credit">
      {lowCredit && (
        <span className="chip chip-amber" role="status" data-testid="low-credit">
          <Icon name="warning" size={14} /> Low credit (below {money.format(threshold)})
        </span>
      )}
      <span className="credit-value" data-testid="credit">
        <span className="muted">Credit</span> {value}
      </span>
      <button
        type="button"
        className="icon-button"
        aria-label="Refresh the credit"
        title="Refresh the credit"
        disabled={refreshing}
        onClick={() => void refresh()}
      >
        <span aria-hidden="true" className={refreshing ? 'spin-once' : undefined}>
          <Icon name="refresh" />
        </span>
      </button>
    </div>
  );
}

/**
 * The live account is shown as working only once a call to it has answered. Until then it
 * says it is checking, and after a failed call it says so: a green badge is never a guess.
 */
function LiveBadge() {
  const account = useStore((s) => s.account);
  const navigate = useStore((s) => s.navigate);
  if (!account) {
    return (
      <span className="badge badge-neutral" data-testid="mode-badge" data-health="unknown">
        Live account · checking…
      </span>
    );
  }
  const id = account.accountId;
  if (account.connection === 'ok') {
    return (
      <span className="badge badge-green" data-testid="mode-badge" data-health="ok" title={`Openfax answered for account ${id}.`}>
        <Icon name="dot" size={10} filled /> Live account {id}
      </span>
    );
  }
  if (account.connection === 'error') {
    const why = account.lastError ? `${account.lastError.message} ${account.lastError.action}` : 'The last call to Openfax failed.';
    return (
      <button
        type="button"
        className="badge badge-red badge-button"
        data-testid="mode-badge"
        data-health="error"
        title={why}
        onClick={() => navigate('settings')}
      >
        <Icon name="fail" size={14} /> Live account {id}: not working
        <span className="visually-hidden">. {why} Open Settings to fix it.</span>
      </button>
    );
  }
  return (
    <span
      className="badge badge-neutral"
      role="status"
      data-testid="mode-badge"
      data-health="unknown"
      title="No call to Openfax has answered yet for this account, so it is not known to work."
    >
      <Icon name="dot" size={10} /> Live account {id} · checking…
    </span>
  );
}

function ConnectionIndicator() {
  const connection = useStore((s) => s.connection);
  const account = useStore((s) => s.account);
  const networkError =
    account?.connection === 'error' && account.lastError && ['network', 'timeout', 'http', 'bad-response'].includes(account.lastError.kind);
  if (connection?.state !== 'offline' && !networkError) return null;
  const message = connection?.state === 'offline' ? connection.message : account?.lastError?.message;
  return (
    <span className="chip chip-red-outline connection-chip" role="status" title={message ?? undefined} data-testid="connection-offline">
      <Icon name="warning" size={14} /> Openfax unreachable
      <span className="visually-hidden">: {message}</span>
    </span>
  );
}

export function TopBar() {
  const info = useStore((s) => s.info);
  const infoError = useStore((s) => s.infoError);
  const account = useStore((s) => s.account);
  const mode = account?.mode ?? info?.mode;
  return (
    <header className="top-bar">
      {mode === 'sandbox' && <SandboxBadge />}
      {mode === 'live' && <LiveBadge />}
      <span className="spacer" />
      <ConnectionIndicator />
      {infoError ? (
        <span className="connection-error" role="alert">
          Not connected: {infoError}
        </span>
      ) : (
        <>
          <Credit />
          <span className="muted app-version" data-testid="app-version">
            {info ? `Openfax Desktop ${info.version}` : 'Connecting…'}
          </span>
        </>
      )}
    </header>
  );
}
