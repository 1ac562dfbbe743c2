// Account: sandbox or live, the account ID and the API key (typed once, stored in the OS
// keychain, shown only as set / not set), test connection with the exact error, credit.

import { type FormEvent, useState } from 'react';
import { accountIdProblem } from '../../../../shared/account-id.ts';
import type { TestConnectionResult } from '../../../../shared/ipc/contract/account.ts';
import { messageOf } from '../../ipc/message-of.ts';
import { MagicNumbers } from '../../components/magic-numbers.tsx';
import { useStore } from '../../store/index.ts';
import { selectLowCredit } from '../../store/slices/account-slice.ts';
import { SettingField } from './setting-field.tsx';

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

function SandboxBanner() {
  const account = useStore((s) => s.account);
  if (account?.mode !== 'sandbox') return null;
  return (
    <div className="banner banner-amber sandbox-banner" data-testid="sandbox-banner">
      <span className="banner-icon" aria-hidden="true">
        ⚠
      </span>
      <div>
        <h3 className="banner-title">Sandbox mode: faxes are simulated</h3>
        <p>Nothing is dialled and nothing is charged. Use these test numbers to see each result a real fax can have:</p>
        <MagicNumbers numbers={account.sandbox.magicNumbers} otherNumbers={account.sandbox.otherNumbers} />
      </div>
    </div>
  );
}

function ModeSwitch() {
  const account = useStore((s) => s.account);
  const setAccountMode = useStore((s) => s.setAccountMode);
  const [error, setError] = useState<string>();
  if (!account) return null;
  const to = account.mode === 'sandbox' ? 'live' : 'sandbox';
  const onClick = async () => {
    setError(undefined);
    try {
      const r = await setAccountMode(to);
      if (!r.ok) setError(r.reason);
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <div className="mode-row">
      <p className="mode-now">
        {account.mode === 'sandbox' ? (
          <>
            Now using: <strong>the sandbox</strong> (simulated faxes).
          </>
        ) : (
          <>
            Now using: <strong>your Openfax account {account.accountId}</strong>. Faxes are real and charged.
          </>
        )}
      </p>
      <button
        type="button"
        className={`button${to === 'live' ? ' button-primary' : ''}`}
        onClick={onClick}
        disabled={to === 'live' && !account.liveReady}
      >
        {to === 'live' ? 'Switch to your Openfax account' : 'Switch to the sandbox'}
      </button>
      {to === 'live' && !account.liveReady && <span className="field-hint">Enter your account ID and API key below first.</span>}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

function TestResult({ result }: { result: TestConnectionResult }) {
  const where = result.mode === 'sandbox' ? 'the sandbox' : 'your Openfax account';
  if (result.ok) {
    return (
      <p className="test-result ok" role="status" data-testid="test-result">
        <span aria-hidden="true">✓ </span>Connected to {where}. Credit: {money.format(result.credit)}.
      </p>
    );
  }
  return (
    <div className="test-result bad" role="alert" data-testid="test-result">
      <p>
        <span aria-hidden="true">✕ </span>
        <strong>{result.error.message}</strong> {result.error.action}
      </p>
      {result.error.code && <p className="code">Code: {result.error.code}</p>}
    </div>
  );
}

function CredentialsForm() {
  const account = useStore((s) => s.account);
  const saveAccount = useStore((s) => s.saveAccount);
  const removeApiKey = useStore((s) => s.removeApiKey);
  const testConnection = useStore((s) => s.testConnection);
  const pushToast = useStore((s) => s.pushToast);
  const [accountId, setAccountId] = useState(account?.accountId ?? '');
  const [apiKey, setApiKey] = useState('');
  const [apiUrl, setApiUrl] = useState(account?.apiUrl ?? '');
  const [errors, setErrors] = useState<Partial<Record<'accountId' | 'apiKey' | 'apiUrl' | 'keychain', string>>>({});
  const [busy, setBusy] = useState<'save' | 'remove' | 'test'>();
  const [result, setResult] = useState<TestConnectionResult>();
  if (!account) return null;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    const id = accountId.trim();
    const idProblem = accountIdProblem(id);
    if (idProblem) {
      setErrors({ accountId: idProblem });
      return;
    }
    if (!account.keySet && !apiKey) {
      setErrors({ apiKey: 'Paste the API key from your Openfax portal settings.' });
      return;
    }
    setBusy('save');
    try {
      const r = await saveAccount({ accountId: id, apiKey: apiKey || undefined, apiUrl: apiUrl.trim() || undefined });
      if (r.ok) {
        setAccountId(r.account.accountId);
        setApiUrl(r.account.apiUrl);
        setApiKey('');
        setResult(undefined);
        pushToast({ level: 'success', title: 'Account saved', message: `The API key is stored in the ${r.account.keychain}.` });
      } else setErrors({ [r.field]: r.reason });
    } catch (err) {
      setErrors({ keychain: messageOf(err) });
    } finally {
      setBusy(undefined);
    }
  };

  const remove = async () => {
    setBusy('remove');
    try {
      await removeApiKey();
      setResult(undefined);
      pushToast({ level: 'info', title: 'API key removed', message: 'Faxes now go to the sandbox until a key is set again.' });
    } catch (err) {
      setErrors({ keychain: messageOf(err) });
    } finally {
      setBusy(undefined);
    }
  };

  const test = async () => {
    setBusy('test');
    try {
      setResult(await testConnection());
    } catch (err) {
      pushToast({ level: 'error', title: 'Could not test the connection', message: messageOf(err) });
    } finally {
      setBusy(undefined);
    }
  };

  const err = (k: keyof typeof errors) =>
    errors[k] && (
      <span id={`acct-${k}-error`} className="field-error" role="alert">
        {errors[k]}
      </span>
    );

  return (
    <form className="account-form" onSubmit={save} noValidate>
      <div className="field">
        <label htmlFor="acct-id">Account ID</label>
        <input
          id="acct-id"
          className="input"
          inputMode="numeric"
          autoComplete="off"
          value={accountId}
          onChange={(e) => setAccountId(e.target.value)}
          aria-invalid={errors.accountId ? true : undefined}
          aria-describedby={errors.accountId ? 'acct-accountId-error' : undefined}
        />
        {err('accountId')}
      </div>
      <div className="field">
        <label htmlFor="acct-key">API key</label>
        <input
          id="acct-key"
          className="input"
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          placeholder={account.keySet ? 'Stored. Type a new key to replace it.' : 'Paste the key from your Openfax portal'}
          value={apiKey}
          onChange={(e) => setApiKey(e.target.value)}
          aria-invalid={errors.apiKey ? true : undefined}
          aria-describedby={`acct-key-status${errors.apiKey ? ' acct-apiKey-error' : ''}`}
        />
        <span id="acct-key-status" className="field-hint" data-testid="key-status">
          {account.keySet ? `API key: set (kept in the ${account.keychain})` : 'API key: not set'}
          {account.keychainError && ` · ${account.keychainError}`}
        </span>
        {err('apiKey')}
      </div>
      <details className="advanced">
        <summary>Server address</summary>
        <div className="field">
          <label htmlFor="acct-url">Openfax API address</label>
          <input
            id="acct-url"
            className="input"
            type="url"
            autoComplete="off"
            value={apiUrl}
            onChange={(e) => setApiUrl(e.target.value)}
            aria-invalid={errors.apiUrl ? true : undefined}
            aria-describedby={errors.apiUrl ? 'acct-apiUrl-error' : undefined}
          />
          <span className="field-hint">Leave as https://api.openfax.com unless Openfax support gave you another address.</span>
          {err('apiUrl')}
        </div>
      </details>
      {err('keychain')}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={!!busy}>
          {busy === 'save' ? 'Saving…' : 'Save account'}
        </button>
        {account.keySet && (
          <button type="button" className="button button-danger" disabled={!!busy} onClick={remove}>
            Remove key
          </button>
        )}
        <button type="button" className="button" disabled={!!busy} onClick={test}>
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </button>
      </div>
      {result && <TestResult result={result} />}
    </form>
  );
}

export function AccountSection() {
  const account = useStore((s) => s.account);
  const lowCredit = useStore(selectLowCredit);
  return (
    <section className="card settings-card" aria-labelledby="settings-account">
      <h2 id="settings-account">Account</h2>
      <SandboxBanner />
      <ModeSwitch />
      {account && <CredentialsForm />}
      {account && (
        <p className="credit-line">
          Credit: <strong>{account.credit === null ? 'not read yet' : money.format(account.credit)}</strong>
          {lowCredit && (
            <span className="chip chip-amber">
              <span aria-hidden="true">⚠</span> Low
            </span>
          )}
        </p>
      )}
      <div className="settings-grid">
        <SettingField k="lowCreditThreshold" />
      </div>
    </section>
  );
}
