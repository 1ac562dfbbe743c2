// Test helpers for the printer plans: every command a plan would run, and folder names built
// to break out of a shell's or PowerShell's quoting. Shared by the plan tests and the
// hostile-settings property (test/electron/security/hostile-settings.test.ts).

export type Command = { program?: string; args: string[]; env?: Record<string, string> };

/** Every command a list of steps and probes would run, probes inside steps included. */
export function allCommands(items: readonly unknown[]): Command[] {
  const found: Command[] = [];
  const visit = (x: unknown) => {
    if (!x || typeof x !== 'object') return;
    const o = x as Record<string, unknown>;
    if (Array.isArray(o.args)) found.push(o as unknown as Command);
    for (const key of ['probe', 'done']) visit(o[key]);
  };
  for (const item of items) visit(item);
  return found;
}

/** Folder names that close a quote (', ‘ ’ ‚ ‛, "), expand ($(), ``, $HOME), chain (;) or add a line. */
export const HOSTILE_FOLDER_NAMES = [
  "O'Brien",
  'x’+(Start-Process calc)+’',
  "x'; touch PWNED; echo '",
  'x$(touch PWNED)',
  'x`touch PWNED`',
  'x"; touch PWNED; "',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell expansion, on purpose.
  'x\\" $HOME ${IFS} *',
  'two\nlines; touch PWNED',
  '-n',
];
