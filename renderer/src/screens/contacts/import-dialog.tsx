// Importing contacts, step by step: choose (or drop) a CSV or vCard file → match its columns
// (CSV) → preview every row with its problems → import, with progress → the report.

import { type DragEvent, useRef, useState } from 'react';
import type {
  DuplicateAction,
  ImportFixField,
  ImportMapping,
  ImportOpened,
  ImportPreview,
  ImportReport,
} from '../../../../shared/ipc/contract/contacts.ts';
import { Icon } from '../../components/icon.tsx';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import { ProgressBar } from '../../components/progress-bar.tsx';
import { messageOf } from '../../ipc/message-of.ts';
import { useStore } from '../../store/index.ts';
import { applyImportFix } from './import-fix.ts';
import { ImportMappingStep } from './import-mapping.tsx';
import { ImportPreviewStep } from './import-preview.tsx';

type Opened = Extract<ImportOpened, { ok: true }>;

type Step =
  | { kind: 'choose'; busy: boolean; error?: string }
  | { kind: 'mapping'; opened: Opened; busy: boolean; error?: string }
  | { kind: 'preview'; opened: Opened; preview: ImportPreview; busy: boolean; error?: string }
  | { kind: 'done'; report: ImportReport; fileName: string };

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

function ChooseStep({ busy, error, onFile, onPick }: { busy: boolean; error?: string; onFile(file: File): void; onPick(): void }) {
  const input = useRef<HTMLInputElement>(null);
  const nativeFiles = useStore((s) => s.capabilities.nativeFiles);
  const [over, setOver] = useState(false);
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) onFile(file);
  };
  return (
    <div className="import-choose">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the drop area is an extra; the button does the same by keyboard. */}
      <div
        className={`drop-zone${over ? ' drop-zone-over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        <p className="drop-zone-title">Drop a contacts file here</p>
        <p className="muted">CSV from Outlook, Google Contacts or a spreadsheet, or a vCard file (.vcf) with any number of cards.</p>
        <button
          type="button"
          className="button button-primary"
          disabled={busy}
          onClick={() => (nativeFiles ? onPick() : input.current?.click())}
        >
          Choose a file…
        </button>
        <input
          ref={input}
          type="file"
          accept=".csv,.vcf,.vcard,.txt,text/csv,text/vcard"
          hidden
          data-testid="import-file-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) onFile(file);
          }}
        />
        {busy && (
          <p role="status" className="muted">
            <span className="spinner" aria-hidden="true" /> Reading the file…
          </p>
        )}
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function ReportStep({ report, fileName, onClose }: { report: ImportReport; fileName: string; onClose(): void }) {
  return (
    <div className="import-report" role="status">
      <p className="import-report-title">
        <Icon name="check" /> Import of {fileName} finished
      </p>
      <ul className="import-report-list" data-testid="import-report">
        <li>{plural(report.added, 'contact')} added</li>
        {report.merged > 0 && <li>{plural(report.merged, 'duplicate')} merged into existing contacts</li>}
        {report.skipped > 0 && <li>{plural(report.skipped, 'duplicate')} skipped</li>}
        {report.invalid > 0 && <li>{plural(report.invalid, 'row')} not imported because of problems</li>}
      </ul>
      <div className="contact-view-actions">
        <button type="button" className="button button-primary" onClick={onClose}>
          Done
        </button>
      </div>
    </div>
  );
}

export function ImportDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [step, setStep] = useState<Step>({ kind: 'choose', busy: false });
  const progress = useStore((s) => s.contactImportProgress);
  const setProgress = useStore((s) => s.setContactImportProgress);
  const openImport = useStore((s) => s.openContactImport);
  const analyzeImport = useStore((s) => s.analyzeContactImport);
  const commitImport = useStore((s) => s.commitContactImport);
  const fixImportRow = useStore((s) => s.fixContactImportRow);
  const cancelImport = useStore((s) => s.cancelContactImport);

  const close = () => {
    if ('opened' in step) cancelImport(step.opened.importId);
    setStep({ kind: 'choose', busy: false });
    setProgress(undefined);
    onClose();
  };

  const analyze = async (opened: Opened, mapping?: ImportMapping) => {
    setStep({ kind: 'mapping', opened, busy: true });
    try {
      const preview = await analyzeImport(opened.importId, mapping);
      setStep({ kind: 'preview', opened: { ...opened, mapping: mapping ?? opened.mapping }, preview, busy: false });
    } catch (err) {
      setStep({ kind: 'mapping', opened, busy: false, error: messageOf(err) });
    }
  };

  const afterOpen = async (opened: ImportOpened) => {
    if (!opened.ok) {
      setStep({ kind: 'choose', busy: false, error: opened.canceled ? undefined : opened.reason });
      return;
    }
    // A vCard has no columns to match: straight to the preview.
    if (opened.format === 'vcard') await analyze(opened);
    else setStep({ kind: 'mapping', opened, busy: false });
  };

  const openFile = async (source: File | 'pick') => {
    setStep({ kind: 'choose', busy: true });
    try {
      await afterOpen(await openImport(source));
    } catch (err) {
      setStep({ kind: 'choose', busy: false, error: messageOf(err) });
    }
  };

  const commit = async (duplicates: DuplicateAction, groupName: string | undefined) => {
    if (step.kind !== 'preview') return;
    setStep({ ...step, busy: true, error: undefined });
    try {
      const report = await commitImport(step.opened.importId, duplicates, groupName);
      setStep({ kind: 'done', report, fileName: step.opened.fileName });
    } catch (err) {
      setStep({ ...step, busy: false, error: messageOf(err) });
    }
  };

  const fix = async (row: number, field: ImportFixField, value: string) => {
    if (step.kind !== 'preview') return;
    const { importId } = step.opened;
    try {
      const fixed = await fixImportRow(importId, row, field, value);
      setStep((s) =>
        s.kind === 'preview' && s.opened.importId === importId ? { ...s, preview: applyImportFix(s.preview, fixed), error: undefined } : s,
      );
    } catch (err) {
      setStep((s) => (s.kind === 'preview' ? { ...s, error: messageOf(err) } : s));
    }
  };

  const live = progress && 'opened' in step && progress.importId === step.opened.importId ? progress : undefined;
  const working = step.kind !== 'done' && step.busy && step.kind !== 'choose';
  const title = step.kind === 'choose' ? 'Import contacts' : step.kind === 'done' ? 'Import finished' : `Import ${step.opened.fileName}`;

  return (
    <ModalDialog open={open} title={title} onClose={close} size={step.kind === 'preview' || step.kind === 'mapping' ? 'wide' : 'normal'}>
      {step.kind === 'choose' && (
        <ChooseStep busy={step.busy} error={step.error} onFile={(f) => void openFile(f)} onPick={() => void openFile('pick')} />
      )}
      {step.kind === 'mapping' && (
        <ImportMappingStep
          opened={step.opened}
          busy={step.busy}
          error={step.error}
          onBack={close}
          onCheck={(m) => void analyze(step.opened, m)}
        />
      )}
      {step.kind === 'preview' && (
        <ImportPreviewStep
          opened={step.opened}
          preview={step.preview}
          busy={step.busy}
          error={step.error}
          onBack={step.opened.format === 'csv' ? () => setStep({ kind: 'mapping', opened: step.opened, busy: false }) : close}
          onImport={(d, g) => void commit(d, g)}
          onFix={(row, field, value) => void fix(row, field, value)}
        />
      )}
      {working && (
        <div className="import-progress">
          <ProgressBar
            value={live?.total ? live.done / live.total : undefined}
            label={live?.phase === 'saving' ? 'Saving contacts' : 'Checking rows'}
            testId="import-progress"
          />
          <span className="muted" role="status">
            {live
              ? `${live.phase === 'saving' ? 'Saving' : 'Checking'} ${live.done.toLocaleString()} of ${live.total.toLocaleString()}…`
              : 'Working…'}
          </span>
        </div>
      )}
      {step.kind === 'done' && <ReportStep report={step.report} fileName={step.fileName} onClose={close} />}
    </ModalDialog>
  );
}
