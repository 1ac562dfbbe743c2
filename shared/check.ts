// The shape every fax rule answers with: the value, or a reason that names the problem and the fix.

export type Check<T> = { ok: true; value: T } | { ok: false; reason: string };

export const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });
