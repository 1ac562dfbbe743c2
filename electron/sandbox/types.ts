// Public types of the sandbox (the agreed interface), plus the few optional extras it offers.

import type { PdfInspector } from '../pdf/pdf-inspector.ts';
import type { ServerLimits } from './server-limits.ts';

/**
 * Where a fault strikes relative to the work. `drop` and `http500` happen before anything is
 * accepted (no fax is created); `malformed`, `drop-after-accept` and `latency` happen after the
 * request was handled, so a submission they hit IS accepted and in `faxes()` although the client
 * never read a clean answer: the case the outbox's never-double-send logic must survive.
 */
export type FaultKind = 'latency' | 'http500' | 'malformed' | 'drop' | 'drop-after-accept';

export interface FaultOptions {
  /** Share of requests hit, 0..1. */
  rate: number;
  kinds: FaultKind[];
  /** Extra delay for `latency`, in real milliseconds (not divided by speed). Default 1500. */
  latencyMs?: number;
  /** Seed of the fault RNG; the same seed and request order give the same faults. Default 1. */
  seed?: number;
  /** Only these endpoint paths (e.g. ['/faxSendSubmit.php']); default all three. */
  paths?: string[];
}

export interface SandboxAccount {
  accountId: string;
  apiKey: string;
  credit: number;
  active?: boolean;
}

/** Time source and timers; injectable so tests can drive time. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SandboxOptions {
  port?: number;
  host?: '127.0.0.1';
  /** Keep accounts and faxes in `<dataDir>/openfax-sandbox.sqlite`; omitted = in memory. */
  dataDir?: string;
  /** Divides every simulated duration: 1 = realistic, 1000 = tests. */
  speed?: number;
  faults?: FaultOptions;
  webhookUrl?: string;
  /** Created when missing; with a dataDir an existing account keeps its stored credit. */
  accounts?: SandboxAccount[];
  /** Charged per page transmitted, per attempt. Default 0.07. */
  pricePerPage?: number;
  clock?: Clock;
  /** What one request or client may cost (server-limits.ts); tests shorten the timeouts. */
  limits?: Partial<ServerLimits>;
  /** false: start with the HTTP server closed (the app opens it only in sandbox mode); `url` is known already. */
  listen?: boolean;
  /** Where fax images are drawn (the app's PDF check); this process's PDF check (a worker thread) when absent. Not closed by the sandbox. */
  pdfInspector?: PdfInspector;
}

export interface SandboxFax {
  outTransId: string;
  accountId: string;
  faxNumber: string;
  toHeader: string;
  fromHeader: string;
  /**
   * The from-header field names the request carried: the vendor's table says frHeader, its PHP
   * sample fromHeader. The sandbox reads either (frHeader when both come); this records which came.
   */
  fromHeaderFields: string[];
  /** Read from the PDF at submission; 0 when the PDF cannot be rendered. */
  pages: number;
  paperSize: number;
  resolution: number;
  priority: string;
  /** ISO 8601, UTC. */
  submittedAt: string;
  /** Calls placed (0 for conversion or credit failures). */
  attempts: number;
  currentState: number;
  lastStatus: number;
  /** Total charged over all attempts. */
  cost: number;
  pdfSha256: string;
  /** The fax image the sandbox drew and serves (FaxDocURL), once drawn; absent when it could not be. */
  image?: { url: string; sha256: string; pages: number; bytes: number };
}

export interface Sandbox {
  /** Where it answers; the port stays the same across stopListening() and listen() while it is free. */
  readonly url: string;
  readonly port: number;
  /** Whether the HTTP server is open. */
  readonly listening: boolean;
  /** Opens the HTTP server (again); faxes, accounts and the schedule carry on either way. */
  listen(): Promise<void>;
  /** Closes the HTTP server and its connections; the simulator keeps its state and schedule. */
  stopListening(): Promise<void>;
  close(): Promise<void>;
  demoAccount: { accountId: string; apiKey: string };
  /** The sandbox's own log: every accepted submission, oldest first. */
  faxes(): SandboxFax[];
  setFaults(f: FaultOptions | undefined): void;
  setCredit(accountId: string, credit: number): void;
  getCredit(accountId: string): number;
  /** Resolves when no fax is in flight and no webhook is pending. */
  settle(): Promise<void>;
  /**
   * Resolves once no fax image is being drawn. A fax stays in rendering (RenderStatus 0) until its
   * image is drawn, so a test that drives a manual clock waits for this after submitting.
   */
  imagesDrawn(): Promise<void>;
}
