// The life of one fax through the vendor's CurrentState codes, as pure transitions. Durations
// are simulated seconds (divided by `speed` for the wall clock); the row values they produce
// (CallDuration) stay in simulated seconds, so reports look the same at any speed.
//
// 0 received → 1 rendering → 2 credit check → 3 outbound table → 4 queued → 5 dialling →
// 6 reporting → 8 delivered | 9 failed | 7 waiting for redial → 4 … (new attempt row).
// Rendering can end in 10 (conversion failed), the credit check in 11 (credit hold).
// Charging: price per page actually transmitted, per attempt; calls that send no page
// (busy, no answer, not a fax, bad number) cost nothing.

import { CALL_SETUP_SECONDS, SECONDS_PER_PAGE } from '../../shared/call-timing.ts';
import { RESOLUTION_CODE } from '../../shared/domain.ts';
import { lastStatusInfo, MAX_ATTEMPTS, REDIAL_WAIT_MINUTES } from '../../shared/vendor-codes.ts';
import { type CallOutcome, scenarioFor } from './magic-numbers.ts';
import { type AttemptRecord, type FaxRecord, roundMoney } from './store-records.ts';

export const STATE = {
  received: 0,
  rendering: 1,
  creditCheck: 2,
  outboundTable: 3,
  queued: 4,
  dialling: 5,
  reporting: 6,
  waitingRedial: 7,
  delivered: 8,
  failed: 9,
  conversionFailed: 10,
  creditHold: 11,
} as const;

export const RENDER_STATUS = { pending: 0, complete: 1, failed: 2 } as const;

/** Simulated seconds spent in each state (dialling depends on the call). */
export const DURATION_S = {
  received: 1,
  renderPerPage: 0.5,
  creditCheck: 1,
  outboundTableNormal: 2,
  outboundTableLow: 20,
  queued: 2,
  reporting: 2,
  redialWait: REDIAL_WAIT_MINUTES * 60,
} as const;

export interface MachineEnv {
  speed: number;
  pricePerPage: number;
  creditOf(accountId: string): number;
  webhookEnabled: boolean;
}

export interface CallResult {
  lastStatus: number;
  pagesSent: number;
  /** Simulated seconds the dialling state lasts. */
  seconds: number;
  /** Seconds connected, as reported (0 when nobody answered). */
  callDuration: number;
}

/** What one call does for a document of `pages` pages at `resolution` (0 standard, 1 fine). */
function callResult(outcome: CallOutcome, pages: number, resolution: number): CallResult {
  const perPage = SECONDS_PER_PAGE[resolution === RESOLUTION_CODE.fine ? 'fine' : 'standard'];
  switch (outcome) {
    case 'success': {
      const seconds = CALL_SETUP_SECONDS + pages * perPage;
      return { lastStatus: 0, pagesSent: pages, seconds, callDuration: seconds };
    }
    case 'busy':
      return { lastStatus: 2, pagesSent: 0, seconds: 15, callDuration: 0 };
    case 'no-answer':
      return { lastStatus: 1, pagesSent: 0, seconds: 60, callDuration: 0 };
    case 'not-fax':
      return { lastStatus: 3, pagesSent: 0, seconds: 35, callDuration: 35 };
    case 'bad-number':
      return { lastStatus: 5, pagesSent: 0, seconds: 8, callDuration: 0 };
    case 'disconnect': {
      const sent = Math.floor(pages / 2);
      return { lastStatus: 6, pagesSent: sent, seconds: 35 + sent * perPage, callDuration: 35 + sent * perPage };
    }
  }
}

/** The call the fax's current attempt makes. */
function currentCall(fax: FaxRecord): CallResult {
  const calls = scenarioFor(fax.faxNumber).calls;
  return callResult(calls[Math.min(fax.attempts, calls.length) - 1], fax.pages, fax.resolution);
}

function renderSeconds(fax: Pick<FaxRecord, 'pages' | 'renderable'>): number {
  return fax.renderable ? Math.max(1, fax.pages * DURATION_S.renderPerPage) : 2;
}

export interface Step {
  fax: FaxRecord;
  /** The current attempt row after the step (unchanged rows are written back harmlessly). */
  row: AttemptRecord;
  /** A redial opens a new attempt row in this state. */
  newRow?: { retryCount: number; currentState: number };
  charge: number;
}

/** Leaves the current state at `fax.nextAt` and enters the next one. */
export function step(current: FaxRecord, currentRow: AttemptRecord, env: MachineEnv): Step {
  const fax = { ...current };
  const row = { ...currentRow };
  const scenario = scenarioFor(fax.faxNumber);
  const at = fax.nextAt ?? 0;
  let charge = 0;
  let newRow: Step['newRow'];
  const enter = (state: number, seconds: number) => {
    fax.state = state;
    fax.nextAt = at + (seconds * 1000) / env.speed;
  };
  const finish = (state: number, lastStatus: number) => {
    fax.state = state;
    fax.final = true;
    fax.nextAt = null;
    fax.lastStatus = lastStatus;
    row.lastStatus = lastStatus;
    fax.webhook = env.webhookEnabled ? 1 : 0;
  };

  switch (fax.state) {
    case STATE.received:
      enter(STATE.rendering, renderSeconds(fax));
      break;
    case STATE.rendering:
      if (!fax.renderable || scenario.conversionFails) {
        fax.renderStatus = RENDER_STATUS.failed;
        finish(STATE.conversionFailed, 8);
      } else {
        fax.renderStatus = RENDER_STATUS.complete;
        enter(STATE.creditCheck, DURATION_S.creditCheck);
      }
      break;
    case STATE.creditCheck:
      if (scenario.creditCheckFails || env.creditOf(fax.accountId) < roundMoney(fax.pages * env.pricePerPage)) finish(STATE.creditHold, 9);
      else enter(STATE.outboundTable, fax.priority === 'Low' ? DURATION_S.outboundTableLow : DURATION_S.outboundTableNormal);
      break;
    case STATE.outboundTable:
      enter(STATE.queued, DURATION_S.queued);
      break;
    case STATE.queued:
      fax.attempts += 1;
      enter(STATE.dialling, currentCall(fax).seconds);
      break;
    case STATE.dialling: {
      const call = currentCall(fax);
      charge = roundMoney(call.pagesSent * env.pricePerPage);
      fax.cost = roundMoney(fax.cost + charge);
      fax.lastStatus = call.lastStatus;
      Object.assign(row, { lastStatus: call.lastStatus, pagesSent: call.pagesSent, callDuration: call.callDuration, realCost: charge });
      enter(STATE.reporting, DURATION_S.reporting);
      break;
    }
    case STATE.reporting:
      if (fax.lastStatus === 0) finish(STATE.delivered, 0);
      else if (lastStatusInfo(fax.lastStatus)?.redial && fax.attempts < MAX_ATTEMPTS) enter(STATE.waitingRedial, DURATION_S.redialWait);
      else finish(STATE.failed, fax.lastStatus);
      break;
    case STATE.waitingRedial:
      enter(STATE.queued, DURATION_S.queued);
      newRow = { retryCount: fax.rowCount + 1, currentState: STATE.queued };
      break;
    default:
      // Unknown or final state: nothing to do (final faxes are never stepped).
      fax.final = true;
      fax.nextAt = null;
  }
  // The previous attempt's row keeps the state it ended in (7); the new row carries on.
  if (!newRow) row.currentState = fax.state;
  return { fax, row, newRow, charge };
}
