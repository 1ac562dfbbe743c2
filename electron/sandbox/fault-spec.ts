// The fault setting as a person types it (`--sandbox-faults`, OPENFAX_SANDBOX_FAULTS):
//   rate=0.3,kinds=drop-after-accept+drop,seed=7[,latency=1500][,paths=submit+report+credit]
// One parser for every entry (the CLI, the browser host, `npm run sandbox`), so a spec that
// works in one works in all, and a wrong one is refused with the same words.

import { type Check, fail } from '../../shared/check.ts';
import type { FaultKind, FaultOptions } from './types.ts';

/** The environment variable every sandbox start reads. */
export const FAULTS_ENV = 'OPENFAX_SANDBOX_FAULTS';

export const FAULT_SPEC_EXAMPLE = 'rate=0.3,kinds=drop-after-accept+drop,seed=7';

const KINDS = {
  drop: true,
  'drop-after-accept': true,
  http500: true,
  malformed: true,
  latency: true,
} satisfies Record<FaultKind, true>;

const PATHS: Record<string, string> = {
  submit: '/faxSendSubmit.php',
  credit: '/getAvailableCredit.php',
  report: '/outboundDetailsbyDate.php',
};

const KEYS = ['rate', 'kinds', 'seed', 'latency', 'paths'] as const;
type Key = (typeof KEYS)[number];

const or = (words: readonly string[]) =>
  words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;

/**
 * Parses a fault spec. An empty spec, `off` or `none` means no faults (undefined). `kinds`
 * defaults to every kind, `seed` to 1 and `paths` to all three scripts; `rate` is required.
 */
export function parseFaultSpec(spec: string): Check<FaultOptions | undefined> {
  const text = spec.trim();
  if (text === '' || /^(off|none)$/i.test(text)) return { ok: true, value: undefined };
  const seen = new Map<Key, string>();
  for (const part of text.split(',')) {
    const item = part.trim();
    if (!item) continue;
    const eq = item.indexOf('=');
    if (eq < 0) return fail(`"${item}" has no value: write each setting as name=value, e.g. ${FAULT_SPEC_EXAMPLE}.`);
    const key = item.slice(0, eq).trim().toLowerCase();
    const value = item.slice(eq + 1).trim();
    if (!(KEYS as readonly string[]).includes(key))
      return fail(`"${key}" is not a fault setting: use ${or(KEYS)}, e.g. ${FAULT_SPEC_EXAMPLE}.`);
    if (seen.has(key as Key)) return fail(`${key} is given twice: give it once.`);
    if (!value) return fail(`${key}= has no value, e.g. ${FAULT_SPEC_EXAMPLE}.`);
    seen.set(key as Key, value);
  }
  const rateText = seen.get('rate');
  if (rateText === undefined) return fail(`Say how many requests to hit with rate=, a share from 0 to 1 (e.g. ${FAULT_SPEC_EXAMPLE}).`);
  const rate = rateText.endsWith('%') ? Number(rateText.slice(0, -1)) / 100 : Number(rateText);
  if (!Number.isFinite(rate) || rate < 0 || rate > 1 || !/^[\d.]+%?$/.test(rateText)) {
    return fail(`rate=${rateText} is not a share from 0 to 1: write e.g. rate=0.3 or rate=30%.`);
  }
  const out: FaultOptions = { rate, kinds: Object.keys(KINDS) as FaultKind[] };
  const kinds = seen.get('kinds');
  if (kinds !== undefined) {
    out.kinds = [];
    for (const k of kinds.split('+').map((s) => s.trim())) {
      if (!Object.hasOwn(KINDS, k))
        return fail(`"${k}" is not a fault kind: use ${or(Object.keys(KINDS))}, joined with + (kinds=drop+http500).`);
      if (!out.kinds.includes(k as FaultKind)) out.kinds.push(k as FaultKind);
    }
  }
  const seed = seen.get('seed');
  if (seed !== undefined) {
    if (!/^\d{1,10}$/.test(seed))
      return fail(`seed=${seed} is not a whole number: write e.g. seed=7 (the same seed replays the same faults).`);
    out.seed = Number(seed);
  }
  const latency = seen.get('latency');
  if (latency !== undefined) {
    const ms = /^\d{1,7}(ms)?$/.test(latency) ? Number.parseInt(latency, 10) : Number.NaN;
    if (Number.isNaN(ms)) return fail(`latency=${latency} is not a number of milliseconds: write e.g. latency=1500.`);
    out.latencyMs = ms;
  }
  const paths = seen.get('paths');
  if (paths !== undefined) {
    out.paths = [];
    for (const p of paths.split('+').map((s) => s.trim())) {
      const path = PATHS[p.toLowerCase()] ?? Object.values(PATHS).find((v) => v === p);
      if (!path) return fail(`"${p}" is not a sandbox script: use ${or(Object.keys(PATHS))}, joined with + (paths=submit+report).`);
      if (!out.paths.includes(path)) out.paths.push(path);
    }
  }
  return { ok: true, value: out };
}

/**
 * The faults a sandbox start is asked for: the command line's spec, else the environment's.
 * A refusal names where the spec came from, so the person knows what to correct.
 */
export function faultsFromSetting(
  flag: string | undefined,
  env: Record<string, string | undefined>,
  flagName = '--sandbox-faults',
): Check<FaultOptions | undefined> {
  const [spec, source] = flag !== undefined ? [flag, flagName] : [env[FAULTS_ENV], FAULTS_ENV];
  if (spec === undefined) return { ok: true, value: undefined };
  const parsed = parseFaultSpec(spec);
  return parsed.ok ? parsed : fail(`${source} "${spec}": ${parsed.reason}`);
}

/** One line for a start-up note: "30% of submit requests: drop-after-accept, drop (seed 7)". */
export function describeFaults(f: FaultOptions): string {
  const where = f.paths?.length
    ? `${or(f.paths.map((p) => Object.keys(PATHS).find((k) => PATHS[k] === p) ?? p))} requests`
    : 'all requests';
  return `${Math.round(f.rate * 1000) / 10}% of ${where}: ${f.kinds.join(', ')} (seed ${f.seed ?? 1})`;
}
