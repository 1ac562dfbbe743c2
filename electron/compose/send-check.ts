// Everything the form shows live is checked again here before a fax leaves: the renderer may
// be out of date, and the draft may have come back from disk. Each problem names its field.

import type { PaperSize, Priority, Resolution } from '../../shared/domain.ts';
import { checkHeader, checkPaperSize, checkPriority, checkResolution, normalizeFaxNumber } from '../../shared/fax-rules.ts';
import type { ComposeDocument, DraftFields, SendProblem } from '../../shared/ipc/contract/compose.ts';
import { toHeaderFor } from '../../shared/fax-header.ts';
import { planPaperSize } from '../pdf/paper-size.ts';

export interface PlannedRecipient {
  number: string;
  display: string;
  contactId?: number;
  name?: string;
  company?: string;
  toHeader: string;
}

export interface SendPlan {
  recipients: PlannedRecipient[];
  fromHeader: string;
  paperSize: PaperSize;
  resolution: Resolution;
  priority: Priority;
  pages: number;
}

export function planSend(
  documents: readonly ComposeDocument[],
  fields: DraftFields,
  defaults: { paperSize: PaperSize; defaultCountry: string },
): { ok: true; plan: SendPlan } | { ok: false; problems: SendProblem[] } {
  const problems: SendProblem[] = [];
  const add = (field: SendProblem['field'], message: string, action = '') => problems.push({ field, message, action });
  const addRule = (field: SendProblem['field'], reason: string, prefix = '') => {
    const p = splitReason(field, reason);
    problems.push({ ...p, message: prefix + p.message });
  };

  if (documents.length === 0 && !fields.cover.enabled) {
    add('documents', 'There is nothing to send yet.', 'Drop a PDF on the window, or choose one with "Add PDF…".');
  }
  if (fields.recipients.length === 0) {
    add('recipients', 'No recipient yet.', 'Type a fax number or a name from the address book in Recipients.');
  }

  const shared = fields.toHeader.trim() !== '';
  const recipients: PlannedRecipient[] = [];
  for (const r of fields.recipients) {
    const label = r.name ? `${r.name} (${r.display})` : r.display;
    const number = normalizeFaxNumber(r.number.length > 0 ? `+${r.number}` : '', defaults.defaultCountry);
    if (!number.ok) {
      add('recipients', `${label}: ${number.reason}`);
      continue;
    }
    const toHeader = toHeaderFor(fields.toHeader, r);
    if (!shared && toHeader !== '') {
      const own = checkHeader('To', toHeader);
      if (!own.ok) addRule('toHeader', own.reason, `${label}'s To header in the address book: `);
    }
    recipients.push({
      number: number.value.digits,
      display: number.value.display,
      contactId: r.contactId,
      name: r.name,
      company: r.company,
      toHeader,
    });
  }
  const seen = new Set<string>();
  for (const r of recipients) {
    if (seen.has(r.number)) add('recipients', `${r.display} is in the list twice.`, 'Remove one of them, or it will be faxed twice.');
    seen.add(r.number);
  }

  const to = checkHeader('To', fields.toHeader);
  if (!to.ok) addRule('toHeader', to.reason);
  const from = checkHeader('From', fields.fromHeader);
  if (!from.ok) addRule('fromHeader', from.reason);

  const { paperSize } = planPaperSize(
    documents.flatMap((d) => d.pagePaper),
    fields.paperSize ?? undefined,
    defaults.paperSize,
  );
  for (const check of [checkPaperSize(paperSize), checkResolution(fields.resolution), checkPriority(fields.priority)]) {
    if (!check.ok) add('options', check.reason);
  }

  if (problems.length > 0) return { ok: false, problems };
  const pages = documents.reduce((n, d) => n + d.pages, 0) + (fields.cover.enabled ? 1 : 0);
  return {
    ok: true,
    plan: { recipients, fromHeader: fields.fromHeader, paperSize, resolution: fields.resolution, priority: fields.priority, pages },
  };
}

/** The header rules write "what is wrong: what to do"; the form shows the halves apart. */
function splitReason(field: SendProblem['field'], reason: string): SendProblem {
  const cut = reason.indexOf(': ');
  if (cut < 0) return { field, message: reason, action: '' };
  const rest = reason.slice(cut + 2);
  return { field, message: `${reason.slice(0, cut)}.`, action: rest.charAt(0).toUpperCase() + rest.slice(1) };
}
