// Rules that several places need live once, in their home file, and everything imports them.
// Each had been copied by hand and the copies drifted (filters lost `canceled`, searches
// disagreed on the OutTransID, the account ID had two regexes); these fail if a copy returns.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SOURCE_DIRS = ['electron', 'renderer/src', 'shared'];

function sourceFiles(): Array<{ path: string; text: string }> {
  return SOURCE_DIRS.flatMap((dir) =>
    readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(ts|tsx|mts)$/.test(f))
      .map((f) => {
        const abs = join(ROOT, dir, f);
        return { path: relative(ROOT, abs).split('\\').join('/'), text: readFileSync(abs, 'utf8') };
      }),
  );
}

const RULES: Array<{ rule: string; home: string; copies: RegExp[] }> = [
  {
    rule: 'the Outbox filter list and the states each filter shows',
    home: 'shared/outbox-filters.ts',
    copies: [
      /\[\s*'all',\s*'in-progress'/,
      /'failed',\s*'rejected',\s*'auth-failed',\s*'no-credit'/,
      /type\s+JobFilter\s*=\s*'/,
      /value:\s*'needs-attention',\s*label:/,
    ],
  },
  {
    rule: 'the job search (SQL)',
    home: 'electron/store/job-conditions.ts',
    copies: [/\bj\.(to_header|number_raw)\s+LIKE/, /d\.original_name\s+LIKE/, /j\.out_trans_id\s*=\s*:(exact|search)/],
  },
  {
    rule: 'the job search (a row already loaded)',
    home: 'shared/job-search.ts',
    copies: [
      /number\.replace\(\/\\D\/g, ''\)\.includes\(/,
      /outTransId[^\n;]*\.includes\(/,
      /recipientName[^\n;]*\.includes\(/,
      /recipientName\}[^\n]*\$\{row\.number\}/,
    ],
  },
  {
    rule: 'the account ID',
    home: 'shared/account-id.ts',
    copies: [/\\d\{1,12\}/, /number shown in your Openfax portal/, /account ID is digits only/],
  },
  {
    // Compose showed +44 20 7946 0000 while the Outbox showed +442079460000 for the same fax.
    rule: 'how a fax number is shown to people',
    home: 'shared/fax-number.ts',
    copies: [/\.formatInternational\(\)/, /\.slice\(1, 4\)\}\s\$\{/, /from 'libphonenumber-js/],
  },
  {
    rule: 'the call timings',
    home: 'shared/call-timing.ts',
    copies: [/standard:\s*20,\s*fine:\s*40/, /\?\s*40\s*:\s*20\b/, /CALL_SETUP_SECONDS\s*=/, /SECONDS_PER_PAGE\s*[:=]/],
  },
  {
    // The row said "20 sent · 19 delivered · 1 failed of 20", the CLI "20/20 done", and a refused
    // recipient counted as sent in one and as failed in the other.
    rule: 'a broadcast’s counts and their words',
    home: 'shared/broadcast-counts.ts',
    copies: [/refused before sending/, /\} sent · \$\{/, /\$\{p\.done\}\/\$\{p\.total\} done/],
  },
  {
    rule: 'which history is the sandbox’s',
    home: 'shared/outbox-filters.ts',
    copies: [/'openfax-sandbox:/],
  },
  {
    rule: 'when Openfax redials',
    home: 'shared/redial-estimate.ts',
    copies: [/REDIAL_WAIT_MINUTES\s*\*\s*60_?000/],
  },
];

describe('one source per rule', () => {
  const files = sourceFiles();

  it.each(RULES)('$rule lives only in $home', ({ home, copies }) => {
    const homeFile = files.find((f) => f.path === home);
    expect(homeFile, `${home} exists`).toBeDefined();
    // The patterns describe the rule (some match its home) or the shapes its old copies had.
    expect(copies.some((re) => re.test(homeFile?.text ?? ''))).toBe(true);
    const found = files.flatMap((f) => (f.path === home ? [] : copies.filter((re) => re.test(f.text)).map((re) => `${f.path}: ${re}`)));
    expect(found).toEqual([]);
  });
});
