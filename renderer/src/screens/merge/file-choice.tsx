// "Choose…" for a merge's files: main's own dialog in the desktop app, else a file input whose
// bytes go up (the browser host has no dialog of main's).

import { type ChangeEvent, type ReactElement, useRef } from 'react';
import { useStore } from '../../store/index.ts';

export interface FileChoice {
  open(): void;
  /** The hidden input: render it once in the section. */
  input: ReactElement;
}

export function useFileChoice(opts: { accept: string; label: string; testId: string; take(source: File | 'pick'): void }): FileChoice {
  const ref = useRef<HTMLInputElement>(null);
  const nativeFiles = useStore((s) => s.capabilities.nativeFiles);
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) opts.take(file);
  };
  return {
    open: () => (nativeFiles ? opts.take('pick') : ref.current?.click()),
    input: (
      <input ref={ref} type="file" accept={opts.accept} hidden onChange={onChange} data-testid={opts.testId} aria-label={opts.label} />
    ),
  };
}
