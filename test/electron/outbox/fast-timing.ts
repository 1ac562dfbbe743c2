// Outbox timing for tests against a fast sandbox (kept apart from harness.ts so the crash
// test's child process imports nothing heavy).

import type { OutboxTiming } from '../../../electron/outbox/types.ts';

export const FAST_TIMING: OutboxTiming = {
  pollIntervalMs: 60,
  pollMaxBackoffMs: 400,
  retryBaseMs: 30,
  retryMaxMs: 200,
  reconcileGraceMs: 400,
  leaseHeartbeatMs: 200,
  dbWatchMs: 100,
  stopGraceMs: 2_000,
};
