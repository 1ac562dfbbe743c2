// Getting started: one page the installed app shows on its first run, in place of the screen
// (never a dialog over it: a print that arrives meanwhile switches to Compose as always, and a
// shortcut such as Ctrl+O acts on Compose as from any screen). Its buttons close it for good;
// Help → Getting started and Settings → Help bring it back.

import { Icon } from '../../components/icon.tsx';
import { useStore } from '../../store/index.ts';
import { SETTINGS_HEADINGS, showSettingsCard } from './show-settings-card.ts';
import './getting-started.css';

const STEPS = [
  {
    title: 'Print or drop a document',
    text: 'Print to the “Openfax” printer from any program, or drop PDFs, scans and pictures on the window.',
  },
  { title: 'Check the preview', text: 'Compose shows every page as the fax machine will print it.' },
  { title: 'Pick the recipients', text: 'Type a name from the address book or a fax number, then press Send.' },
  { title: 'Watch the Outbox', text: 'Each fax shows its progress and ends as Delivered or Failed, with the reason.' },
] as const;

export function GettingStartedScreen() {
  const sandbox = useStore((s) => s.account?.mode !== 'live');
  const dismiss = useStore((s) => s.dismissGettingStarted);
  // The browser host has no menu bar.
  const desktop = useStore((s) => s.info?.transport === 'electron');
  const goTo = (heading: string) => {
    void dismiss();
    showSettingsCard(heading);
  };
  return (
    <section className="getting-started" aria-labelledby="getting-started-title" data-testid="getting-started">
      <h1 id="getting-started-title">Getting started</h1>
      <p className="getting-started-lead">Openfax Desktop sends faxes from this computer, in four steps:</p>
      <ol className="getting-started-steps">
        {STEPS.map((step) => (
          <li key={step.title}>
            <strong>{step.title}</strong>
            <span className="muted">{step.text}</span>
          </li>
        ))}
      </ol>
      {sandbox && (
        <div className="banner banner-amber" data-testid="getting-started-sandbox">
          <span className="banner-icon" aria-hidden="true">
            <Icon name="info" size={20} />
          </span>
          <p>
            <strong>You are in the sandbox.</strong> No account is needed and nothing is really sent: every fax is simulated, so you can try
            it all. To send real faxes, connect your Openfax account in Settings → Account.
          </p>
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={() => goTo(SETTINGS_HEADINGS.printer)}>
          Set up the Openfax printer
        </button>
        {sandbox && (
          <button type="button" className="button" onClick={() => goTo(SETTINGS_HEADINGS.account)}>
            Connect an account
          </button>
        )}
        <button type="button" className="button" onClick={() => void dismiss()}>
          Close
        </button>
      </div>
      <p className="muted getting-started-foot">
        {desktop ? 'Help → Getting started, or Settings → Help,' : 'Settings → Help'} shows this page again.
      </p>
    </section>
  );
}
