// What a converter says when a document could not be made, in the person's words: which row,
// what happened, what to do. The code is for tests and the detail view.

import { basename } from 'node:path';
import type { ConvertItem, MergeProblem } from '../types.ts';

/** A ConvertItem may carry how the person knows it ("row 42"); types.ts has no field for it yet. */
type NamedItem = ConvertItem & { label?: string };

/** "row 42's document" when the item says how the person knows it, else its file's name. */
export function documentName(item: ConvertItem): string {
  const label = (item as NamedItem).label;
  if (typeof label === 'string' && label.trim()) return `${label.trim()}'s document`;
  return `“${basename(item.docxPath)}”`;
}

const NOISE = [/javaldx/i, /^\s*$/];

/** The last lines a program wrote on stderr worth showing (LibreOffice's Java warning is not). */
export function stderrExcerpt(stderr: string, max = 300): string {
  const lines = stderr
    .split(/\r?\n/)
    .filter((line) => !NOISE.some((re) => re.test(line)))
    .slice(-3)
    .join(' ')
    .trim();
  return lines.length > max ? `…${lines.slice(-max)}` : lines;
}

function said(program: string, stderr: string): string {
  const excerpt = stderrExcerpt(stderr);
  return excerpt ? ` ${program} said: ${excerpt}` : '';
}

/**
 * The same words reach a preview (the converter can still be changed) and a running merge (it
 * cannot, and a failed row is not tried again): promise only what can be done in both.
 */
const ANOTHER = 'another converter may manage it (pick one before sending, or send this row in a new merge)';

const seconds = (ms: number) => `${Math.max(1, Math.round(ms / 1000))} s`;

export function timeoutProblem(program: string, item: ConvertItem, ms: number): MergeProblem {
  return {
    code: 'converter-timeout',
    message: `${program} did not finish ${documentName(item)} within ${seconds(ms)}; it was stopped.`,
    action: `The other rows carry on. Preview this row to see what makes it so long (a very long value, a huge picture); ${ANOTHER}.`,
  };
}

export function crashProblem(program: string, item: ConvertItem, how: string, stderr: string): MergeProblem {
  return {
    code: 'converter-crashed',
    message: `${program} stopped (${how}) while converting ${documentName(item)}.${said(program, stderr)}`,
    action: `The other rows carry on. Preview this row to see whether it happens again; ${ANOTHER}.`,
  };
}

export function unreadableProblem(program: string, item: ConvertItem, stderr: string): MergeProblem {
  return {
    code: 'converter-unreadable',
    message: `${program} could not open ${documentName(item)}.${said(program, stderr)}`,
    action: `Check that the template opens in Word or LibreOffice; ${ANOTHER}.`,
  };
}

export function notPdfProblem(program: string, item: ConvertItem, why: string): MergeProblem {
  return {
    code: 'converter-bad-output',
    message: `${program} did not make a whole PDF of ${documentName(item)} (${why}).`,
    action: `Preview this row to see whether it happens again; ${ANOTHER}.`,
  };
}

export function brokenProblem(program: string, starts: number, stderr: string): MergeProblem {
  return {
    code: 'converter-failed',
    message: `${program} stopped ${starts} times before converting anything.${said(program, stderr)}`,
    action: `Check that ${program} opens on this computer (and is not asking a question in a window); ${ANOTHER}.`,
  };
}

export function unavailableProblem(program: string, detail: string): MergeProblem {
  return {
    code: 'converter-unavailable',
    message: `${program} cannot convert documents here: ${detail}`,
    action: 'Install it, or pick another converter before sending (a merge that has started keeps its converter).',
  };
}

export function failedProblem(program: string, item: ConvertItem, detail: string): MergeProblem {
  return {
    code: 'converter-error',
    message: `${program} could not convert ${documentName(item)}: ${detail}`,
    action: `Preview this row to see whether it happens again; ${ANOTHER}.`,
  };
}
