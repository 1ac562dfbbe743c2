// Error wording for the screen. Kept apart from api.ts so components can word an error
// without importing the module that talks to main (only the store does that).

/** An error's message for the user, whatever was thrown. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
