// What an Openfax account ID looks like, checked the same way by the Settings form, the
// account service that saves it, and the settings schema that stores it.

/** The number the Openfax portal shows: digits only, at most 12 of them. */
const ACCOUNT_ID = /^\d{1,12}$/;

/** Why `id` (already trimmed) cannot be an account ID, in words for the person; undefined when it can. */
export function accountIdProblem(id: string): string | undefined {
  return ACCOUNT_ID.test(id) ? undefined : 'The account ID is the number shown in your Openfax portal (digits only).';
}
