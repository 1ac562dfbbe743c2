// "Print to Openfax": what the printer is on this computer, whether it is set up and prints
// into the hot folder, and set-up / removal with every step explained as it happens.

import { useEffect } from 'react';
import type { PrinterSetupView, PrinterStepView } from '../../../../shared/ipc/contract/printer.ts';
import { Icon, type IconName } from '../../components/icon.tsx';
import { useStore } from '../../store/index.ts';
import type { PrinterRun } from '../../store/slices/printer-slice.ts';

const MARK: Record<PrinterStepView['status'], { icon: IconName; words: string; tone: string }> = {
  ok: { icon: 'check', words: 'OK', tone: 'green' },
  done: { icon: 'check', words: 'Done', tone: 'green' },
  already: { icon: 'check', words: 'Already done', tone: 'green' },
  failed: { icon: 'fail', words: 'Failed', tone: 'red' },
  skipped: { icon: 'skipped', words: 'Not done', tone: 'grey' },
  info: { icon: 'info', words: 'Note', tone: 'blue' },
};

export function PrinterSection() {
  const folder = useStore((s) => s.hotFolder?.folder);
  const setup = useStore((s) => s.printerSetup);
  const error = useStore((s) => s.printerError);
  const run = useStore((s) => s.printerRun);
  const load = useStore((s) => s.loadPrinterSetup);
  const start = useStore((s) => s.runPrinterSetup);
  const busy = !!run && !run.result;

  // Re-read when the hot folder moves: a printer set up for the old folder must be set up again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `folder` is the trigger, not an input.
  useEffect(() => {
    void load();
  }, [load, folder]);

  return (
    <section className="card settings-card" aria-labelledby="settings-printer" id="printer-setup">
      <h2 id="settings-printer">Print to Openfax</h2>
      {!setup && !error && <p className="muted">Checking the printer…</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {setup && !setup.supported && (
        <p className="muted" data-testid="printer-unavailable">
          {setup.reason}
        </p>
      )}
      {setup?.supported && (
        <>
          <p className="muted">{setup.kind}</p>
          <p className="printer-state" data-testid="printer-state">
            <span className={`chip ${setup.installed ? 'chip-green' : 'chip-grey'}`}>{setup.installed ? 'Set up' : 'Not set up'}</span>{' '}
            {setup.installed ? (
              <span>
                Prints into <code>{setup.folder}</code>
              </span>
            ) : setup.checks.some((c) => c.ok) ? (
              <span>Set up for another folder or only in part: set it up again to print into the hot folder.</span>
            ) : (
              <span>Print from any program to send a fax, once it is set up.</span>
            )}
          </p>
          {!run && !setup.installed && (
            <details className="printer-plan">
              <summary>What setting it up does</summary>
              <ol>
                {setup.plan.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ol>
            </details>
          )}
          <div className="form-actions">
            <button type="button" className="button button-primary" disabled={busy} onClick={() => start('install')}>
              {setup.installed ? 'Set up again' : 'Set up the printer'}
            </button>
            {setup.checks.some((c) => c.ok) && (
              <button type="button" className="button" disabled={busy} onClick={() => start('remove')}>
                Remove the printer
              </button>
            )}
          </div>
          {run && <RunReport run={run} setup={setup} />}
          <p className="muted small">{setup.rights}</p>
          <p className="small">
            From a terminal: <code className="command">{setup.command}</code>
          </p>
        </>
      )}
    </section>
  );
}

function RunReport({ run, setup }: { run: PrinterRun; setup: PrinterSetupView }) {
  const title = run.action === 'install' ? 'Setting up the printer' : 'Removing the printer';
  return (
    <div className="printer-run" aria-live="polite" data-testid="printer-run">
      <p className="printer-run-title">
        <strong>{run.result ? (run.result.ok ? `${title}: finished` : `${title}: stopped`) : `${title}…`}</strong>
      </p>
      <ol className="printer-steps">
        {run.steps.map((s, i) => {
          const m = MARK[s.status];
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps are positional and never reorder.
            <li key={i} className={`printer-step tone-${m.tone}`}>
              <span className="printer-step-mark" aria-hidden="true">
                <Icon name={m.icon} size={14} />
              </span>
              <span>
                {s.explain} <span className="visually-hidden">({m.words})</span>
                {s.detail && <span className="printer-step-detail">{s.detail}</span>}
              </span>
            </li>
          );
        })}
      </ol>
      {run.result && !run.result.ok && (
        <p className="field-error" role="alert">
          A step failed; nothing after it was done. Fix what it says, then try again
          {setup.command ? ', or run the command below' : ''}.
        </p>
      )}
    </div>
  );
}
