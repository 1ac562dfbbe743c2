// Answers as main would word them, for the fake main. Each builder gives a value the
// contract's schema accepts; a test overrides the fields it is about.

import type { AccountView } from '../../shared/ipc/contract/account.ts';
import { type ComposeDraft, type ComposeState, draftSummary } from '../../shared/ipc/contract/compose.ts';
import type { ContactDetail, ContactSummary } from '../../shared/ipc/contract/contacts.ts';
import { countsOfStates } from '../../shared/broadcast-counts.ts';
import type { JobState } from '../../shared/domain.ts';
import type { BroadcastRow, JobDetail, JobRow, OutboxSummary } from '../../shared/ipc/contract/jobs.ts';
import { JOB_FILTERS } from '../../shared/outbox-filters.ts';
import { SETTINGS_DEFAULTS, type Settings } from '../../shared/settings.ts';

const T0 = Date.UTC(2025, 0, 6, 9, 30);

export function account(over: Partial<AccountView> = {}): AccountView {
  return {
    mode: 'sandbox',
    accountId: '',
    apiUrl: 'https://api.openfax.com',
    keySet: false,
    keyProblem: null,
    liveReady: false,
    keychain: 'Secret Service keyring',
    keychainError: null,
    credit: 25,
    creditCheckedAt: T0,
    lowCreditThreshold: 5,
    lowCredit: false,
    connection: 'ok',
    lastError: null,
    sandbox: {
      accountId: '100000',
      magicNumbers: [{ example: '+1 555 0100', pattern: '…0100', outcome: 'Delivered' }],
      otherNumbers: 'Delivered',
    },
    ...over,
  };
}

export function settings(over: Partial<Settings> = {}): Settings {
  return { ...SETTINGS_DEFAULTS, ...over };
}

export function summary(over: Partial<OutboxSummary> = {}): OutboxSummary {
  const zero = () => Object.fromEntries(JOB_FILTERS.map((f) => [f, 0])) as OutboxSummary['counts'];
  return { counts: zero(), inFlight: 0, mode: 'sandbox', bySide: { sandbox: zero(), live: zero() }, ...over };
}

export function jobRow(id: number, over: Partial<JobRow> = {}): JobRow {
  return {
    kind: 'job',
    id,
    sortId: id,
    state: 'delivered',
    status: { tone: 'delivered', label: 'Delivered', detail: null, code: null, action: null },
    recipientName: `Recipient ${id}`,
    recipientCompany: null,
    number: '+1 202 555 0150',
    documentId: `doc-${id}`,
    documentName: `Letter ${id}.pdf`,
    pages: 2,
    pagesSent: 2,
    attempts: 1,
    maxAttempts: 3,
    cost: 0.14,
    createdAt: T0 + id * 60_000,
    submittedAt: T0 + id * 60_000,
    updatedAt: T0 + id * 60_000,
    finalAt: T0 + id * 60_000,
    broadcastId: null,
    resendOf: null,
    outTransId: null,
    canResend: true,
    canCancel: false,
    canRetry: false,
    retryRisksDuplicate: false,
    resendNeedsNumber: null,
    side: 'sandbox',
    redialAt: null,
    ...over,
  };
}

/** A broadcast row whose counts are those of jobs in `states` (as main computes them). */
export function broadcastRow(id: number, states: readonly JobState[], over: Partial<BroadcastRow> = {}): BroadcastRow {
  const counts = countsOfStates(states);
  return {
    kind: 'broadcast',
    id,
    sortId: id,
    name: `Broadcast ${id}`,
    documentId: `doc-b${id}`,
    documentName: `Price list ${id}.pdf`,
    pages: 2,
    total: counts.total,
    counts,
    resendable: counts.failed + counts.refused,
    side: 'sandbox',
    cost: 0.28,
    status: { tone: 'in-progress', label: 'In progress', detail: null, code: null, action: null },
    createdAt: T0 + id * 60_000,
    updatedAt: T0 + id * 60_000,
    canResendFailed: counts.failed + counts.refused > 0,
    canCancel: counts.waiting > 0,
    ...over,
  };
}

export function jobDetail(job: JobRow): JobDetail {
  return {
    job,
    timeline: [],
    document: { id: job.documentId, name: job.documentName, pages: job.pages, available: false },
    options: { toHeader: '', fromHeader: 'Acme', paperSize: 'letter', resolution: 'standard', priority: 'Normal' },
    broadcast: null,
    resendOf: null,
    resentAs: null,
  };
}

export function draft(over: Partial<ComposeDraft> = {}): ComposeDraft {
  return {
    id: 'draft-1',
    recipients: [],
    toHeader: '',
    toHeaderAuto: true,
    fromHeader: 'Acme',
    resolution: 'standard',
    priority: 'Normal',
    paperSize: null,
    cover: { enabled: false, to: '', from: '', subject: '', message: '' },
    documents: [],
    send: null,
    sentBefore: [],
    updatedAt: T0,
    ...over,
  };
}

export function composeState(d: ComposeDraft = draft(), others: ComposeDraft[] = []): ComposeState {
  return {
    draft: d,
    drafts: [d, ...others].map(draftSummary),
    defaults: { fromHeader: 'Acme', resolution: 'standard', priority: 'Normal', paperSize: 'letter', defaultCountry: 'US' },
    pricing: { pricePerPage: 0.07, priceSource: 'sandbox', credit: 25 },
  };
}

export function composeDocument(id: string, name: string, pages = 1): ComposeDraft['documents'][number] {
  return { id, name, pages, size: 1000 * pages, paperSize: 'letter', pagePaper: Array(pages).fill('letter'), source: 'drop' };
}

export function contact(id: number, name: string, over: Partial<ContactSummary> = {}): ContactSummary {
  return {
    id,
    name,
    company: '',
    faxNumber: `1202555${String(id).padStart(4, '0')}`,
    faxDisplay: `+1 202 555 ${String(id).padStart(4, '0')}`,
    favourite: false,
    ...over,
  };
}

export function contactDetail(summary: ContactSummary, over: Partial<ContactDetail> = {}): ContactDetail {
  return {
    ...summary,
    faxRaw: summary.faxDisplay,
    toHeader: '',
    defaultToHeader: summary.name.slice(0, 15),
    notes: '',
    groupIds: [],
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}
