// Account: sandbox or live, the account ID and the API key (typed once, stored in the OS
// keychain, shown only as set / not set), test connection with the exact error, credit. A key
// goes to an address that is neither Openfax's nor this computer only after a yes: Electron's
// main asks natively; in the browser main refuses with `confirmAddress` and the form asks here.

import { type FormEvent, useState } from 'react';
import { accountIdProblem } from '../../../../shared/account-id.ts';
import type { AccountTestResult, ApiErrorView } from '../../../../shared/ipc/contract/account.ts';
import { apiAddressQuestion } from '../../../../shared/trust-questions.ts';
import { messageOf } from '../../ipc/message-of.ts';
import { Icon } from '../../components/icon.tsx';
import { MagicNumbers } from '../../components/magic-numbers.tsx';
import { useStore } from '../../store/index.ts';
import { selectLowCredit } from '../../store/slices/account-slice.ts';
import { SettingField } from './setting-field.tsx';
import { TrustDialog } from './trust-dialog.tsx';

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

function SandboxBanner() {
  const account = useStore((s) => s.account);
  if (account?.mode !== 'sandbox') return null;
  return (
    <div className="banner banner-amber sandbox-banner" data-testid="sandbox-banner">
      <span className="banner-icon" aria-hidden="true">
        <Icon name="warning" size={20} />
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
  // The failed test of the saved credentials: shown, with "Switch anyway" beside it.
  const [failed, setFailed] = useState<{ error: ApiErrorView; apiUrl: string }>();
  const [busy, setBusy] = useState(false);
  if (!account) return null;
  const to = account.mode === 'sandbox' ? 'live' : 'sandbox';
  const onClick = async (anyway = false) => {
    setError(undefined);
    setBusy(true);
    try {
      const r = await setAccountMode(to, anyway);
      if (r.ok) setFailed(undefined);
      else if (r.test) setFailed(r.test);
      else setError(r.reason);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
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
        onClick={() => void onClick()}
        disabled={busy || (to === 'live' && !account.liveReady)}
      >
        {busy && to === 'live' ? 'Testing your account…' : to === 'live' ? 'Switch to your Openfax account' : 'Switch to the sandbox'}
      </button>
      {to === 'live' && !account.liveReady && (
        <span className="field-hint">{account.keyProblem ?? 'Enter your account ID and API key below first.'}</span>
      )}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
      {failed && to === 'live' && (
        <div className="test-result bad switch-failed" role="alert" data-testid="switch-failed">
          <p>
            <Icon name="fail" /> <strong>Still using the sandbox: testing your Openfax account at {failed.apiUrl} failed.</strong>{' '}
            {failed.error.message} {failed.error.action}
          </p>
          {failed.error.code && <p className="code">Code: {failed.error.code}</p>}
          <p>Faxes sent after switching anyway may fail the same way.</p>
          <div className="form-actions">
            <button type="button" className="button button-danger" disabled={busy} onClick={() => void onClick(true)}>
              Switch anyway
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => setFailed(undefined)}>
              Stay in the sandbox
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

/** The outcome of testing the typed credentials, naming the account and address it reached. */
function TestResult({ result }: { result: Exclude<AccountTestResult, { outcome: 'invalid' }> }) {
  if (result.outcome === 'connected') {
    return (
      <p className="test-result ok" role="status" data-testid="test-result">
        <Icon name="check" /> Connected to Openfax account {result.accountId} at {result.apiUrl}. Credit: {money.format(result.credit)}.
        (Not saved yet: press Save account to keep these details.)
      </p>
    );
  }
  return (
    <div className="test-result bad" role="alert" data-testid="test-result">
      <p>
        <Icon name="fail" />{' '}
        <strong>
          Account {result.accountId} at {result.apiUrl}: {result.error.message}
        </strong>{' '}
        {result.error.action}
      </p>
      {result.error.code && <p className="code">Code: {result.error.code}</p>}
    </div>
  );
}

function CredentialsForm() {
  const account = useStore((s) => s.account);
  const saveAccount = useStore((s) => s.saveAccount);
  const removeApiKey = useStore((s) => s.removeApiKey);
  const testAccount = useStore((s) => s.testAccount);
  const pushToast = useStore((s) => s.pushToast);
  const [accountId, setAccountId] = useState(account?.accountId ?? '');
  const [apiKey, setApiKey] = useState('');
  const [apiUrl, setApiUrl] = useState(account?.apiUrl ?? '');
  const [errors, setErrors] = useState<Partial<Record<'accountId' | 'apiKey' | 'apiUrl' | 'keychain', string>>>({});
  const [busy, setBusy] = useState<'save' | 'remove' | 'test'>();
  const [result, setResult] = useState<Exclude<AccountTestResult, { outcome: 'invalid' }>>();
  // Main asked for a yes before the key goes to this origin; then the action runs again with it.
  const [asking, setAsking] = useState<{ origin: string; retry: 'save' | 'test' }>();
  if (!account) return null;
  // A key is only ever sent to the address it was entered for: a new address needs it again.
  const addressChanged = !!apiUrl.trim() && apiUrl.trim().replace(/\/+$/, '') !== account.apiUrl.replace(/\/+$/, '');
  const needsKeyAgain = account.keySet && (addressChanged || !!account.keyProblem);

  const typeAccountId = (value: string) => {
    setAccountId(value);
    // Checked as it is typed, with the rule main applies (shared/account-id.ts).
    const id = value.trim();
    setErrors((e) => ({ ...e, accountId: id ? accountIdProblem(id) : undefined }));
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    await saveTyped();
  };

  const saveTyped = async (trustAddress?: string) => {
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
    if (needsKeyAgain && !apiKey) {
      setErrors({
        apiKey:
          'Paste the API key again: a new server address needs its key, so your key is never sent to an address it was not entered for.',
      });
      return;
    }
    setBusy('save');
    try {
      const r = await saveAccount({ accountId: id, apiKey: apiKey || undefined, apiUrl: apiUrl.trim() || undefined, trustAddress });
      if (!r.ok && r.confirmAddress) setAsking({ origin: r.confirmAddress, retry: 'save' });
      else if (r.ok) {
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

  // Tests exactly what is typed (account ID, key, address), before anything is saved.
  const test = async (trustAddress?: string) => {
    setBusy('test');
    setResult(undefined);
    setErrors((e) => ({ ...e, apiKey: undefined, apiUrl: undefined }));
    try {
      const r = await testAccount({
        accountId: accountId.trim(),
        apiKey: apiKey || undefined,
        apiUrl: apiUrl.trim() || undefined,
        trustAddress,
      });
      if (r.outcome === 'invalid' && r.confirmAddress) setAsking({ origin: r.confirmAddress, retry: 'test' });
      else if (r.outcome === 'invalid') setErrors((e) => ({ ...e, [r.field]: r.reason }));
      else setResult(r);
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
          onChange={(e) => typeAccountId(e.target.value)}
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
          placeholder={
            account.keySet && !needsKeyAgain ? 'Stored. Type a new key to replace it.' : 'Paste the key from your Openfax portal'
          }
          value={apiKey}
          onChange={(e) => setApiKey(e.target.value)}
          aria-invalid={errors.apiKey ? true : undefined}
          aria-describedby={`acct-key-status${errors.apiKey ? ' acct-apiKey-error' : ''}`}
        />
        <span id="acct-key-status" className="field-hint" data-testid="key-status">
          {account.keySet ? `API key: set (kept in the ${account.keychain})` : 'API key: not set'}
          {needsKeyAgain && ` · ${account.keyProblem ?? 'Type the key again to use the new server address.'}`}
        </span>
        {account.keychainError && (
          <span className="field-error" role="alert" data-testid="keychain-error">
            {account.keychainError}
          </span>
        )}
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
        <button type="button" className="button" disabled={!!busy} onClick={() => void test()}>
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </button>
      </div>
      {result && <TestResult result={result} />}
      <TrustDialog
        question={asking && apiAddressQuestion(asking.origin)}
        onConfirm={() => {
          if (!asking) return;
          setAsking(undefined);
          void (asking.retry === 'save' ? saveTyped(asking.origin) : test(asking.origin));
        }}
        onCancel={() => {
          if (asking) setErrors({ apiUrl: `Nothing was sent to ${new URL(asking.origin).host}: your API key stays here.` });
          setAsking(undefined);
        }}
      />
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
              <Icon name="warning" size={14} /> Low
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
