// The sidecar `NAME.pdf.json` another program writes next to a PDF to say where it goes.
// Validated strictly: a typo in a key is an error with its place named, not a silent default.
//
// {
//   "recipients": ["+1 212 555 0100", { "number": "212 555 0101", "name": "Dr Smith" }],
//   "headers": { "to": "Dr Smith", "from": "Acme Clinic" },
//   "subject": "Referral",
//   "options": { "resolution": "fine", "paperSize": "letter", "priority": "Normal" }
// }

import { z } from 'zod';
import { PAPER_SIZES, PRIORITIES, RESOLUTIONS } from '../../shared/domain.ts';

const recipient = z.union([
  z.string().min(1, 'a recipient number cannot be empty'),
  z.strictObject({ number: z.string().min(1, 'the number cannot be empty'), name: z.string().optional() }),
]);

const sidecarSchema = z.strictObject({
  recipients: z.array(recipient).min(1, 'list at least one recipient'),
  headers: z.strictObject({ to: z.string().optional(), from: z.string().optional() }).optional(),
  subject: z.string().optional(),
  options: z
    .strictObject({
      resolution: z.enum(RESOLUTIONS).optional(),
      paperSize: z.enum(PAPER_SIZES).optional(),
      priority: z.enum(PRIORITIES).optional(),
    })
    .optional(),
});

export type Sidecar = z.infer<typeof sidecarSchema>;

export type SidecarParse = { ok: true; sidecar: Sidecar } | { ok: false; problem: string };

/** Parses and validates sidecar text; the failure names the file, the place and the fix. */
export function parseSidecar(text: string, fileName: string): SidecarParse {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `The routing file "${fileName}" is not valid JSON (${(error as Error).message}): fix it or remove it.` };
  }
  const result = sidecarSchema.safeParse(data);
  if (result.success) return { ok: true, sidecar: result.data };
  const details = result.error.issues.map((issue) => {
    const where =
      issue.path.length > 0
        ? issue.path
            .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
            .join('')
            .replace(/^\./, '')
        : 'the file';
    return `${where}: ${issue.message}`;
  });
  return {
    ok: false,
    problem: `The routing file "${fileName}" is not valid (${details.join('; ')}). Expected {"recipients": ["number", …], "headers": {"to", "from"}, "subject", "options": {"resolution", "paperSize", "priority"}}.`,
  };
}
