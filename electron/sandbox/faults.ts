// Fault injection: on a chosen share of requests, with a seeded RNG so a failing test can be
// replayed. Where each kind strikes (see FaultKind): `drop` and `http500` before anything is
// accepted, `latency`, `malformed` and `drop-after-accept` after the request was handled.

import { DEFAULT_LATENCY_MS } from './defaults.ts';
import type { FaultKind, FaultOptions } from './types.ts';

export interface FaultPlan {
  kind: FaultKind;
  latencyMs: number;
  /** For `malformed`: a PHP warning before the JSON, or the JSON cut short. */
  variant: 'warning' | 'truncated';
}

export interface Faults {
  set(f: FaultOptions | undefined): void;
  /** Decides, once per request, whether and how this request fails. */
  decide(path: string): FaultPlan | undefined;
}

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createFaults(initial: FaultOptions | undefined): Faults {
  let opts: FaultOptions | undefined;
  let rand = seededRandom(1);
  const faults: Faults = {
    set(f) {
      opts = f;
      rand = seededRandom(f?.seed ?? 1);
    },
    decide(path) {
      if (!opts || opts.rate <= 0 || opts.kinds.length === 0) return undefined;
      if (opts.paths && !opts.paths.includes(path)) return undefined;
      if (rand() >= opts.rate) return undefined;
      const kind = opts.kinds[Math.floor(rand() * opts.kinds.length)];
      return { kind, latencyMs: opts.latencyMs ?? DEFAULT_LATENCY_MS, variant: rand() < 0.5 ? 'warning' : 'truncated' };
    },
  };
  faults.set(initial);
  return faults;
}

/** What Apache sends when a PHP script dies. */
export const HTTP_500_BODY = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>500 Internal Server Error</title>
</head><body>
<h1>Internal Server Error</h1>
<p>The server encountered an internal error or
misconfiguration and was unable to complete
your request.</p>
<hr>
<address>Apache/2.4.41 (Ubuntu) Server at api.openfax.com Port 443</address>
</body></html>
`;

/** The answer a PHP script with display_errors on would give: a warning, or JSON cut short. */
export function malform(body: string, variant: FaultPlan['variant'], script: string): string {
  if (variant === 'truncated') return body.slice(0, Math.max(1, Math.floor(body.length / 2)));
  return `<br />\n<b>Warning</b>:  Undefined array key "frHeader" in <b>/var/www/html${script}</b> on line <b>23</b><br />\n${body}`;
}
