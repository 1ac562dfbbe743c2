// The fault setting people type (--sandbox-faults, OPENFAX_SANDBOX_FAULTS): what it means, and
// how a wrong one is refused, naming the setting and the fix.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFaults, faultsFromSetting, parseFaultSpec } from '../../../electron/sandbox/fault-spec.ts';

describe('parseFaultSpec', () => {
  it('reads every setting', () => {
    expect(parseFaultSpec('rate=0.3,kinds=drop-after-accept+drop,seed=7')).toEqual({
      ok: true,
      value: { rate: 0.3, kinds: ['drop-after-accept', 'drop'], seed: 7 },
    });
    expect(parseFaultSpec(' rate = 25% , kinds=latency , latency=150ms, paths=submit+report ')).toEqual({
      ok: true,
      value: { rate: 0.25, kinds: ['latency'], latencyMs: 150, paths: ['/faxSendSubmit.php', '/outboundDetailsbyDate.php'] },
    });
  });

  it('defaults to every kind on every script; off, none and empty mean no faults', () => {
    expect(parseFaultSpec('rate=1')).toEqual({
      ok: true,
      value: { rate: 1, kinds: ['drop', 'drop-after-accept', 'http500', 'malformed', 'latency'] },
    });
    for (const off of ['', '  ', 'off', 'NONE']) expect(parseFaultSpec(off)).toEqual({ ok: true, value: undefined });
  });

  it.each([
    ['rate=2', /rate=2 is not a share from 0 to 1: write e\.g\. rate=0\.3 or rate=30%/],
    ['rate=-0.1', /not a share from 0 to 1/],
    ['rate=lots', /rate=lots is not a share/],
    ['kinds=drop', /how many requests to hit with rate=/],
    ['rate=0.3,kinds=dropp', /"dropp" is not a fault kind: use drop, drop-after-accept, http500, malformed or latency, joined with \+/],
    ['rate=0.3,kinds=drop,drop-after-accept', /"drop-after-accept" has no value: write each setting as name=value/],
    ['rate=0.3,speed=2', /"speed" is not a fault setting: use rate, kinds, seed, latency or paths/],
    ['rate=0.3,rate=0.5', /rate is given twice/],
    ['rate=0.3,seed=x', /seed=x is not a whole number/],
    ['rate=0.3,latency=soon', /latency=soon is not a number of milliseconds/],
    ['rate=0.3,paths=fax', /"fax" is not a sandbox script: use submit, credit or report/],
    ['rate=', /rate= has no value/],
  ])('refuses %s with a reason that names the fix', (spec, reason) => {
    const r = parseFaultSpec(spec);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});

describe('faultsFromSetting', () => {
  it('takes the option over the environment, and names where a wrong spec came from', () => {
    const env = { OPENFAX_SANDBOX_FAULTS: 'rate=0.5,kinds=http500' };
    expect(faultsFromSetting(undefined, env)).toEqual({ ok: true, value: { rate: 0.5, kinds: ['http500'] } });
    expect(faultsFromSetting('rate=0.1,kinds=drop', env)).toEqual({ ok: true, value: { rate: 0.1, kinds: ['drop'] } });
    expect(faultsFromSetting(undefined, {})).toEqual({ ok: true, value: undefined });
    expect(faultsFromSetting(undefined, { OPENFAX_SANDBOX_FAULTS: 'rate=9' })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^OPENFAX_SANDBOX_FAULTS "rate=9": rate=9 is not a share/),
    });
    expect(faultsFromSetting('rate=2', {})).toMatchObject({ ok: false, reason: expect.stringMatching(/^--sandbox-faults "rate=2": /) });
  });

  it('describes what is on in one line', () => {
    const f = parseFaultSpec('rate=0.3,kinds=drop-after-accept+drop,seed=7,paths=submit');
    expect(f.ok && f.value && describeFaults(f.value)).toBe('30% of submit requests: drop-after-accept, drop (seed 7)');
  });
});

describe('the browser host', () => {
  it('refuses a wrong setting from the environment before it starts anything', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'openfax-web-faults-'));
    try {
      const r = spawnSync(process.execPath, [join(import.meta.dirname, '../../../electron/web/main.ts'), '--data-dir', dataDir], {
        env: { ...process.env, OPENFAX_SANDBOX_FAULTS: 'rate=0.3,kinds=lost', OPENFAX_QUIET: '1' },
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/OPENFAX_SANDBOX_FAULTS "rate=0\.3,kinds=lost": "lost" is not a fault kind/);
      expect(r.stdout).not.toMatch(/OPENFAX_WEB_URL/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
