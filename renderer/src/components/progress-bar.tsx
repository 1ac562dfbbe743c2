// A labelled progress bar (uploads, imports): the app's .progress look with the ARIA a
// screen reader needs. Without a value it is indeterminate.

export interface ProgressBarProps {
  /** 0 … 1, or undefined while unknown. */
  value: number | undefined;
  label: string;
  tone?: 'sent' | 'ok' | 'fail';
  testId?: string;
}

export function ProgressBar({ value, label, tone = 'sent', testId }: ProgressBarProps) {
  const pct = value === undefined ? undefined : Math.round(Math.max(0, Math.min(1, value)) * 100);
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
      aria-valuetext={pct === undefined ? 'Waiting' : `${pct}%`}
      data-testid={testId}
    >
      <span className={`p-${tone}`} style={{ width: `${pct ?? 0}%` }} />
    </div>
  );
}
